import { Type, type Static } from '@sinclair/typebox'
import { CogCode, CollectivityLifecycle, DepartementCode, PostalCode, Siret } from './collectivity.js'
import { OnboardingErrorCode, OnboardingState, OnboardingStep } from './onboarding.js'
import { QuotientFamilial } from './journey.js'
import { SafeText } from './strings.js'

/*
 * The registry's write side: what ops (scope `admin`) and editors (scope `editor:<SIRET>`) see and
 * send through `/api/v1/admin/…`, the CLI, and the QF lookup by identity. Secrets (the
 * collectivities' API Particulier tokens) are write-only: answers say "set, expires on …".
 */

/** An API key's scope: `admin` (ops), or `editor:<SIRET of the editor>` (that editor's collectivities). */
export const apiKeyScopePattern = '^(admin|editor:\\d{14})$'
export const ApiKeyScope = Type.String({
  pattern: apiKeyScopePattern,
  description: '`admin` (exploitation) ou `editor:<SIRET de l’éditeur>` (ses collectivités seulement).',
  examples: ['admin', 'editor:99900000100019'],
})
export type ApiKeyScope = Static<typeof ApiKeyScope>

/** The prefix of every API key: `qf_<key id>_<secret>`. */
export const apiKeyPrefix = 'qf_'

/** The software editor that serves a collectivity (receives its dossiers, may call the lookup). */
export const CollectivityEditor = Type.Object(
  {
    siret: Siret,
    name: SafeText({ nonBlank: true, minLength: 1, maxLength: 200 }),
  },
  { $id: 'CollectivityEditor', additionalProperties: false },
)
export type CollectivityEditor = Static<typeof CollectivityEditor>

