// Generated from openapi.yaml by apps/web/scripts/api-types.ts: do not edit.
// Regenerate with `pnpm openapi:write` (root) or `pnpm --filter @qf/web api:types`.
export type paths = {
  '/health': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Le processus répond
     * @description Vivacité du processus ; ne vérifie aucune dépendance.
     */
    get: operations['getHealth']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/ready': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Le service peut recevoir du trafic
     * @description Vérifie la base de données et la file de tâches ; 503 si l’une ne répond pas.
     */
    get: operations['getReadiness']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/metrics': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Métriques Prometheus
     * @description Requêtes par route (nombre, latence) et tâches par file et état, au format texte Prometheus. Exige `Authorization: Bearer <METRICS_TOKEN>` dès que `METRICS_TOKEN` est défini (toujours en production).
     */
    get: operations['getMetrics']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/openapi.json': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** La description OpenAPI 3.1 de cette API */
    get: operations['getOpenApiDocument']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/collectivities': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Rechercher une collectivité proposée aux familles
     * @description Les collectivités proposées aux familles (état `active`), triées par nom, filtrées par `q` s’il est donné : une partie du nom (« amberieu », « PARIS »), le début d’un code postal (« 750 ») ou un code de département (« 04 », « 2A », « 974 »). Au plus `limit` résultats ; une recherche sans résultat renvoie une liste vide.
     */
    get: operations['listCollectivities']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/collectivities/{siret}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Lire une collectivité proposée aux familles
     * @description La collectivité portant ce SIRET, si elle est proposée aux familles (habilitée et abonnée à HubEE). 404 `urn:qf:problem:collectivity-not-found` si le SIRET est inconnu ; 404 `urn:qf:problem:collectivity-not-offered` si elle est connue mais pas proposée (`code` `not_yet_offered` : inscription en cours ; `no_longer_offered` : suspendue ou close) ; 422 si le SIRET n’a pas 14 chiffres.
     */
    get: operations['getCollectivity']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/collectivities/{siret}/links': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Construire le lien personnalisé d’une collectivité
     * @description Le lien à donner aux familles, `<site>/collectivites/<SIRET>`, avec `external_id` et `redirect_uri` s’ils sont donnés : le même contrôle que les QR codes et le parcours. Un `redirect_uri` hors de la liste autorisée par la collectivité est refusé (422 `urn:qf:problem:invalid-redirect-uri`, la raison dans `errors[0].reason`). 404 si la collectivité est inconnue ou inactive.
     */
    get: operations['getCollectivityLink']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/collectivities/{siret}/qrcode.svg': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * QR code (SVG) de la page d’une collectivité
     * @description Un QR code (SVG) qui mène à la page publique de la collectivité, `<site>/collectivites/<SIRET>`. Avec `external_id` et/ou `redirect_uri`, il porte le lien personnalisé de l’éditeur (ces paramètres ajoutés à l’adresse) ; un `redirect_uri` hors de la liste autorisée par la collectivité est refusé (422). 404 si la collectivité est inconnue ou n’est pas proposée aux familles. Sans donnée personnelle : réponse publique, en cache 5 minutes.
     */
    get: operations['getCollectivityQrCodeSvg']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/collectivities/{siret}/qrcode.png': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * QR code (PNG, à télécharger) de la page d’une collectivité
     * @description Un QR code (PNG, 512 pixels de côté) qui mène à la page publique de la collectivité, `<site>/collectivites/<SIRET>`. Avec `external_id` et/ou `redirect_uri`, il porte le lien personnalisé de l’éditeur (ces paramètres ajoutés à l’adresse) ; un `redirect_uri` hors de la liste autorisée par la collectivité est refusé (422). 404 si la collectivité est inconnue ou n’est pas proposée aux familles. Sans donnée personnelle : réponse publique, en cache 5 minutes. Servi en pièce jointe `qrcode-<SIRET>.png`.
     */
    get: operations['getCollectivityQrCodePng']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/sessions': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Ouvrir le parcours d’un citoyen pour une collectivité
     * @description Crée une session neuve (une par parcours : elle n’hérite jamais de la précédente) et renvoie l’URL de connexion FranceConnect. Front-end de même site : la session est portée par un cookie `HttpOnly`. Front-end tiers (autre origine autorisée, sans cookie tiers) : passer `frontendUrl` ; après FranceConnect le navigateur revient sur `frontendUrl/collectivites/<SIRET>/envoyer_mes_donnees#login_code=…`, code à échanger par `exchangeLoginCode` contre un jeton de session.
     */
    post: operations['createSession']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/sessions/current': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Où en est le parcours : collectivité, identité, quotient familial, envoi
     * @description Repousse l’expiration d’inactivité (30 minutes). Après l’envoi (`step` = `submitted`), ne montre plus que `submission` (référence et état) : l’identité et le quotient familial ont quitté la session.
     */
    get: operations['getCurrentSession']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/sessions/current/logout': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Fermer la session (et celle de FranceConnect)
     * @description Détruit la session et ses données ; renvoie l’URL `session/end` de FranceConnect où envoyer le navigateur, qui revient ensuite à l’accueil.
     */
    post: operations['logoutCurrentSession']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/sessions/current/login-url': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Un nouveau lien de connexion pour la session en cours
     * @description Pour réessayer après une connexion annulée : un nouveau ticket à usage unique (5 minutes) remplace le précédent. Réservé au détenteur de la session ; refusé une fois connecté (`urn:qf:problem:session-already-authenticated`).
     */
    post: operations['renewLoginUrl']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/sessions/token': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Front-end tiers : échanger le code de connexion contre un jeton de session
     * @description Le `login_code` reçu dans le fragment de l’URL de retour est à usage unique et vit 2 minutes. Le jeton s’envoie ensuite en `Authorization: Bearer`.
     */
    post: operations['exchangeLoginCode']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/auth/franceconnect/login': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Envoyer le navigateur chez FranceConnect
     * @description Ouvert par le navigateur (c’est le `loginUrl` de `createSession` ou de `renewLoginUrl`). Consomme le ticket (à usage unique, 5 minutes, jamais pour une session déjà connectée), lie la connexion à ce navigateur (cookie), puis redirige vers FranceConnect (code + PKCE, `state`, `nonce`, `acr_values=eidas1`). Sans ticket valide, rien ne démarre : le navigateur va à la page d’erreur. FranceConnect injoignable : page d’erreur `franceconnect_unavailable`, et le ticket reste valable (un rechargement repart).
     */
    get: operations['startFranceConnectLogin']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/auth/franceconnect/callback': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Retour de FranceConnect
     * @description Échange le code, vérifie l’id_token (ES256 : `iss`, `aud`, `nonce`, `acr`) et le userinfo signé, lit aussitôt le quotient familial chez API Particulier, puis renvoie le navigateur vers `/collectivites/<SIRET>/envoyer_mes_donnees`, ou `/collectivites/<SIRET>/erreur?code=<code stable>`.
     */
    get: operations['franceConnectCallback']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/auth/franceconnect/logout-callback': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Retour de la déconnexion FranceConnect
     * @description Renvoie le navigateur à la page « Vous êtes déconnecté » de la collectivité (son SIRET voyage dans `state`), à l’accueil du site sinon.
     */
    get: operations['franceConnectLogoutCallback']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/sessions/current/submission': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Transmettre le quotient familial à la collectivité
     * @description Le citoyen consent explicitement (`{"consent": true}`, rien d’autre). Réservé à une session connectée dont le quotient familial a été lu. En une transaction : la trace de l’envoi (`queued`), le dossier scellé et sa tâche de dépôt dans HubEE ; les données personnelles quittent la session. Un second appel (double clic, deux onglets) renvoie la même référence : un seul envoi par parcours. Le dépôt se fait ensuite en tâche de fond ; son état se suit avec `getSubmission`.
     */
    post: operations['submitCurrentSession']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/submissions/{reference}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Où en est un envoi (référence de 13 caractères)
     * @description Public (la référence est ce que le citoyen garde et donne au support) : état, collectivité, dates ; aucune donnée personnelle. Une référence inconnue ou purgée (90 jours après l’envoi) répond 404.
     */
    get: operations['getSubmission']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/webhooks/datapass': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Recevoir un événement DataPass (embarquement d’une collectivité)
     * @description Appelé par DataPass, signé : `X-Hub-Signature-256: sha256=<HMAC-SHA256 hexadécimal du corps brut>` avec le secret partagé (`DATAPASS_WEBHOOK_SECRET`), comparé en temps constant ; signature absente ou fausse → 401, rien n’est enregistré. Un appel de test reçoit 200. Un `approve` d’une demande validée embarque la collectivité : INSEE Sirene → organisation HubEE `SI-<SIRET>-<COG>` → abonnement `FormulaireQF` (créé `Inactif`, activé à la main par HubEE) → collectivité `awaiting_hubee`, puis `active` quand l’abonnement est relu `Actif`. `revoke` (et `refuse` d’une demande sans habilitation en vigueur) la suspend aussitôt ; `archive` la ferme ; `transfer` change son éditeur ; tout autre événement (`reopen`, inconnu…) est enregistré sans effet (`recorded`), jamais une erreur 5xx. Rejouer le même événement ne change rien ; un échec transitoire est réessayé par une tâche, un échec définitif est visible des exploitants.
     */
    post: operations['receiveDatapassWebhook']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/audit': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Journal des appels faits avec une clé d’API
     * @description Clé `admin` seulement. Chaque lecture du quotient familial et chaque appel d’administration : clé (identifiant public), périmètre, opération, collectivité, résultat, date. Aucune donnée personnelle. Conservé `AUDIT_RETENTION_DAYS` jours. Les plus récents d’abord.
     */
    get: operations['listAudit']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/collectivities': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Lister les collectivités (filtres)
     * @description Toutes les collectivités (proposées ou non) triées par nom, filtrées par état (`lifecycle`), ancien statut (`status=active` : proposées ; `inactive` : les autres), éditeur, département, jeton qui expire. Une clé d’éditeur ne voit que les siennes.
     */
    get: operations['listAdminCollectivities']
    put?: never
    /**
     * Créer une collectivité
     * @description Crée une collectivité, à l’état `draft` (non proposée aux familles). Avec `status: active` (clé `admin` seulement), la décision des exploitants l’habilite : elle passe `awaiting_hubee`, puis `active` quand son abonnement HubEE `FormulaireQF` est relu `Actif` (relecture périodique, ou `checkCollectivityHubee`). Une clé d’éditeur crée seulement des collectivités dont elle est l’éditeur (`editor` = son SIRET et son nom), sans `status` (403). 409 si le SIRET existe déjà.
     */
    post: operations['createCollectivity']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/collectivities/{siret}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Lire une collectivité (administration)
     * @description Tous ses champs, sauf le jeton lui-même : « enregistré, expire le … ».
     */
    get: operations['getAdminCollectivity']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    /**
     * Modifier une collectivité
     * @description Les champs donnés remplacent les anciens ; une clé d’éditeur ne peut ni changer d’éditeur ni donner `status` (403). `status` (clé `admin`) : `active` habilite la collectivité (proposée une fois l’abonnement HubEE relu `Actif`), `inactive` la suspend ; 409 (`urn:qf:problem:lifecycle-transition-refused`) si son état ne le permet pas (ex. `closed`).
     */
    patch: operations['updateCollectivity']
    trace?: never
  }
  '/api/v1/admin/collectivities/{siret}/deactivate': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Désactiver une collectivité
     * @description Clé `admin` seulement : la collectivité passe `suspended` (décision des exploitants) et est retirée du public (page, recherche, parcours) ; ses données restent. Seule une clé `admin` la rétablit (`status: active`).
     */
    post: operations['deactivateCollectivity']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/collectivities/{siret}/check-hubee': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Relire l’abonnement HubEE d’une collectivité
     * @description Clé `admin` seulement : relit maintenant l’abonnement `FormulaireQF` dans le référentiel HubEE (sinon la tâche périodique le fait, `HUBEE_SUBSCRIPTION_CHECK_CRON`). `Actif` : une collectivité habilitée (`awaiting_hubee`, ou suspendue à cause de HubEE) devient `active` ; autre chose : une collectivité `active` est suspendue. 503 si HubEE ne répond pas.
     */
    post: operations['checkCollectivityHubee']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/collectivities/{siret}/transitions': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Historique du cycle de vie d’une collectivité
     * @description Chaque transition (de, vers, événement, qui — type et identifiant —, pourquoi, quand), de la plus ancienne à la plus récente ; aussi les événements DataPass reçus sans changement d’état (`to` `null`). Une clé d’éditeur ne lit que celles de ses collectivités.
     */
    get: operations['listCollectivityTransitions']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/collectivities/{siret}/api-particulier-token': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    /**
     * Enregistrer le jeton API Particulier d’une collectivité
     * @description Le jeton est scellé (AES-256-GCM) et ne sera jamais renvoyé. Sa date d’expiration est lue dans le JWT (`exp`) ; pour un jeton qui n’est pas un JWT, donnez `expiresAt`. La réponse dit seulement « enregistré, expire le … ».
     */
    put: operations['setApiParticulierToken']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/collectivities/import': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Importer des collectivités (CSV ou JSON)
     * @description Tout ou rien : chaque ligne est contrôlée d’abord ; une ligne invalide est signalée avec son numéro (`errors[].name` : `ligne 3`, `items[2].siret`…) et rien n’est écrit. Réimporter le même fichier ne change rien (`unchanged`).
     */
    post: operations['importCollectivities']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/onboardings': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Lister les embarquements DataPass
     * @description Les plus récents d’abord ; une clé d’éditeur ne voit que ceux qui la nomment.
     */
    get: operations['listOnboardings']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/onboardings/{datapassId}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * État d’un embarquement DataPass
     * @description Chaque étape (faite, échouée, à faire) et la dernière erreur (code stable, message).
     */
    get: operations['getOnboarding']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/onboardings/{datapassId}/retry': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Relancer un embarquement DataPass
     * @description Clé `admin` seulement : rejoue les étapes (idempotentes) et renvoie le nouvel état.
     */
    post: operations['retryOnboarding']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/tokens/expiring': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Jetons API Particulier à renouveler
     * @description Les collectivités marquées par la tâche quotidienne : jeton qui expire dans moins de 90 jours (ou expiré), par date d’expiration. Une clé d’éditeur ne voit que les siennes.
     */
    get: operations['listExpiringTokens']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/quotient-familial/lookup': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Lire le quotient familial d’une personne sans FranceConnect
     * @description Pour le logiciel d’un éditeur ou l’outil d’un agent d’accueil : l’identité pivot (nom de naissance, prénoms, sexe, date de naissance éventuellement partielle, pays et commune de naissance — ou nom de commune et département) et le SIRET de la collectivité (dans le périmètre de la clé). Appelle API Particulier (`/v3/dss/quotient_familial/identite`) avec le jeton de cette collectivité, `recipient` = son SIRET ; 20 demandes par seconde et par jeton au plus (429 + `Retry-After`). L’identité n’est ni conservée ni journalisée.
     */
    post: operations['lookupQuotientFamilial']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/collectivities/{siret}/webhook': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Lire le webhook de la collectivité
     * @description L’adresse et l’état du webhook de la collectivité, sans le secret. Une clé d’éditeur ne gère que les collectivités dont elle est l’éditeur.
     */
    get: operations['getCollectivityWebhook']
    /**
     * Configurer le webhook de la collectivité
     * @description Crée ou remplace l’adresse, le secret et l’état du webhook « nouveau dossier » de la collectivité. Le secret est chiffré au repos et n’est jamais renvoyé. En production : https, ni adresse locale ni privée (vérifiée aussi à chaque envoi). Une clé d’éditeur ne gère que les collectivités dont elle est l’éditeur.
     */
    put: operations['setCollectivityWebhook']
    post?: never
    /**
     * Supprimer le webhook de la collectivité
     * @description Supprime le webhook de la collectivité et l’historique de ses envois ; plus rien n’est envoyé. Une clé d’éditeur ne gère que les collectivités dont elle est l’éditeur.
     */
    delete: operations['removeCollectivityWebhook']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/editors/{siret}/webhook': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Lire le webhook de l’éditeur
     * @description L’adresse et l’état du webhook de l’éditeur, sans le secret. Reçoit les dossiers de toutes les collectivités dont il est l’éditeur. Une clé d’éditeur ne gère que le sien.
     */
    get: operations['getEditorWebhook']
    /**
     * Configurer le webhook de l’éditeur
     * @description Crée ou remplace l’adresse, le secret et l’état du webhook « nouveau dossier » de l’éditeur. Le secret est chiffré au repos et n’est jamais renvoyé. En production : https, ni adresse locale ni privée (vérifiée aussi à chaque envoi). Reçoit les dossiers de toutes les collectivités dont il est l’éditeur. Une clé d’éditeur ne gère que le sien.
     */
    put: operations['setEditorWebhook']
    post?: never
    /**
     * Supprimer le webhook de l’éditeur
     * @description Supprime le webhook de l’éditeur et l’historique de ses envois ; plus rien n’est envoyé. Reçoit les dossiers de toutes les collectivités dont il est l’éditeur. Une clé d’éditeur ne gère que le sien.
     */
    delete: operations['removeEditorWebhook']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/webhooks/deliveries': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Derniers envois du webhook et leur résultat
     * @description Les envois les plus récents (au plus `limit`), filtrés par référence et/ou SIRET (collectivité destinataire ou éditeur propriétaire du point de réception) : tentatives, dernier statut HTTP ou code d’erreur, prochaine tentative, date de remise ou d’abandon. Ni corps ni donnée personnelle. Une clé d’éditeur ne voit que ses envois et ceux de ses collectivités.
     */
    get: operations['listWebhookDeliveries']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/collectivities/{siret}/health': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Bilan de santé d’une collectivité
     * @description Ce qui empêche un dossier d’arriver ou le QF d’être rafraîchi. Vérifie l’abonnement FormulaireQF relu auprès du référentiel HubEE (absent, inactif, mode d’accès ou délégation), l’éditeur, le jeton API Particulier (absent, expiré, qui expire, marque à jour) et les derniers envois du webhook. HubEE injoignable : problème `hubee_unreachable`, jamais une erreur 5xx. Le cache de l’abonnement HubEE est remis à jour s’il diffère. Une clé d’éditeur ne voit que ses collectivités.
     */
    get: operations['getCollectivityHealth']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/editors/{siret}/health': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Bilan de santé de toutes les collectivités d’un éditeur
     * @description Le bilan de chaque collectivité dont il est l’éditeur. Vérifie l’abonnement FormulaireQF relu auprès du référentiel HubEE (absent, inactif, mode d’accès ou délégation), l’éditeur, le jeton API Particulier (absent, expiré, qui expire, marque à jour) et les derniers envois du webhook. HubEE injoignable : problème `hubee_unreachable`, jamais une erreur 5xx. Une clé d’éditeur ne voit que le sien.
     */
    get: operations['getEditorHealth']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/admin/collectivities/{siret}/repair': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Réparer ce qui peut l’être automatiquement
     * @description Applique les réparations automatiques (création ou mise à jour de l’abonnement FormulaireQF par le référentiel HubEE — il peut rester « Inactif » en attendant l’activation par HubEE —, cache de l’abonnement, marque du jeton à renouveler), puis relit tout : `actions` dit ce qui a été fait, `health` ce qui reste à faire à la main. Une clé d’éditeur ne répare que ses collectivités.
     */
    post: operations['repairCollectivity']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export type components = {
  schemas: {
    InvalidParam: {
      /** @description Where the bad value is: `body.externalId`, `query.q`, `params.siret`… */
      name: string
      /** @description What is wrong with it, in French. */
      reason: string
    }
    /**
     * @description An error, as `application/problem+json` (RFC 9457).
     * @example {
     *       "type": "urn:qf:problem:validation",
     *       "title": "Requête invalide",
     *       "status": 422,
     *       "detail": "Certaines valeurs envoyées ne sont pas valides.",
     *       "instance": "req-1",
     *       "errors": [
     *         {
     *           "name": "body.siret",
     *           "reason": "doit comporter 14 chiffres"
     *         }
     *       ]
     *     }
     */
    Problem: {
      /** @description Stable identifier of the kind of problem (`urn:qf:problem:…`). */
      type: string
      /** @description Short French summary of the kind of problem. */
      title: string
      status: number
      /** @description French explanation of this occurrence. */
      detail?: string
      /** @description The request id, to give to support. */
      instance: string
      /** @description Stable short code, e.g. for the citizen error page. */
      code?: string
      /** @description The invalid fields of a validation problem. */
      errors?: {
        /** @description Where the bad value is: `body.externalId`, `query.q`, `params.siret`… */
        name: string
        /** @description What is wrong with it, in French. */
        reason: string
      }[]
    }
    /**
     * @example {
     *       "status": "ok",
     *       "uptimeSeconds": 12.5,
     *       "version": "0.1.0"
     *     }
     */
    Health: {
      /** @enum {string} */
      status: 'ok'
      uptimeSeconds: number
      version: string
    }
    /**
     * @example {
     *       "status": "ready",
     *       "checks": {
     *         "database": "up",
     *         "jobQueue": "up"
     *       }
     *     }
     */
    Readiness: {
      status: 'ready' | 'not_ready'
      checks: {
        database: 'up' | 'down'
        jobQueue: 'up' | 'down'
      }
    }
    /**
     * @description Une collectivité active qui reçoit le quotient familial des familles.
     * @example {
     *       "siret": "21040107100019",
     *       "name": "Majastres",
     *       "cogCode": "04107",
     *       "departement": "04",
     *       "postalCodes": [
     *         "04270"
     *       ]
     *     }
     */
    Collectivity: {
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      siret: string
      /** @description Nom de la collectivité. */
      name: string
      /**
       * @description Code officiel géographique (INSEE) de la commune.
       * @example 04107
       */
      cogCode: string
      /**
       * @description Code du département, déduit du code COG (`2A`, `2B`, `971` à `976` compris).
       * @example 04
       */
      departement: string
      /** @description Codes postaux desservis. */
      postalCodes: string[]
    }
    /**
     * @description Collectivités actives correspondant à la recherche, triées par nom.
     * @example {
     *       "items": [
     *         {
     *           "siret": "21200004600012",
     *           "name": "Ajaccio",
     *           "cogCode": "2A004",
     *           "departement": "2A",
     *           "postalCodes": [
     *             "20000",
     *             "20090"
     *           ]
     *         }
     *       ]
     *     }
     */
    CollectivityList: {
      items: components['schemas']['Collectivity'][]
    }
    /** @description `draft` : connue, sans habilitation (ou embarquement en cours) ; `awaiting_hubee` : habilitée, abonnement HubEE `FormulaireQF` pas encore lu `Actif` (activation manuelle par HubEE) ; `active` : proposée aux familles ; `suspended` : retirée (décision des exploitants, habilitation révoquée, abonnement HubEE plus actif), peut revenir ; `closed` : archivée, définitivement. */
    CollectivityLifecycle: 'draft' | 'awaiting_hubee' | 'active' | 'suspended' | 'closed'
    JourneyStep: 'created' | 'login_pending' | 'authenticated' | 'submitted'
    /** @description Code stable d’une erreur du parcours. */
    JourneyErrorCode:
      | 'franceconnect_access_denied'
      | 'franceconnect_error'
      | 'invalid_state'
      | 'session_expired'
      | 'login_failed'
      | 'franceconnect_unavailable'
      | 'qf_not_found'
      | 'qf_cnaf_file_not_found'
      | 'qf_msa_file_not_found'
      | 'qf_file_not_found'
      | 'qf_token_rejected'
      | 'qf_scope_missing'
      | 'qf_invalid_request'
      | 'qf_rate_limited'
      | 'qf_provider_error'
      | 'qf_provider_unavailable'
    /**
     * @example {
     *       "givenName": "Angela Claire Louise",
     *       "givenNameArray": [
     *         "Angela",
     *         "Claire",
     *         "Louise"
     *       ],
     *       "familyName": "DUBOIS",
     *       "preferredUsername": null,
     *       "birthdate": "1962-08-24",
     *       "gender": "female",
     *       "birthplace": "75107",
     *       "birthcountry": "99100"
     *     }
     */
    PivotIdentity: {
      /** @description Prénoms, séparés par des espaces. */
      givenName: string
      givenNameArray: string[]
      /** @description Nom de naissance. */
      familyName: string
      /** @description Nom d’usage, s’il existe. */
      preferredUsername: string | null
      /** @description AAAA-MM-JJ ; le jour et le mois peuvent valoir 00 (date présumée). */
      birthdate: string
      gender: 'male' | 'female'
      /** @description Code COG de la commune ; null né à l’étranger. */
      birthplace: string | null
      /** @description Code COG du pays (99100 : France). */
      birthcountry: string
    }
    /**
     * @example {
     *       "givenName": "Angela Claire Louise",
     *       "givenNameArray": [
     *         "Angela",
     *         "Claire",
     *         "Louise"
     *       ],
     *       "familyName": "DUBOIS",
     *       "preferredUsername": null,
     *       "birthdate": "1962-08-24",
     *       "gender": "female",
     *       "birthplace": "75107",
     *       "birthcountry": "99100",
     *       "genderLabel": "Femme",
     *       "birthplaceName": "Paris 7e Arrondissement",
     *       "birthcountryName": "France"
     *     }
     */
    SessionIdentity: {
      /** @description Prénoms, séparés par des espaces. */
      givenName: string
      givenNameArray: string[]
      /** @description Nom de naissance. */
      familyName: string
      /** @description Nom d’usage, s’il existe. */
      preferredUsername: string | null
      /** @description AAAA-MM-JJ ; le jour et le mois peuvent valoir 00 (date présumée). */
      birthdate: string
      gender: 'male' | 'female'
      /** @description Code COG de la commune ; null né à l’étranger. */
      birthplace: string | null
      /** @description Code COG du pays (99100 : France). */
      birthcountry: string
      /** @description Le sexe, en toutes lettres. */
      genderLabel: 'Femme' | 'Homme'
      /** @description Nom de la commune de naissance (commune, arrondissement municipal ou ancienne commune) ; le code s’il est inconnu ; null né à l’étranger. */
      birthplaceName: string | null
      /** @description Nom du pays de naissance (liste des pays de l’INSEE) ; le code s’il est inconnu. */
      birthcountryName: string
    }
    FamilyMember: {
      nomNaissance: string
      nomUsage: string | null
      prenoms: string
      /** @description AAAA-MM-JJ, partielle possible (2020-00-00). */
      dateNaissance: string
      sexe: 'M' | 'F'
    }
    /**
     * @example {
     *       "supplier": "CNAF",
     *       "value": 2550,
     *       "year": 2024,
     *       "month": 2,
     *       "computedYear": 2024,
     *       "computedMonth": 12,
     *       "allocataires": [
     *         {
     *           "nomNaissance": "DUBOIS",
     *           "nomUsage": null,
     *           "prenoms": "ANGELA CLAIRE LOUISE",
     *           "dateNaissance": "1962-08-24",
     *           "sexe": "F"
     *         }
     *       ],
     *       "enfants": [],
     *       "withheld": []
     *     }
     */
    QuotientFamilial: {
      /** @description Organisme : CAF (CNAF) ou MSA. */
      supplier: 'CNAF' | 'MSA'
      /** @description Valeur du quotient familial, en euros. */
      value: number
      /** @description Année du mois du quotient familial (API Particulier : le QF du mois M, calculé sur les ressources du mois M-1). */
      year: number
      /** @description Mois du quotient familial (« quotient familial de février 2024 »). */
      month: number
      computedYear: number | null
      computedMonth: number | null
      /** @description Composition actuelle du foyer (sans historique) ; vide si masquée (voir `withheld`). */
      allocataires: components['schemas']['FamilyMember'][]
      /** @description Enfants du foyer aujourd’hui (sans historique) ; vide si masqué (voir `withheld`). */
      enfants: components['schemas']['FamilyMember'][]
      /** @description Parties de la réponse qu’API Particulier n’a pas transmises : l’habilitation de la collectivité ne les couvre pas (réponse masquée). La liste correspondante est alors vide sans être « aucun ». */
      withheld: ('allocataires' | 'enfants')[]
    }
    QuotientFamilialError: {
      code: components['schemas']['JourneyErrorCode']
      /** @description Message en français pour le citoyen. */
      message: string
    }
    SessionCollectivity: {
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      siret: string
      name: string
    }
    /**
     * @example {
     *       "id": "0b6f3a4e-5c1d-4f0e-9d8a-2f1e6c7b8a90",
     *       "collectivity": {
     *         "siret": "21040107100019",
     *         "name": "Majastres"
     *       },
     *       "loginUrl": "http://localhost:3000/api/v1/auth/franceconnect/login?ticket=Q2hhbmdlZC1ldmVyeS10aW1lLXNpbmdsZS11c2UtdGlj",
     *       "expiresAt": "2026-11-26T15:00:00.000Z"
     *     }
     */
    CreatedSession: {
      /**
       * Format: uuid
       * @description Identifiant public de la session (pas un secret).
       */
      id: string
      collectivity: components['schemas']['SessionCollectivity']
      /** @description Où envoyer le navigateur pour se connecter avec FranceConnect, aussitôt : le lien porte un ticket à usage unique valable 5 minutes (jamais l’identifiant de la session). Un nouveau lien : `renewLoginUrl`. */
      loginUrl: string
      /** Format: date-time */
      expiresAt: string
    }
    /**
     * @example {
     *       "loginUrl": "http://localhost:3000/api/v1/auth/franceconnect/login?ticket=TmV3LXNpbmdsZS11c2UtdGlja2V0LWZvci1hLXJldHJ5",
     *       "expiresAt": "2026-11-26T14:35:00.000Z"
     *     }
     */
    LoginLink: {
      /** @description Le lien de connexion FranceConnect, à ticket à usage unique (remplace le précédent). */
      loginUrl: string
      /**
       * Format: date-time
       * @description Fin de validité du ticket (5 minutes).
       */
      expiresAt: string
    }
    /**
     * @example {
     *       "reference": "7KQ4MXD9HTCW3",
     *       "status": "queued",
     *       "submittedAt": "2026-11-26T15:02:11.000Z"
     *     }
     */
    SessionSubmission: {
      /**
       * @description Référence de l’envoi : 13 caractères (majuscules et chiffres sans confusion possible).
       * @example 7KQ4MXD9HTCW3
       */
      reference: string
      status: components['schemas']['SubmissionStatus']
      /** Format: date-time */
      submittedAt: string
    }
    /**
     * @example {
     *       "id": "0b6f3a4e-5c1d-4f0e-9d8a-2f1e6c7b8a90",
     *       "step": "authenticated",
     *       "collectivity": {
     *         "siret": "21040107100019",
     *         "name": "Majastres"
     *       },
     *       "externalId": "famille-1234",
     *       "redirectUri": "https://portail.majastres.fr/qf",
     *       "identity": {
     *         "givenName": "Pierre",
     *         "givenNameArray": [
     *           "Pierre"
     *         ],
     *         "familyName": "MERCIER",
     *         "preferredUsername": null,
     *         "birthdate": "1969-03-17",
     *         "gender": "male",
     *         "birthplace": "95277",
     *         "birthcountry": "99100",
     *         "genderLabel": "Homme",
     *         "birthplaceName": "Gonesse",
     *         "birthcountryName": "France"
     *       },
     *       "quotientFamilial": {
     *         "supplier": "CNAF",
     *         "value": 2550,
     *         "year": 2024,
     *         "month": 2,
     *         "computedYear": 2024,
     *         "computedMonth": 12,
     *         "allocataires": [
     *           {
     *             "nomNaissance": "MERCIER",
     *             "nomUsage": "DUBOIS",
     *             "prenoms": "PIERRE",
     *             "dateNaissance": "1969-03-17",
     *             "sexe": "M"
     *           }
     *         ],
     *         "enfants": [
     *           {
     *             "nomNaissance": "MERCIER",
     *             "nomUsage": null,
     *             "prenoms": "ROBERT",
     *             "dateNaissance": "2020-00-00",
     *             "sexe": "M"
     *           }
     *         ]
     *       },
     *       "quotientFamilialError": null,
     *       "submission": null,
     *       "expiresAt": "2026-11-26T15:30:00.000Z"
     *     }
     * @example {
     *       "id": "5d2c9e7a-1b3f-4c8d-9e0a-7f6b5a4c3d21",
     *       "step": "authenticated",
     *       "collectivity": {
     *         "siret": "21040107100019",
     *         "name": "Majastres"
     *       },
     *       "externalId": null,
     *       "redirectUri": null,
     *       "identity": {
     *         "givenName": "THIBAULT",
     *         "givenNameArray": [
     *           "THIBAULT"
     *         ],
     *         "familyName": "TABLE",
     *         "preferredUsername": null,
     *         "birthdate": "1991-02-13",
     *         "gender": "male",
     *         "birthplace": "75116",
     *         "birthcountry": "99100",
     *         "genderLabel": "Homme",
     *         "birthplaceName": "Paris 16e Arrondissement",
     *         "birthcountryName": "France"
     *       },
     *       "quotientFamilial": null,
     *       "quotientFamilialError": {
     *         "code": "qf_not_found",
     *         "message": "Aucun dossier à votre nom n’a été trouvé auprès de la CAF ou de la MSA."
     *       },
     *       "submission": null,
     *       "expiresAt": "2026-11-26T15:30:00.000Z"
     *     }
     * @example {
     *       "id": "0b6f3a4e-5c1d-4f0e-9d8a-2f1e6c7b8a90",
     *       "step": "submitted",
     *       "collectivity": {
     *         "siret": "21040107100019",
     *         "name": "Majastres"
     *       },
     *       "externalId": "famille-1234",
     *       "redirectUri": "https://portail.majastres.fr/qf",
     *       "identity": null,
     *       "quotientFamilial": null,
     *       "quotientFamilialError": null,
     *       "submission": {
     *         "reference": "7KQ4MXD9HTCW3",
     *         "status": "queued",
     *         "submittedAt": "2026-11-26T15:02:11.000Z"
     *       },
     *       "expiresAt": "2026-11-26T15:32:11.000Z"
     *     }
     */
    CurrentSession: {
      /** Format: uuid */
      id: string
      step: components['schemas']['JourneyStep']
      collectivity: components['schemas']['SessionCollectivity']
      externalId: string | null
      redirectUri: string | null
      identity: components['schemas']['SessionIdentity'] | null
      quotientFamilial: components['schemas']['QuotientFamilial'] | null
      quotientFamilialError: components['schemas']['QuotientFamilialError'] | null
      /** @description L’envoi, une fois fait (`step` = `submitted`) ; `identity` et `quotientFamilial` sont alors null. */
      submission: components['schemas']['SessionSubmission'] | null
      /** Format: date-time */
      expiresAt: string
    }
    /**
     * @example {
     *       "sessionToken": "hV3p0dXqfQn1c8mZr2kq7yTt4bN6wLs9aE5uJfGi0oY",
     *       "expiresAt": "2026-11-26T15:30:00.000Z"
     *     }
     */
    SessionToken: {
      /** @description À envoyer en `Authorization: Bearer …` sur les appels suivants. */
      sessionToken: string
      /** Format: date-time */
      expiresAt: string
    }
    /**
     * @example {
     *       "logoutUrl": "https://oidc.franceconnect.gouv.fr/api/v2/session/end?id_token_hint=eyJhbGciOiJFUzI1NiJ9...&state=Zk3&post_logout_redirect_uri=https%3A%2F%2Fquotient-familial.example%2Fapi%2Fv1%2Fauth%2Ffranceconnect%2Flogout-callback"
     *     }
     */
    LogoutResult: {
      /** @description URL `session/end` de FranceConnect où envoyer le navigateur (ou la page d’accueil s’il n’était pas connecté). */
      logoutUrl: string
    }
    SubmissionStatus: 'queued' | 'delivered' | 'si_received' | 'in_progress' | 'done' | 'refused' | 'failed'
    SubmissionFailureReason:
      'collectivity_cannot_receive' | 'dossier_unreadable' | 'hub_unavailable' | 'hub_rejected'
    /**
     * @example {
     *       "reference": "7KQ4MXD9HTCW3",
     *       "status": "queued",
     *       "submittedAt": "2026-11-26T15:02:11.000Z"
     *     }
     */
    SubmissionAccepted: {
      /**
       * @description Référence de l’envoi : 13 caractères (majuscules et chiffres sans confusion possible).
       * @example 7KQ4MXD9HTCW3
       */
      reference: string
      status: components['schemas']['SubmissionStatus']
      /** Format: date-time */
      submittedAt: string
    }
    /**
     * @example {
     *       "reference": "7KQ4MXD9HTCW3",
     *       "status": "si_received",
     *       "collectivity": {
     *         "siret": "21040107100019",
     *         "name": "Majastres"
     *       },
     *       "submittedAt": "2026-11-26T15:02:11.000Z",
     *       "deliveredAt": "2026-11-26T15:02:13.000Z",
     *       "updatedAt": "2026-11-26T15:20:00.000Z"
     *     }
     */
    Submission: {
      /**
       * @description Référence de l’envoi : 13 caractères (majuscules et chiffres sans confusion possible).
       * @example 7KQ4MXD9HTCW3
       */
      reference: string
      status: components['schemas']['SubmissionStatus']
      collectivity: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
        name: string
      }
      /** Format: date-time */
      submittedAt: string
      deliveredAt: string | null
      /** Format: date-time */
      updatedAt: string
      failureReason?: components['schemas']['SubmissionFailureReason']
    }
    /**
     * @description Contenu de la pièce `FormulaireQF.json` déposée dans HubEE pour chaque envoi.
     * @example {
     *       "external_id": "famille-1234",
     *       "pivot_identity": {
     *         "family_name": "DUBOIS",
     *         "given_name": "Angela Claire Louise",
     *         "gender": "female",
     *         "birthdate": "1962-08-24",
     *         "birthplace": "75107",
     *         "birthcountry": "99100"
     *       },
     *       "quotient_familial_v3": {
     *         "allocataires": [
     *           {
     *             "nom_naissance": "DUBOIS",
     *             "nom_usage": null,
     *             "prenoms": "ANGELA CLAIRE LOUISE",
     *             "date_naissance": "1962-08-24",
     *             "sexe": "F"
     *           }
     *         ],
     *         "enfants": [
     *           {
     *             "nom_naissance": "DUBOIS",
     *             "nom_usage": null,
     *             "prenoms": "JEAN",
     *             "date_naissance": "2016-00-00",
     *             "sexe": "M"
     *           }
     *         ],
     *         "quotient_familial": {
     *           "fournisseur": "CNAF",
     *           "valeur": 2550,
     *           "annee": 2024,
     *           "mois": 2,
     *           "annee_calcul": 2024,
     *           "mois_calcul": 12
     *         },
     *         "version": "v3"
     *       },
     *       "quotient_familial": {
     *         "regime": "CNAF",
     *         "allocataires": [
     *           {
     *             "nomNaissance": "DUBOIS",
     *             "nomUsuel": null,
     *             "prenoms": "ANGELA CLAIRE LOUISE",
     *             "anneeDateDeNaissance": "1962",
     *             "moisDateDeNaissance": "08",
     *             "jourDateDeNaissance": "24",
     *             "sexe": "F"
     *           }
     *         ],
     *         "enfants": [
     *           {
     *             "nomNaissance": "DUBOIS",
     *             "nomUsuel": null,
     *             "prenoms": "JEAN",
     *             "anneeDateDeNaissance": "2016",
     *             "moisDateDeNaissance": "00",
     *             "jourDateDeNaissance": "00",
     *             "sexe": "M"
     *           }
     *         ],
     *         "quotientFamilial": 2550,
     *         "annee": 2024,
     *         "mois": 2,
     *         "version": "v2"
     *       }
     *     }
     */
    FormulaireQfDocument: {
      /** @description Identifiant de l’usager chez l’éditeur (`external_id` du lien), ou null. */
      external_id: string | null
      pivot_identity: {
        /** @description Nom de naissance. */
        family_name: string
        /** @description Prénoms, séparés par des espaces. */
        given_name: string
        gender: 'male' | 'female'
        /** @description AAAA-MM-JJ ; mois et jour peuvent valoir 00. */
        birthdate: string
        /** @description Code COG INSEE de la commune de naissance ; vide ou null si né à l’étranger. */
        birthplace: string | null
        /** @description Code COG INSEE du pays de naissance (99100 : France). */
        birthcountry: string
      } & {
        [key: string]: unknown
      }
      quotient_familial_v3: {
        allocataires?: ({
          nom_naissance: string
          nom_usage?: string | null
          /** @description Prénoms séparés par des espaces, casse quelconque. */
          prenoms: string
          /** @description AAAA-MM-JJ, partielle possible (2020-00-00). */
          date_naissance: string
          sexe: 'M' | 'F'
        } & {
          [key: string]: unknown
        })[]
        enfants?: ({
          nom_naissance: string
          nom_usage?: string | null
          /** @description Prénoms séparés par des espaces, casse quelconque. */
          prenoms: string
          /** @description AAAA-MM-JJ, partielle possible (2020-00-00). */
          date_naissance: string
          sexe: 'M' | 'F'
        } & {
          [key: string]: unknown
        })[]
        adresse?: {
          [key: string]: unknown
        } | null
        quotient_familial: {
          fournisseur: 'CNAF' | 'MSA'
          valeur: number
          annee: number
          mois: number
          annee_calcul?: number | null
          mois_calcul?: number | null
        } & {
          [key: string]: unknown
        }
        /** @enum {string} */
        version: 'v3'
      } & {
        [key: string]: unknown
      }
      quotient_familial: {
        regime: 'CNAF' | 'MSA'
        allocataires: {
          nomNaissance: string
          nomUsuel: string | null
          prenoms: string
          anneeDateDeNaissance: string
          /** @description "00" quand inconnu. */
          moisDateDeNaissance: string
          /** @description "00" quand inconnu. */
          jourDateDeNaissance: string
          sexe: 'M' | 'F'
        }[]
        enfants: {
          nomNaissance: string
          nomUsuel: string | null
          prenoms: string
          anneeDateDeNaissance: string
          /** @description "00" quand inconnu. */
          moisDateDeNaissance: string
          /** @description "00" quand inconnu. */
          jourDateDeNaissance: string
          sexe: 'M' | 'F'
        }[]
        quotientFamilial: number
        annee: number
        mois: number
        /** @enum {string} */
        version: 'v2'
      }
    } & {
      [key: string]: unknown
    }
    /**
     * @description Corps JSON du webhook « nouveau dossier » (aucune donnée personnelle).
     * @example {
     *       "id": "0b8f0c4e-6a4f-4d8e-9a51-3f2f1c7d9e10",
     *       "type": "dossier.completed",
     *       "reference": "7KQ4MXD9HTCW3",
     *       "collectivity_siret": "21040107100019",
     *       "hubee_folder_id": "a66abb0c-52d1-4e50-9195-22526fb7ce92",
     *       "hubee_case_id": "94b1b09d-b47f-4480-9b48-93b8b36108f2",
     *       "external_id": "famille-1234",
     *       "occurred_at": "2026-11-26T15:02:13.000Z"
     *     }
     */
    FormulaireQfWebhookEvent: {
      /**
       * Format: uuid
       * @description Identifiant unique de l’événement (déduplication).
       */
      id: string
      /**
       * @description Un dossier est complet dans HubEE : le logiciel de la collectivité peut le récupérer.
       * @enum {string}
       */
      type: 'dossier.completed'
      /** @description Référence de l’envoi (13 caractères). */
      reference: string
      /** @description SIRET de la collectivité destinataire. */
      collectivity_siret: string
      /**
       * Format: uuid
       * @description Identifiant HubEE du télédossier.
       */
      hubee_folder_id: string
      /**
       * Format: uuid
       * @description Identifiant HubEE du case (celui des notifications).
       */
      hubee_case_id: string
      /** @description Identifiant de l’usager chez l’éditeur, s’il figurait dans le lien ; sinon null. */
      external_id: string | null
      /**
       * Format: date-time
       * @description Date de l’événement (ISO 8601, UTC).
       */
      occurred_at: string
    } & {
      [key: string]: unknown
    }
    /** @description Le corps d’un appel webhook de DataPass : un événement, ou un appel de test. */
    DatapassWebhookPayload:
      | {
          /** @description Nom de l’événement (create, update, submit, approve, refuse, revoke, request_changes, archive, reopen, cancel_reopening, transfer). */
          event: string
          /** @description Horodatage Unix du déclenchement (secondes, jusqu’en 9999). */
          fired_at: number
          /** @example authorization_request/formulaire_qf */
          model_type: string
          data: {
            /** @description Identifiant de la demande d’habilitation. */
            id: number
            public_id?: string
            type?: string
            /** @description `validated` une fois la demande approuvée. */
            state: string
            form_uid: string
            /** @description L’organisation demandeuse (ici, la collectivité). */
            organization: {
              id: number | string
              name?: string | null
              siret: string
              insee_payload?: unknown
            }
            /** @description Le demandeur (agent de la collectivité). */
            applicant: {
              id?: number | string | null
              email: string
              given_name?: string | null
              family_name?: string | null
              phone_number?: string | null
              job_title?: string | null
            }
            service_provider?: {
              id: string | number
              siret?: string | null
              type?: string | null
              name?: string | null
            } | null
            /** @description Les champs du formulaire (contacts à plat : `contact_metier_email`, …). */
            data: {
              [key: string]: unknown
            }
            authorizations?: {
              [key: string]: unknown
            }[]
            created_at?: string
            last_submitted_at?: string | null
            last_validated_at?: string | null
          }
        }
      | {
          /** @enum {boolean} */
          test: true
          timestamp: string
        }
    /** @description Étape de l’embarquement : recherche INSEE, organisation HubEE, abonnement HubEE, activation de la collectivité. */
    OnboardingStep: 'company_lookup' | 'hubee_organization' | 'hubee_subscription' | 'collectivity_activation'
    /** @description État de l’embarquement. */
    OnboardingState: 'in_progress' | 'waiting_retry' | 'failed' | 'completed'
    /** @description Code stable de la dernière erreur de l’embarquement. */
    OnboardingErrorCode:
      | 'invalid_siret'
      | 'insee_not_found'
      | 'insee_closed'
      | 'insee_incomplete'
      | 'insee_rate_limited'
      | 'insee_unavailable'
      | 'insee_rejected'
      | 'hubee_unavailable'
      | 'hubee_rejected'
      | 'hubee_invalid'
      | 'hubee_subscription_inactive'
      | 'datapass_revoked'
    /** @description `collectivity` : les dossiers de cette collectivité ; `editor` : ceux de toutes ses collectivités. */
    WebhookOwnerKind: 'collectivity' | 'editor'
    WebhookEndpointInput: {
      /**
       * Format: uri
       * @description Adresse HTTPS qui reçoit le webhook (`POST`). En production : https, ni adresse locale ni privée ; sans identifiants ni fragment. En développement, `http://localhost:<port>` est accepté.
       * @example https://logiciel.example/webhooks/formulaire-qf
       */
      url: string
      /** @description Secret partagé de la signature HMAC-SHA256 (32 à 256 caractères ASCII imprimables, par exemple `openssl rand -hex 32`). Chiffré au repos, jamais renvoyé. */
      secret: string
      /**
       * @description Faux : aucun envoi (suspendu).
       * @default true
       */
      active: boolean
    }
    /**
     * @description Un point de réception du webhook (le secret n’est jamais renvoyé).
     * @example {
     *       "id": "3d0f3c3e-4a55-4f8e-8c8e-0f1c2b3a4d5e",
     *       "ownerKind": "editor",
     *       "ownerSiret": "99900000100019",
     *       "url": "https://logiciel.example/webhooks/formulaire-qf",
     *       "active": true,
     *       "createdAt": "2026-12-01T10:00:00.000Z",
     *       "updatedAt": "2026-12-01T10:00:00.000Z"
     *     }
     */
    WebhookEndpoint: {
      /** Format: uuid */
      id: string
      ownerKind: components['schemas']['WebhookOwnerKind']
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      ownerSiret: string
      /** @description Adresse qui reçoit le webhook. */
      url: string
      active: boolean
      /** Format: date-time */
      createdAt: string
      /** Format: date-time */
      updatedAt: string
    }
    /** @description `pending` : pas encore accepté (une tentative est prévue à `nextAttemptAt`) ; `delivered` : un 2xx reçu ; `failed` : abandonné (horizon dépassé ou point de réception retiré/suspendu). */
    WebhookDeliveryOutcome: 'pending' | 'delivered' | 'failed'
    /** @description Un envoi du webhook à un point de réception et son résultat. */
    WebhookDelivery: {
      /** Format: uuid */
      id: string
      /**
       * Format: uuid
       * @description L’`id` de l’événement envoyé (le même pour chaque point de réception).
       */
      eventId: string
      /** Format: uuid */
      endpointId: string
      ownerKind: components['schemas']['WebhookOwnerKind']
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      ownerSiret: string
      /** @description Référence de l’envoi. */
      reference: string
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      collectivitySiret: string
      outcome: components['schemas']['WebhookDeliveryOutcome']
      attempts: number
      /** @description Statut HTTP de la dernière réponse. */
      lastStatus: number | null
      /** @description Code de la dernière erreur : `http_error`, `timeout`, `network`, `address_refused`, `url_refused`, `endpoint_inactive`, `horizon_exceeded`. */
      lastError: string | null
      lastAttemptAt: string | null
      nextAttemptAt: string | null
      deliveredAt: string | null
      failedAt: string | null
      /** Format: date-time */
      createdAt: string
    }
    WebhookDeliveryList: {
      /** @description Les plus récents d’abord. */
      items: components['schemas']['WebhookDelivery'][]
    }
    CollectivityEditor: {
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      siret: string
      name: string
    }
    CollectivityContact: {
      email: string
      givenName: string | null
      familyName: string | null
      phoneNumber: string | null
      jobTitle: string | null
    }
    CollectivityContacts: {
      /** @description L’agent qui a fait la demande DataPass. */
      requester: components['schemas']['CollectivityContact'] | null
      /** @description Le délégué à la protection des données. */
      dpo: components['schemas']['CollectivityContact'] | null
    }
    /** @description Ancien champ, gardé pour les clients existants. En lecture : `active` ⇔ `lifecycle` = `active` (proposée aux familles). En écriture (clé `admin` seulement) : `active` est la décision des exploitants d’habiliter la collectivité (elle n’est proposée qu’une fois son abonnement HubEE lu `Actif`), `inactive` la suspend. */
    CollectivityStatus: 'active' | 'inactive'
    /** @description `datapass` : habilitation DataPass approuvée ; `admin` : décision des exploitants (ou de la graine de démonstration), enregistrée comme telle ; `null` : aucune (jamais donnée, refusée ou révoquée). */
    CollectivityAuthorization: 'datapass' | 'admin' | null
    /** @description `datapass` : un événement DataPass ; `hubee_check` : l’abonnement relu dans le référentiel HubEE (embarquement) ; `admin` / `editor` : une clé d’API ; `job` : la tâche périodique de relecture HubEE ; `seed` : la graine de démonstration. */
    LifecycleActorKind: 'datapass' | 'hubee_check' | 'admin' | 'editor' | 'job' | 'seed'
    CollectivityTransition: {
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      siret: string
      /** @description `null` : la collectivité n’existait pas encore. */
      from: components['schemas']['CollectivityLifecycle'] | null
      /** @description `null` : événement enregistré sans changement d’état (ex. événement DataPass inconnu). */
      to: components['schemas']['CollectivityLifecycle'] | null
      /** @description L’événement : `authorize`, `hubee_active`, `revoke`, `datapass:<nom>`… */
      event: string
      actorKind: components['schemas']['LifecycleActorKind']
      /** @description Identifiant de la clé d’API, n° de demande DataPass, abonnement HubEE… */
      actorId: string | null
      reason: string
      /** Format: date-time */
      at: string
    }
    /** @description Les transitions d’une collectivité, de la plus ancienne à la plus récente. */
    CollectivityTransitionList: {
      items: components['schemas']['CollectivityTransition'][]
    }
    /**
     * @description Une collectivité à créer. SIRET contrôlé (clé de Luhn, exception de La Poste), code COG contrôlé (`2A`/`2B`, outre-mer `971`–`978`) ; le département en est déduit. Sans éditeur par défaut ; créée `draft` (non proposée) sauf `status: active` donné par une clé `admin`.
     * @example {
     *       "siret": "21040107100019",
     *       "name": "Majastres",
     *       "cogCode": "04107",
     *       "postalCodes": [
     *         "04270"
     *       ],
     *       "editor": {
     *         "siret": "99900000100019",
     *         "name": "Logiciels Communes"
     *       },
     *       "allowedRedirectOrigins": [
     *         "https://portail.majastres.fr"
     *       ]
     *     }
     */
    CollectivityWrite: {
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      siret: string
      name: string
      /**
       * @description Code officiel géographique (INSEE) de la commune.
       * @example 04107
       */
      cogCode: string
      postalCodes: string[]
      /** @description Ancien champ, gardé pour les clients existants. En lecture : `active` ⇔ `lifecycle` = `active` (proposée aux familles). En écriture (clé `admin` seulement) : `active` est la décision des exploitants d’habiliter la collectivité (elle n’est proposée qu’une fois son abonnement HubEE lu `Actif`), `inactive` la suspend. */
      status?: 'active' | 'inactive'
      editor?: components['schemas']['CollectivityEditor'] | null
      allowedRedirectOrigins?: string[]
      contacts?: components['schemas']['CollectivityContacts']
    }
    /**
     * @description Les champs à changer (les autres restent tels quels).
     * @example {
     *       "siret": "21040107100019",
     *       "name": "Majastres",
     *       "cogCode": "04107",
     *       "postalCodes": [
     *         "04270"
     *       ],
     *       "editor": {
     *         "siret": "99900000100019",
     *         "name": "Logiciels Communes"
     *       },
     *       "allowedRedirectOrigins": [
     *         "https://portail.majastres.fr"
     *       ]
     *     }
     */
    CollectivityUpdate: {
      name?: string
      /**
       * @description Code officiel géographique (INSEE) de la commune.
       * @example 04107
       */
      cogCode?: string
      postalCodes?: string[]
      /** @description Ancien champ, gardé pour les clients existants. En lecture : `active` ⇔ `lifecycle` = `active` (proposée aux familles). En écriture (clé `admin` seulement) : `active` est la décision des exploitants d’habiliter la collectivité (elle n’est proposée qu’une fois son abonnement HubEE lu `Actif`), `inactive` la suspend. */
      status?: 'active' | 'inactive'
      editor?: components['schemas']['CollectivityEditor'] | null
      allowedRedirectOrigins?: string[]
      contacts?: components['schemas']['CollectivityContacts']
    }
    ApiParticulierTokenState: {
      /** @description Un jeton est enregistré (scellé ; jamais renvoyé). */
      set: boolean
      expiresAt: string | null
      /** @description `jwt` : date lue dans le jeton ; `admin` : date donnée à l’enregistrement. */
      source: 'jwt' | 'admin' | null
      /** @description Marqué par la tâche quotidienne : expire dans moins de 90 jours (ou a expiré). */
      expiringSoon: boolean
    }
    HubeeSubscriptionState: {
      organizationId: string
      subscriptionId: string
      accessMode: 'API' | 'PORTAIL'
      status: 'Actif' | 'Inactif'
    }
    AdminCollectivity: {
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      siret: string
      name: string
      /**
       * @description Code officiel géographique (INSEE) de la commune.
       * @example 04107
       */
      cogCode: string
      /**
       * @description Code du département, déduit du code COG (`2A`, `2B`, `971` à `976` compris).
       * @example 04
       */
      departement: string
      postalCodes: string[]
      status: components['schemas']['CollectivityStatus']
      lifecycle: components['schemas']['CollectivityLifecycle']
      authorization: components['schemas']['CollectivityAuthorization']
      editor: components['schemas']['CollectivityEditor'] | null
      allowedRedirectOrigins: string[]
      contacts: components['schemas']['CollectivityContacts']
      apiParticulierToken: components['schemas']['ApiParticulierTokenState']
      hubeeSubscription: components['schemas']['HubeeSubscriptionState'] | null
      datapassId: number | null
      /** Format: date-time */
      createdAt: string
      /** Format: date-time */
      updatedAt: string
    }
    AdminCollectivityList: {
      items: components['schemas']['AdminCollectivity'][]
    }
    ApiParticulierTokenWrite: {
      /** @description Le jeton API Particulier de la collectivité (scellé au repos, jamais renvoyé). */
      token: string
      /** @description Obligatoire si le jeton n’est pas un JWT ; sinon doit concorder (± 1 jour) avec son `exp`. */
      expiresAt?: string
    }
    CollectivityImport:
      | {
          /** @description CSV (séparateur `,` ou `;`, lu sur l’en-tête ; guillemets doubles), ligne d’en-tête, colonnes dans n’importe quel ordre : `siret,name,cog_code,postal_codes,status,editor_siret,editor_name,allowed_redirect_origins` (listes séparées par des espaces). Texte Unicode : un fichier Windows-1252 se décode avant l’envoi (la CLI d’exploitation le fait). */
          csv: string
        }
      | {
          items: components['schemas']['CollectivityWrite'][]
        }
    /** @description Tout ou rien : une ligne invalide est signalée (422, avec son numéro) et rien n’est écrit. */
    CollectivityImportResult: {
      created: number
      updated: number
      unchanged: number
    }
    OnboardingStepView: {
      step: components['schemas']['OnboardingStep']
      status: 'done' | 'failed' | 'pending'
      at: string | null
      error: components['schemas']['OnboardingErrorCode'] | null
    }
    OnboardingView: {
      datapassId: number
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      siret: string
      editor: components['schemas']['CollectivityEditor'] | null
      state: components['schemas']['OnboardingState']
      attempts: number
      steps: components['schemas']['OnboardingStepView'][]
      lastError: {
        step: components['schemas']['OnboardingStep']
        code: components['schemas']['OnboardingErrorCode']
        message: string
        /** Format: date-time */
        at: string
        retryAfterSeconds: number | null
      } | null
      /** Format: date-time */
      startedAt: string
      /** Format: date-time */
      updatedAt: string
      completedAt: string | null
    }
    OnboardingList: {
      items: components['schemas']['OnboardingView'][]
    }
    ExpiringToken: {
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      siret: string
      name: string
      editor: components['schemas']['CollectivityEditor'] | null
      /** Format: date-time */
      expiresAt: string
      expired: boolean
      /** @description Jours restants (négatif : expiré depuis). */
      daysLeft: number
    }
    /** @description Collectivités dont le jeton API Particulier expire dans moins de 90 jours, par date. */
    ExpiringTokenList: {
      items: components['schemas']['ExpiringToken'][]
    }
    IdentityPivotInput: {
      /** @description Nom de naissance. */
      birthName: string
      usageName?: string
      /** @description Prénoms de l’état civil (1 à 3). */
      firstNames: string[]
      /** @description Sexe de l’état civil ; facultatif (API Particulier cherche alors sans). */
      sex?: 'M' | 'F'
      /**
       * @description AAAA-MM-JJ ; mois et jour peuvent valoir 00 (date partielle).
       * @example 1982-12-27
       * @example 1982-00-00
       */
      birthDate: string
      /** @description Code COG INSEE du pays de naissance (99100 : France). */
      birthCountry: string
      /** @description Code COG INSEE de la commune de naissance (né en France). */
      birthCommune?: string
      /** @description Ou : nom de la commune de naissance, avec `birthDepartement`. */
      birthCommuneName?: string
      birthDepartement?: string
    }
    /**
     * @example {
     *       "siret": "21040107100019",
     *       "identity": {
     *         "birthName": "LEFEBVRE",
     *         "firstNames": [
     *           "ALEXIS",
     *           "GÉRÔME",
     *           "JEAN-PHILIPPE"
     *         ],
     *         "sex": "F",
     *         "birthDate": "1982-12-27",
     *         "birthCountry": "99100",
     *         "birthCommune": "08480"
     *       }
     *     }
     */
    QuotientFamilialLookup: {
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      siret: string
      identity: components['schemas']['IdentityPivotInput']
    }
    QuotientFamilialLookupResult: {
      quotientFamilial: components['schemas']['QuotientFamilial']
    }
    CollectivityLink: {
      /** @description Le lien à donner aux familles (et que porte le QR code). */
      url: string
    }
    DatapassWebhookAck: {
      /** @enum {boolean} */
      received: true
      /** @description `test` : appel de test ; `ignored` : événement d’un autre formulaire ; `recorded` : événement appliqué au cycle de vie de la collectivité (`refuse`, `revoke`, `archive`, `transfer`…) ou enregistré sans effet (événement inconnu, collectivité inconnue) ; `completed` : embarquement terminé (collectivité active, ou en attente d’activation HubEE) ; `waiting_retry` : une étape a échoué, une tâche réessaiera ; `failed` : échec définitif, visible des exploitants (API d’administration). */
      outcome: 'test' | 'ignored' | 'recorded' | 'completed' | 'waiting_retry' | 'failed'
    }
    /** @description `hubee_unreachable` : le référentiel HubEE n’a pas pu être lu ; `hubee_subscription_missing` : aucun abonnement FormulaireQF ; `hubee_subscription_inactive` : abonnement non actif (p. ex. en attente d’activation par HubEE) ; `hubee_access_mode_mismatch` : mode d’accès (API avec un éditeur, PORTAIL sans) ou délégation à un autre éditeur ; `no_editor` : aucun éditeur ; `api_particulier_token_missing`, `…_expired`, `…_expiring` (moins de 90 jours) : le jeton API Particulier ; `api_particulier_token_mark_stale` : la marque « à renouveler » ne correspond pas à la date du jeton ; `webhook_failing` : les derniers envois du webhook échouent ou ont été abandonnés ; `not_offered` : la collectivité n’est pas proposée aux familles (état du cycle de vie autre que `active`). */
    HealthProblemCode:
      | 'hubee_unreachable'
      | 'hubee_subscription_missing'
      | 'hubee_subscription_inactive'
      | 'hubee_access_mode_mismatch'
      | 'no_editor'
      | 'api_particulier_token_missing'
      | 'api_particulier_token_expired'
      | 'api_particulier_token_expiring'
      | 'api_particulier_token_mark_stale'
      | 'webhook_failing'
      | 'not_offered'
    /** @description `blocking` : un dossier n’arrive pas ou le QF ne peut être rafraîchi ; `warning` : à traiter, sans bloquer (encore). */
    HealthSeverity: 'blocking' | 'warning'
    HealthProblem: {
      code: components['schemas']['HealthProblemCode']
      severity: components['schemas']['HealthSeverity']
      /** @description Le problème et ce qu’il faut faire, en français. */
      message: string
      /** @description `true` : `POST …/repair` le corrige (ou le demande à HubEE) sans intervention humaine. */
      repairable: boolean
    }
    /**
     * @example {
     *       "siret": "21010004600015",
     *       "name": "Ambérieu-en-Bugey",
     *       "healthy": false,
     *       "problems": [
     *         {
     *           "code": "hubee_subscription_inactive",
     *           "severity": "blocking",
     *           "message": "L’abonnement FormulaireQF de HubEE est « Inactif » : en attente d’activation par HubEE. Les dossiers ne peuvent pas être déposés tant qu’il n’est pas actif.",
     *           "repairable": true
     *         }
     *       ]
     *     }
     */
    CollectivityHealth: {
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      siret: string
      name: string
      /** @description `true` : aucun problème bloquant (des avertissements possibles). */
      healthy: boolean
      problems: components['schemas']['HealthProblem'][]
    }
    EditorHealth: {
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      editorSiret: string
      /** @description `true` : aucune de ses collectivités n’a de problème bloquant. */
      healthy: boolean
      collectivities: components['schemas']['CollectivityHealth'][]
    }
    RepairAction: {
      code: components['schemas']['HealthProblemCode']
      /** @description `repaired` : corrigé ; `pending` : demandé, attend une action d’un tiers (HubEE) ; `failed` : la réparation a échoué (le message dit pourquoi). */
      outcome: 'repaired' | 'pending' | 'failed'
      /** @description Ce qui a été fait, en français. */
      message: string
    }
    CollectivityRepair: {
      /**
       * @description SIRET de l’établissement : 14 chiffres.
       * @example 21040107100019
       */
      siret: string
      /** @description Les réparations tentées. */
      actions: components['schemas']['RepairAction'][]
      health: components['schemas']['CollectivityHealth']
    }
    /** @description `success` (2xx), `refused` (4xx), `error` (5xx) ; `pending` : écriture commencée dont la réponse n’a pas été enregistrée (processus arrêté pendant l’écriture). */
    AuditOutcome: 'pending' | 'success' | 'refused' | 'error'
    AuditRecord: {
      id: string
      /** Format: date-time */
      at: string
      /** @description Identifiant public de la clé (`qf_<id>_…`). */
      keyId: string
      /** @description `admin` ou `editor:<SIRET>`. */
      scope: string
      /** @description operationId de la route appelée. */
      operation: string
      collectivity: string | null
      outcome: components['schemas']['AuditOutcome']
      statusCode: number | null
    }
    /** @description Appels faits avec une clé d’API, les plus récents d’abord. */
    AuditList: {
      items: components['schemas']['AuditRecord'][]
    }
  }
  responses: never
  parameters: never
  requestBodies: never
  headers: never
  pathItems: never
}
export type $defs = Record<string, never>
export interface operations {
  getHealth: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Health']
        }
      }
      /** @description Requête refusée (problem+json). */
      '4XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getReadiness: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Readiness']
        }
      }
      /** @description Default Response */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Readiness']
        }
      }
      /** @description Requête refusée (problem+json). */
      '4XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getMetrics: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Prometheus text exposition format */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/plain': string
        }
      }
      /** @description Jeton absent ou invalide (`urn:qf:problem:unauthorized`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getOpenApiDocument: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            [key: string]: unknown
          }
        }
      }
      /** @description Requête refusée (problem+json). */
      '4XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listCollectivities: {
    parameters: {
      query: {
        /** @description Texte recherché (1 à 100 caractères, espaces de bord ignorés) : une partie du nom (sans tenir compte des accents ni de la casse ; « St », « Ste » lus Saint, Sainte ; « Mairie de », « Commune de », « Ville de », « CCAS de » ignorés), le début d’un code postal, un code de département (`04`, `2A`, `974` ; un seul chiffre est un département : `4` → `04`), ou les deux ensemble (`Saint-Denis 97400`, `Paris 3e`). */
        q?: string
        /**
         * @description Nombre maximal de collectivités renvoyées.
         * @example 20
         */
        limit: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Collectivités actives correspondant à la recherche, triées par nom. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CollectivityList']
        }
      }
      /** @description Paramètre `q` ou `limit` invalide (problem+json, `urn:qf:problem:validation`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes depuis cette adresse (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getCollectivity: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Une collectivité active qui reçoit le quotient familial des familles. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Collectivity']
        }
      }
      /** @description SIRET inconnu (`urn:qf:problem:collectivity-not-found`) ou collectivité non proposée (`urn:qf:problem:collectivity-not-offered`, `code` `not_yet_offered` ou `no_longer_offered`) (problem+json). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description SIRET mal formé : 14 chiffres attendus (problem+json, `urn:qf:problem:validation`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes depuis cette adresse (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getCollectivityLink: {
    parameters: {
      query?: {
        /** @description Identifiant de l’usager chez l’éditeur : 1 à 255 caractères Unicode (points de code ; emoji acceptés), sans caractère de contrôle, de formatage (bidi, largeur nulle, BOM) ni séparateur autre que l’espace, sans espace en bordure. */
        external_id?: string
        /**
         * @description Page de la collectivité où revenir à la fin du parcours ; https, son origine doit être autorisée par la collectivité.
         * @example https://portail.majastres.fr/qf
         */
        redirect_uri?: string
      }
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CollectivityLink']
        }
      }
      /** @description SIRET inconnu (`urn:qf:problem:collectivity-not-found`) ou collectivité non proposée aux familles (`urn:qf:problem:collectivity-not-offered`, `code` `not_yet_offered` ou `no_longer_offered`) (problem+json). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description SIRET ou `external_id` mal formé (`urn:qf:problem:validation`), ou `redirect_uri` hors de la liste autorisée par la collectivité (`urn:qf:problem:invalid-redirect-uri`) (problem+json). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes depuis cette adresse (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getCollectivityQrCodeSvg: {
    parameters: {
      query?: {
        /** @description Identifiant de l’usager chez l’éditeur : 1 à 255 caractères Unicode (points de code ; emoji acceptés), sans caractère de contrôle, de formatage (bidi, largeur nulle, BOM) ni séparateur autre que l’espace, sans espace en bordure. */
        external_id?: string
        /**
         * @description Page de la collectivité où revenir à la fin du parcours ; https, son origine doit être autorisée par la collectivité.
         * @example https://portail.majastres.fr/qf
         */
        redirect_uri?: string
      }
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Le QR code, image SVG. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'image/svg+xml': string
        }
      }
      /** @description SIRET inconnu (`urn:qf:problem:collectivity-not-found`) ou collectivité non proposée aux familles (`urn:qf:problem:collectivity-not-offered`, `code` `not_yet_offered` ou `no_longer_offered`) (problem+json). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description SIRET ou `external_id` mal formé (`urn:qf:problem:validation`), ou `redirect_uri` hors de la liste autorisée par la collectivité (`urn:qf:problem:invalid-redirect-uri`) (problem+json). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes depuis cette adresse (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getCollectivityQrCodePng: {
    parameters: {
      query?: {
        /** @description Identifiant de l’usager chez l’éditeur : 1 à 255 caractères Unicode (points de code ; emoji acceptés), sans caractère de contrôle, de formatage (bidi, largeur nulle, BOM) ni séparateur autre que l’espace, sans espace en bordure. */
        external_id?: string
        /**
         * @description Page de la collectivité où revenir à la fin du parcours ; https, son origine doit être autorisée par la collectivité.
         * @example https://portail.majastres.fr/qf
         */
        redirect_uri?: string
      }
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Le QR code, image PNG. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'image/png': string
        }
      }
      /** @description SIRET inconnu (`urn:qf:problem:collectivity-not-found`) ou collectivité non proposée aux familles (`urn:qf:problem:collectivity-not-offered`, `code` `not_yet_offered` ou `no_longer_offered`) (problem+json). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description SIRET ou `external_id` mal formé (`urn:qf:problem:validation`), ou `redirect_uri` hors de la liste autorisée par la collectivité (`urn:qf:problem:invalid-redirect-uri`) (problem+json). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes depuis cette adresse (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  createSession: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "siret": "21040107100019",
         *       "externalId": "famille-1234",
         *       "redirectUri": "https://portail.majastres.fr/qf"
         *     }
         */
        'application/json': {
          /**
           * @description SIRET de l’établissement : 14 chiffres.
           * @example 21040107100019
           */
          siret: string
          /** @description Identifiant de l’usager chez l’éditeur : 1 à 255 caractères Unicode (points de code ; emoji acceptés), sans caractère de contrôle, de formatage (bidi, largeur nulle, BOM) ni séparateur autre que l’espace, sans espace en bordure. */
          externalId?: string
          /** @description Page de la collectivité où revenir à la fin ; https, et son origine doit être autorisée par la collectivité. */
          redirectUri?: string
          /** @description Pour un front-end tiers (autre origine autorisée, sans cookie tiers) : URL de base où renvoyer le navigateur après FranceConnect, avec un `login_code` à échanger (`exchangeLoginCode`). */
          frontendUrl?: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CreatedSession']
        }
      }
      /** @description SIRET inconnu (`urn:qf:problem:collectivity-not-found`), ou collectivité connue mais pas proposée aux familles (`urn:qf:problem:collectivity-not-offered`, `code` `not_yet_offered` ou `no_longer_offered`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Corps invalide (`urn:qf:problem:validation`), `redirectUri` refusée (`urn:qf:problem:invalid-redirect-uri`) ou `frontendUrl` refusée (`urn:qf:problem:invalid-frontend-url`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getCurrentSession: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CurrentSession']
        }
      }
      /** @description Pas de session (`urn:qf:problem:session-missing`) ou session expirée (`urn:qf:problem:session-expired`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  logoutCurrentSession: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['LogoutResult']
        }
      }
      /** @description Pas de session ou session expirée. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description FranceConnect ne répond pas (`urn:qf:problem:identity-provider-unavailable`). */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  renewLoginUrl: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['LoginLink']
        }
      }
      /** @description Pas de session ou session expirée. */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Session déjà connectée (`urn:qf:problem:session-already-authenticated`). */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  exchangeLoginCode: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "loginCode": "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c"
         *     }
         */
        'application/json': {
          loginCode: string
        }
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['SessionToken']
        }
      }
      /** @description Code inconnu, déjà utilisé ou expiré (`urn:qf:problem:invalid-login-code`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Corps invalide. */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  startFranceConnectLogin: {
    parameters: {
      query?: {
        /** @description Le ticket de connexion à usage unique du `loginUrl`. */
        ticket?: string
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Vers FranceConnect, ou vers la page d’erreur si le ticket est inconnu, déjà utilisé ou expiré, ou si FranceConnect ne répond pas. */
      302: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description Requête refusée (problem+json). */
      '4XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  franceConnectCallback: {
    parameters: {
      query?: {
        code?: string
        state?: string
        error?: string
        error_description?: string
        iss?: string
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Vers le front-end : étape suivante ou page d’erreur. */
      302: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description Requête refusée (problem+json). */
      '4XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  franceConnectLogoutCallback: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Vers la page « Vous êtes déconnecté » de la collectivité, ou l’accueil. */
      302: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description Requête refusée (problem+json). */
      '4XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  submitCurrentSession: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "consent": true
         *     }
         */
        'application/json': {
          /**
           * @description Le citoyen accepte l’envoi de ses données.
           * @enum {boolean}
           */
          consent: true
        }
      }
    }
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['SubmissionAccepted']
        }
      }
      /** @description Pas de session (`urn:qf:problem:session-missing`) ou session expirée (`urn:qf:problem:session-expired`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Envoi impossible à ce stade (`urn:qf:problem:submission-not-allowed`) : pas encore connecté, quotient familial non lu, collectivité inactive. */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Consentement absent ou corps invalide (`urn:qf:problem:validation`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getSubmission: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description Référence de l’envoi : 13 caractères (majuscules et chiffres sans confusion possible).
         * @example 7KQ4MXD9HTCW3
         */
        reference: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Submission']
        }
      }
      /** @description Référence inconnue ou purgée (`urn:qf:problem:submission-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Référence mal formée (`urn:qf:problem:validation`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  receiveDatapassWebhook: {
    parameters: {
      query?: never
      header?: {
        /** @description `sha256=` suivi du HMAC-SHA256 hexadécimal du corps brut. */
        'x-hub-signature-256'?: string
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['DatapassWebhookPayload']
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['DatapassWebhookAck']
        }
      }
      /** @description Corps illisible (problem+json, `urn:qf:problem:invalid-body`). */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Signature absente ou fausse (problem+json, `urn:qf:problem:webhook-signature-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Corps qui n’est pas un événement DataPass (problem+json, `urn:qf:problem:validation`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listAudit: {
    parameters: {
      query: {
        /** @description Identifiant de la clé. */
        key?: string
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret?: string
        operation?: string
        since?: string
        until?: string
        limit: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Appels faits avec une clé d’API, les plus récents d’abord. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AuditList']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Réservé aux clés `admin` (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Filtres invalides (problem+json, `urn:qf:problem:validation`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listAdminCollectivities: {
    parameters: {
      query: {
        /** @description Ancien champ, gardé pour les clients existants. En lecture : `active` ⇔ `lifecycle` = `active` (proposée aux familles). En écriture (clé `admin` seulement) : `active` est la décision des exploitants d’habiliter la collectivité (elle n’est proposée qu’une fois son abonnement HubEE lu `Actif`), `inactive` la suspend. */
        status?: 'active' | 'inactive'
        /** @description `draft` : connue, sans habilitation (ou embarquement en cours) ; `awaiting_hubee` : habilitée, abonnement HubEE `FormulaireQF` pas encore lu `Actif` (activation manuelle par HubEE) ; `active` : proposée aux familles ; `suspended` : retirée (décision des exploitants, habilitation révoquée, abonnement HubEE plus actif), peut revenir ; `closed` : archivée, définitivement. */
        lifecycle?: 'draft' | 'awaiting_hubee' | 'active' | 'suspended' | 'closed'
        /** @description SIRET de l’éditeur. */
        editor?: string
        departement?: string
        /** @description `true` : seulement les jetons qui expirent dans moins de 90 jours. */
        token_expiring?: boolean
        limit: number
        offset: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AdminCollectivityList']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides : SIRET (clé de Luhn, exception de La Poste), code COG, champs (problem+json, `urn:qf:problem:validation`, `errors` nomme chaque champ). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  createCollectivity: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CollectivityWrite']
      }
    }
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AdminCollectivity']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Ce SIRET existe déjà (problem+json, `urn:qf:problem:collectivity-exists`). */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides : SIRET (clé de Luhn, exception de La Poste), code COG, champs (problem+json, `urn:qf:problem:validation`, `errors` nomme chaque champ). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getAdminCollectivity: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AdminCollectivity']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Collectivité inconnue (problem+json, `urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides : SIRET (clé de Luhn, exception de La Poste), code COG, champs (problem+json, `urn:qf:problem:validation`, `errors` nomme chaque champ). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  updateCollectivity: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CollectivityUpdate']
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AdminCollectivity']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Collectivité inconnue (problem+json, `urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Changement d’état refusé par le cycle de vie (problem+json, `urn:qf:problem:lifecycle-transition-refused`). */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides : SIRET (clé de Luhn, exception de La Poste), code COG, champs (problem+json, `urn:qf:problem:validation`, `errors` nomme chaque champ). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  deactivateCollectivity: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AdminCollectivity']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Collectivité inconnue (problem+json, `urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Changement d’état refusé par le cycle de vie (problem+json, `urn:qf:problem:lifecycle-transition-refused`). */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides : SIRET (clé de Luhn, exception de La Poste), code COG, champs (problem+json, `urn:qf:problem:validation`, `errors` nomme chaque champ). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  checkCollectivityHubee: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AdminCollectivity']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Collectivité inconnue (problem+json, `urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides : SIRET (clé de Luhn, exception de La Poste), code COG, champs (problem+json, `urn:qf:problem:validation`, `errors` nomme chaque champ). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description HubEE ne répond pas (problem+json, `urn:qf:problem:unavailable`). */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listCollectivityTransitions: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Les transitions d’une collectivité, de la plus ancienne à la plus récente. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CollectivityTransitionList']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Collectivité inconnue (problem+json, `urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides : SIRET (clé de Luhn, exception de La Poste), code COG, champs (problem+json, `urn:qf:problem:validation`, `errors` nomme chaque champ). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  setApiParticulierToken: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ApiParticulierTokenWrite']
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AdminCollectivity']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Collectivité inconnue (problem+json, `urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Jeton mal formé, ou date absente / discordante (problem+json, `urn:qf:problem:token-expiry-invalid`, `code` `expiry_required` ou `expiry_mismatch`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  importCollectivities: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CollectivityImport']
      }
    }
    responses: {
      /** @description Tout ou rien : une ligne invalide est signalée (422, avec son numéro) et rien n’est écrit. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CollectivityImportResult']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Fichier trop volumineux (plus de 5 Mo). */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Lignes invalides (problem+json, `urn:qf:problem:import-invalid`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listOnboardings: {
    parameters: {
      query: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret?: string
        state?: components['schemas']['OnboardingState']
        limit: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['OnboardingList']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides : SIRET (clé de Luhn, exception de La Poste), code COG, champs (problem+json, `urn:qf:problem:validation`, `errors` nomme chaque champ). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getOnboarding: {
    parameters: {
      query?: never
      header?: never
      path: {
        datapassId: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['OnboardingView']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Embarquement inconnu (problem+json, `urn:qf:problem:onboarding-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides : SIRET (clé de Luhn, exception de La Poste), code COG, champs (problem+json, `urn:qf:problem:validation`, `errors` nomme chaque champ). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  retryOnboarding: {
    parameters: {
      query?: never
      header?: never
      path: {
        datapassId: number
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['OnboardingView']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Embarquement inconnu (problem+json, `urn:qf:problem:onboarding-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides : SIRET (clé de Luhn, exception de La Poste), code COG, champs (problem+json, `urn:qf:problem:validation`, `errors` nomme chaque champ). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listExpiringTokens: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Collectivités dont le jeton API Particulier expire dans moins de 90 jours, par date. */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ExpiringTokenList']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  lookupQuotientFamilial: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['QuotientFamilialLookup']
      }
    }
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['QuotientFamilialLookupResult']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` n’accède qu’aux collectivités de cet éditeur (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Collectivité inconnue ou inactive (`urn:qf:problem:collectivity-not-found`), ou personne inconnue de la CAF et de la MSA (`urn:qf:problem:quotient-familial-not-found`) (problem+json). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Jeton de la collectivité absent (`urn:qf:problem:api-particulier-token-missing`), expiré (`urn:qf:problem:api-particulier-token-expired` : le détail donne la procédure de renouvellement par DataPass) ou refusé (`urn:qf:problem:api-particulier-token-refused`) (problem+json). */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Identité mal formée (`urn:qf:problem:validation`) ou refusée par API Particulier (`urn:qf:problem:identity-rejected`) (problem+json). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Plus de 20 demandes par seconde pour ce jeton, ou API Particulier demande d’attendre (`urn:qf:problem:quotient-familial-rate-limited`, en-tête `Retry-After`) (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Réponse invalide de la CAF/MSA (`urn:qf:problem:quotient-familial-provider-error`) (problem+json). */
      502: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description API Particulier, la CAF ou la MSA ne répond pas (`urn:qf:problem:quotient-familial-unavailable`) (problem+json). */
      503: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getCollectivityWebhook: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Un point de réception du webhook (le secret n’est jamais renvoyé). */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WebhookEndpoint']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` ne gère que son propre webhook et ceux de ses collectivités (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Aucun webhook configuré (problem+json, `urn:qf:problem:webhook-endpoint-not-found`), ou collectivité inconnue (`urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides, ou adresse refusée (problem+json, `urn:qf:problem:validation` ou `urn:qf:problem:invalid-webhook-url`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  setCollectivityWebhook: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEndpointInput']
      }
    }
    responses: {
      /** @description Un point de réception du webhook (le secret n’est jamais renvoyé). */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WebhookEndpoint']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` ne gère que son propre webhook et ceux de ses collectivités (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Aucun webhook configuré (problem+json, `urn:qf:problem:webhook-endpoint-not-found`), ou collectivité inconnue (`urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides, ou adresse refusée (problem+json, `urn:qf:problem:validation` ou `urn:qf:problem:invalid-webhook-url`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  removeCollectivityWebhook: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Supprimé. */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` ne gère que son propre webhook et ceux de ses collectivités (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Aucun webhook configuré (problem+json, `urn:qf:problem:webhook-endpoint-not-found`), ou collectivité inconnue (`urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides, ou adresse refusée (problem+json, `urn:qf:problem:validation` ou `urn:qf:problem:invalid-webhook-url`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getEditorWebhook: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Un point de réception du webhook (le secret n’est jamais renvoyé). */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WebhookEndpoint']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` ne gère que son propre webhook et ceux de ses collectivités (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Aucun webhook configuré (problem+json, `urn:qf:problem:webhook-endpoint-not-found`), ou collectivité inconnue (`urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides, ou adresse refusée (problem+json, `urn:qf:problem:validation` ou `urn:qf:problem:invalid-webhook-url`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  setEditorWebhook: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEndpointInput']
      }
    }
    responses: {
      /** @description Un point de réception du webhook (le secret n’est jamais renvoyé). */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WebhookEndpoint']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` ne gère que son propre webhook et ceux de ses collectivités (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Aucun webhook configuré (problem+json, `urn:qf:problem:webhook-endpoint-not-found`), ou collectivité inconnue (`urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides, ou adresse refusée (problem+json, `urn:qf:problem:validation` ou `urn:qf:problem:invalid-webhook-url`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  removeEditorWebhook: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Supprimé. */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` ne gère que son propre webhook et ceux de ses collectivités (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Aucun webhook configuré (problem+json, `urn:qf:problem:webhook-endpoint-not-found`), ou collectivité inconnue (`urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides, ou adresse refusée (problem+json, `urn:qf:problem:validation` ou `urn:qf:problem:invalid-webhook-url`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  listWebhookDeliveries: {
    parameters: {
      query: {
        /**
         * @description Référence de l’envoi : 13 caractères (majuscules et chiffres sans confusion possible).
         * @example 7KQ4MXD9HTCW3
         */
        reference?: string
        /** @description SIRET d’une collectivité destinataire, ou du propriétaire du point de réception (éditeur). */
        siret?: string
        limit: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WebhookDeliveryList']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` ne gère que son propre webhook et ceux de ses collectivités (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Valeurs invalides, ou adresse refusée (problem+json, `urn:qf:problem:validation` ou `urn:qf:problem:invalid-webhook-url`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getCollectivityHealth: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CollectivityHealth']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` ne voit que ses collectivités et elle-même (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Collectivité inconnue (problem+json, `urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description SIRET invalide (problem+json, `urn:qf:problem:validation`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  getEditorHealth: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['EditorHealth']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` ne voit que ses collectivités et elle-même (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description SIRET invalide (problem+json, `urn:qf:problem:validation`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
  repairCollectivity: {
    parameters: {
      query?: never
      header?: never
      path: {
        /**
         * @description SIRET de l’établissement : 14 chiffres.
         * @example 21040107100019
         */
        siret: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CollectivityRepair']
        }
      }
      /** @description Clé d’API absente, inconnue ou révoquée (problem+json, `urn:qf:problem:api-key-invalid`). */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Hors du périmètre de la clé : une clé `editor:<SIRET>` ne voit que ses collectivités et elle-même (problem+json, `urn:qf:problem:forbidden`). */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Collectivité inconnue (problem+json, `urn:qf:problem:collectivity-not-found`). */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description SIRET invalide (problem+json, `urn:qf:problem:validation`). */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Trop de requêtes (problem+json). */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
      /** @description Erreur du service (problem+json). */
      '5XX': {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['Problem']
        }
      }
    }
  }
}