/** A person to contact at the collectivity (professional contact data). */
export const CollectivityContact = Type.Object(
  {
    email: Type.String({ pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', maxLength: 254 }),
    givenName: Type.Union([SafeText({ maxLength: 100 }), Type.Null()]),
    familyName: Type.Union([SafeText({ maxLength: 100 }), Type.Null()]),
    phoneNumber: Type.Union([SafeText({ maxLength: 40 }), Type.Null()]),
    jobTitle: Type.Union([SafeText({ maxLength: 200 }), Type.Null()]),
  },
  { $id: 'CollectivityContact', additionalProperties: false },
)
export type CollectivityContact = Static<typeof CollectivityContact>

export const CollectivityContacts = Type.Object(
  {
    requester: Type.Union([Type.Ref(CollectivityContact), Type.Null()], {
      description: 'L’agent qui a fait la demande DataPass.',
    }),
    dpo: Type.Union([Type.Ref(CollectivityContact), Type.Null()], {
      description: 'Le délégué à la protection des données.',
    }),
  },
  { $id: 'CollectivityContacts', additionalProperties: false },
)
export type CollectivityContacts = Static<typeof CollectivityContacts>

export const CollectivityStatus = Type.Union([Type.Literal('active'), Type.Literal('inactive')], {
  $id: 'CollectivityStatus',
  description:
    'Ancien champ, gardé pour les clients existants. En lecture : `active` ⇔ `lifecycle` = `active` ' +
    '(proposée aux familles). En écriture (clé `admin` seulement) : `active` est la décision des exploitants ' +
    'd’habiliter la collectivité (elle n’est proposée qu’une fois son abonnement HubEE lu `Actif`), ' +
    '`inactive` la suspend.',
})
export type CollectivityStatus = Static<typeof CollectivityStatus>

/** What authorizes a collectivity to receive dossiers (besides its HubEE subscription). */
export const CollectivityAuthorization = Type.Union(
  [Type.Literal('datapass'), Type.Literal('admin'), Type.Null()],
  {
    $id: 'CollectivityAuthorization',
    description:
      '`datapass` : habilitation DataPass approuvée ; `admin` : décision des exploitants (ou de la graine de ' +
      'démonstration), enregistrée comme telle ; `null` : aucune (jamais donnée, refusée ou révoquée).',
  },
)
export type CollectivityAuthorization = Static<typeof CollectivityAuthorization>

/** Who triggers a lifecycle transition. */
export const LifecycleActorKind = Type.Union(
  [
    Type.Literal('datapass'),
    Type.Literal('hubee_check'),
    Type.Literal('admin'),
    Type.Literal('editor'),
    Type.Literal('job'),
    Type.Literal('seed'),
  ],
  {
    $id: 'LifecycleActorKind',
    description:
      '`datapass` : un événement DataPass ; `hubee_check` : l’abonnement relu dans le référentiel HubEE ' +
      '(embarquement) ; `admin` / `editor` : une clé d’API ; `job` : la tâche périodique de relecture HubEE ; ' +
      '`seed` : la graine de démonstration.',
  },
)
export type LifecycleActorKind = Static<typeof LifecycleActorKind>

/** One recorded lifecycle transition (or event without a change of state): who, when, why. */
export const CollectivityTransition = Type.Object(
  {
    siret: Siret,
    from: Type.Union([Type.Ref(CollectivityLifecycle), Type.Null()], {
      description: '`null` : la collectivité n’existait pas encore.',
    }),
    to: Type.Union([Type.Ref(CollectivityLifecycle), Type.Null()], {
      description: '`null` : événement enregistré sans changement d’état (ex. événement DataPass inconnu).',
    }),
    event: Type.String({
      description: 'L’événement : `authorize`, `hubee_active`, `revoke`, `datapass:<nom>`…',
    }),
    actorKind: Type.Ref(LifecycleActorKind),
    actorId: Type.Union([Type.String(), Type.Null()], {
      description: 'Identifiant de la clé d’API, n° de demande DataPass, abonnement HubEE…',
    }),
    reason: Type.String(),
    at: Type.String({ format: 'date-time' }),
  },
  { $id: 'CollectivityTransition', additionalProperties: false },
)
export type CollectivityTransition = Static<typeof CollectivityTransition>

export const CollectivityTransitionList = Type.Object(
  { items: Type.Array(Type.Ref(CollectivityTransition)) },
  {
    $id: 'CollectivityTransitionList',
    additionalProperties: false,
    description: 'Les transitions d’une collectivité, de la plus ancienne à la plus récente.',
  },
)
export type CollectivityTransitionList = Static<typeof CollectivityTransitionList>

/** An origin `scheme://host[:port]` a journey's `redirect_uri` may point to. */
export const RedirectOrigin = Type.String({
  pattern: '^https?://[^/\\s?#]+$',
  maxLength: 300,
  examples: ['https://portail.majastres.fr'],
})

/** What is written to create a collectivity (admin API, CLI, import). */
export const CollectivityWrite = Type.Object(
  {
    siret: Siret,
    name: SafeText({ nonBlank: true, minLength: 1, maxLength: 200 }),
    cogCode: CogCode,
    postalCodes: Type.Array(PostalCode, { minItems: 1, maxItems: 50 }),
    status: Type.Optional(CollectivityStatus),
    editor: Type.Optional(Type.Union([Type.Ref(CollectivityEditor), Type.Null()])),
    allowedRedirectOrigins: Type.Optional(Type.Array(RedirectOrigin, { maxItems: 20 })),
    contacts: Type.Optional(Type.Ref(CollectivityContacts)),
  },
  {
    $id: 'CollectivityWrite',
    additionalProperties: false,
    description:
      'Une collectivité à créer. SIRET contrôlé (clé de Luhn, exception de La Poste), code COG contrôlé ' +
      '(`2A`/`2B`, outre-mer `971`–`978`) ; le département en est déduit. Sans éditeur par défaut ; créée ' +
      '`draft` (non proposée) sauf `status: active` donné par une clé `admin`.',
    examples: [
      {
        siret: '21040107100019',
        name: 'Majastres',
        cogCode: '04107',
        postalCodes: ['04270'],
        editor: { siret: '99900000100019', name: 'Logiciels Communes' },
        allowedRedirectOrigins: ['https://portail.majastres.fr'],
      },
    ],
  },
)
export type CollectivityWrite = Static<typeof CollectivityWrite>

/** A partial update (the SIRET is the key, never changed). */
export const CollectivityUpdate = Type.Partial(Type.Omit(CollectivityWrite, ['siret']), {
  $id: 'CollectivityUpdate',
  additionalProperties: false,
  minProperties: 1,
  description: 'Les champs à changer (les autres restent tels quels).',
})
export type CollectivityUpdate = Static<typeof CollectivityUpdate>

/** The API Particulier token of a collectivity, as anyone may see it: never its value. */
export const ApiParticulierTokenState = Type.Object(
  {
    set: Type.Boolean({ description: 'Un jeton est enregistré (scellé ; jamais renvoyé).' }),
    expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    source: Type.Union([Type.Literal('jwt'), Type.Literal('admin'), Type.Null()], {
      description: '`jwt` : date lue dans le jeton ; `admin` : date donnée à l’enregistrement.',
    }),
    expiringSoon: Type.Boolean({
      description: 'Marqué par la tâche quotidienne : expire dans moins de 90 jours (ou a expiré).',
    }),
  },
  { $id: 'ApiParticulierTokenState', additionalProperties: false },
)
export type ApiParticulierTokenState = Static<typeof ApiParticulierTokenState>

export const HubeeSubscriptionState = Type.Object(
  {
    organizationId: Type.String(),
    subscriptionId: Type.String(),
    accessMode: Type.Union([Type.Literal('API'), Type.Literal('PORTAIL')]),
    status: Type.Union([Type.Literal('Actif'), Type.Literal('Inactif')]),
  },
  { $id: 'HubeeSubscriptionState', additionalProperties: false },
)
export type HubeeSubscriptionState = Static<typeof HubeeSubscriptionState>

/** A collectivity as ops and its editor see it (no secret). */
export const AdminCollectivity = Type.Object(
  {
    siret: Siret,
    name: Type.String(),
    cogCode: CogCode,
    departement: DepartementCode,
    postalCodes: Type.Array(PostalCode),
    status: Type.Ref(CollectivityStatus),
    lifecycle: Type.Ref(CollectivityLifecycle),
    authorization: Type.Ref(CollectivityAuthorization),
    editor: Type.Union([Type.Ref(CollectivityEditor), Type.Null()]),
    allowedRedirectOrigins: Type.Array(Type.String()),
    contacts: Type.Ref(CollectivityContacts),
    apiParticulierToken: Type.Ref(ApiParticulierTokenState),
    hubeeSubscription: Type.Union([Type.Ref(HubeeSubscriptionState), Type.Null()]),
    datapassId: Type.Union([Type.Integer(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'AdminCollectivity', additionalProperties: false },
)
export type AdminCollectivity = Static<typeof AdminCollectivity>

export const AdminCollectivityList = Type.Object(
  { items: Type.Array(Type.Ref(AdminCollectivity)) },
  { $id: 'AdminCollectivityList', additionalProperties: false },
)
export type AdminCollectivityList = Static<typeof AdminCollectivityList>

/** Setting a collectivity's API Particulier token: its expiry is read from the JWT when it is one. */
export const ApiParticulierTokenWrite = Type.Object(
  {
    token: Type.String({
      minLength: 16,
      maxLength: 4096,
      pattern: '^[\\x21-\\x7E]+$',
      description: 'Le jeton API Particulier de la collectivité (scellé au repos, jamais renvoyé).',
    }),
    expiresAt: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$',
        description:
          'Obligatoire si le jeton n’est pas un JWT ; sinon doit concorder (± 1 jour) avec son `exp`.',
      }),
    ),
  },
  { $id: 'ApiParticulierTokenWrite', additionalProperties: false },
)
export type ApiParticulierTokenWrite = Static<typeof ApiParticulierTokenWrite>

/** An import of many collectivities: a CSV text (with its header line) or JSON items. */
export const CollectivityImport = Type.Union(
  [
    Type.Object(
      {
        csv: Type.String({
          minLength: 1,
          maxLength: 4_000_000,
          description:
            'CSV (séparateur `,` ou `;`, lu sur l’en-tête ; guillemets doubles), ligne d’en-tête, colonnes dans ' +
            'n’importe quel ordre : `siret,name,cog_code,postal_codes,status,editor_siret,editor_name,' +
            'allowed_redirect_origins` (listes séparées par des espaces). Texte Unicode : un fichier Windows-1252 ' +
            'se décode avant l’envoi (la CLI d’exploitation le fait).',
        }),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      { items: Type.Array(Type.Ref(CollectivityWrite), { minItems: 1, maxItems: 20_000 }) },
      { additionalProperties: false },
    ),
  ],
  { $id: 'CollectivityImport' },
)
export type CollectivityImport = Static<typeof CollectivityImport>

export const CollectivityImportResult = Type.Object(
  {
    created: Type.Integer({ minimum: 0 }),
    updated: Type.Integer({ minimum: 0 }),
    unchanged: Type.Integer({ minimum: 0 }),
  },
  {
    $id: 'CollectivityImportResult',
    additionalProperties: false,
    description: 'Tout ou rien : une ligne invalide est signalée (422, avec son numéro) et rien n’est écrit.',
  },
)
export type CollectivityImportResult = Static<typeof CollectivityImportResult>

export const OnboardingStepView = Type.Object(
  {
    step: Type.Ref(OnboardingStep),
    status: Type.Union([Type.Literal('done'), Type.Literal('failed'), Type.Literal('pending')]),
    at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    error: Type.Union([Type.Ref(OnboardingErrorCode), Type.Null()]),
  },
  { $id: 'OnboardingStepView', additionalProperties: false },
)

export const OnboardingView = Type.Object(
  {
    datapassId: Type.Integer(),
    siret: Siret,
    editor: Type.Union([Type.Ref(CollectivityEditor), Type.Null()]),
    state: Type.Ref(OnboardingState),
    attempts: Type.Integer({ minimum: 0 }),
    steps: Type.Array(Type.Ref(OnboardingStepView)),
    lastError: Type.Union([
      Type.Object(
        {
          step: Type.Ref(OnboardingStep),
          code: Type.Ref(OnboardingErrorCode),
          message: Type.String(),
          at: Type.String({ format: 'date-time' }),
          retryAfterSeconds: Type.Union([Type.Integer(), Type.Null()]),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    startedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'OnboardingView', additionalProperties: false },
)
export type OnboardingView = Static<typeof OnboardingView>

export const OnboardingList = Type.Object(
  { items: Type.Array(Type.Ref(OnboardingView)) },
  { $id: 'OnboardingList', additionalProperties: false },
)
export type OnboardingList = Static<typeof OnboardingList>

export const ExpiringToken = Type.Object(
  {
    siret: Siret,
    name: Type.String(),
    editor: Type.Union([Type.Ref(CollectivityEditor), Type.Null()]),
    expiresAt: Type.String({ format: 'date-time' }),
    expired: Type.Boolean(),
    daysLeft: Type.Integer({ description: 'Jours restants (négatif : expiré depuis).' }),
  },
  { $id: 'ExpiringToken', additionalProperties: false },
)
export const ExpiringTokenList = Type.Object(
  { items: Type.Array(Type.Ref(ExpiringToken)) },
  {
    $id: 'ExpiringTokenList',
    additionalProperties: false,
    description: 'Collectivités dont le jeton API Particulier expire dans moins de 90 jours, par date.',
  },
)
export type ExpiringTokenList = Static<typeof ExpiringTokenList>

/** Birth date of the identity pivot: `AAAA-MM-JJ`, month and day possibly `00` (presumed date). */
export const partialBirthDatePattern = '^\\d{4}-(0\\d|1[0-2])-([0-2]\\d|3[01])$'

/** The identity pivot of a lookup without FranceConnect (as API Particulier's civility parameters). */
export const IdentityPivotInput = Type.Object(
  {
    birthName: SafeText({ nonBlank: true, minLength: 1, maxLength: 100, description: 'Nom de naissance.' }),
    usageName: Type.Optional(SafeText({ nonBlank: true, minLength: 1, maxLength: 100 })),
    firstNames: Type.Array(SafeText({ nonBlank: true, minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: 3,
      description: 'Prénoms de l’état civil (1 à 3).',
    }),
    sex: Type.Optional(
      Type.Union([Type.Literal('M'), Type.Literal('F')], {
        description: 'Sexe de l’état civil ; facultatif (API Particulier cherche alors sans).',
      }),
    ),
    birthDate: Type.String({
      pattern: partialBirthDatePattern,
      description: 'AAAA-MM-JJ ; mois et jour peuvent valoir 00 (date partielle).',
      examples: ['1982-12-27', '1982-00-00'],
    }),
    birthCountry: Type.String({
      pattern: '^\\d{5}$',
      description: 'Code COG INSEE du pays de naissance (99100 : France).',
    }),
    birthCommune: Type.Optional(
      Type.String({
        pattern: '^(\\d{5}|2[AB]\\d{3})$',
        description: 'Code COG INSEE de la commune de naissance (né en France).',
      }),
    ),
    birthCommuneName: Type.Optional(
      SafeText({
        nonBlank: true,
        minLength: 1,
        maxLength: 100,
        description: 'Ou : nom de la commune de naissance, avec `birthDepartement`.',
      }),
    ),
    birthDepartement: Type.Optional(Type.String({ pattern: '^(\\d{2,3}|2[AB])$' })),
  },
  { $id: 'IdentityPivotInput', additionalProperties: false },
)
export type IdentityPivotInput = Static<typeof IdentityPivotInput>

export const QuotientFamilialLookup = Type.Object(
  {
    siret: Siret,
    identity: Type.Ref(IdentityPivotInput),
  },
  {
    $id: 'QuotientFamilialLookup',
    additionalProperties: false,
    examples: [
      {
        siret: '21040107100019',
        identity: {
          birthName: 'LEFEBVRE',
          firstNames: ['ALEXIS', 'GÉRÔME', 'JEAN-PHILIPPE'],
          sex: 'F',
          birthDate: '1982-12-27',
          birthCountry: '99100',
          birthCommune: '08480',
        },
      },
    ],
  },
)
export type QuotientFamilialLookup = Static<typeof QuotientFamilialLookup>

export const QuotientFamilialLookupResult = Type.Object(
  { quotientFamilial: Type.Ref(QuotientFamilial) },
  { $id: 'QuotientFamilialLookupResult', additionalProperties: false },
)
export type QuotientFamilialLookupResult = Static<typeof QuotientFamilialLookupResult>

/** A personalised link to a collectivity's landing page (the share kit's link builder). */
export const CollectivityLink = Type.Object(
  { url: Type.String({ description: 'Le lien à donner aux familles (et que porte le QR code).' }) },
  { $id: 'CollectivityLink', additionalProperties: false },
)
export type CollectivityLink = Static<typeof CollectivityLink>

/** The webhook's answer to DataPass (DataPass only looks at the status). */
export const DatapassWebhookAck = Type.Object(
  {
    received: Type.Literal(true),
    outcome: Type.Union(
      [
        Type.Literal('test'),
        Type.Literal('ignored'),
        Type.Literal('recorded'),
        Type.Literal('completed'),
        Type.Literal('waiting_retry'),
        Type.Literal('failed'),
      ],
      {
        description:
          '`test` : appel de test ; `ignored` : événement d’un autre formulaire ; `recorded` : événement ' +
          'appliqué au cycle de vie de la collectivité (`refuse`, `revoke`, `archive`, `transfer`…) ou enregistré ' +
          'sans effet (événement inconnu, collectivité inconnue) ; `completed` : embarquement terminé (collectivité ' +
          'active, ou en attente d’activation HubEE) ; ' +
          '`waiting_retry` : une étape a échoué, une tâche réessaiera ; `failed` : échec définitif, visible des ' +
          'exploitants (API d’administration).',
      },
    ),
  },
  { $id: 'DatapassWebhookAck', additionalProperties: false },
)
export type DatapassWebhookAck = Static<typeof DatapassWebhookAck>

/** The schemas of this module that OpenAPI shares by reference (`$id`). */
export const registrySchemas = [
  CollectivityEditor,
  CollectivityContact,
  CollectivityContacts,
  CollectivityStatus,
  CollectivityAuthorization,
  LifecycleActorKind,
  CollectivityTransition,
  CollectivityTransitionList,
  CollectivityWrite,
  CollectivityUpdate,
  ApiParticulierTokenState,
  HubeeSubscriptionState,
  AdminCollectivity,
  AdminCollectivityList,
  ApiParticulierTokenWrite,
  CollectivityImport,
  CollectivityImportResult,
  OnboardingStepView,
  OnboardingView,
  OnboardingList,
  ExpiringToken,
  ExpiringTokenList,
  IdentityPivotInput,
  QuotientFamilialLookup,
  QuotientFamilialLookupResult,
  CollectivityLink,
  DatapassWebhookAck,
]
