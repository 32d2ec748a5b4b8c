// No TypeBox here: the SPA imports this module alone (`@qf/contracts/journey-errors`) to stay light.

/**
 * Stable codes of what can go wrong during the login (the SPA's `/collectivites/<SIRET>/erreur?code=`),
 * with the French message the citizen reads.
 */
export const journeyErrorMessages = {
  franceconnect_access_denied: 'Vous avez annulé la connexion avec FranceConnect.',
  franceconnect_error: 'FranceConnect n’a pas pu vous identifier. Veuillez réessayer.',
  invalid_state:
    'Cette connexion n’a pas été demandée depuis ce navigateur. Recommencez depuis le lien de votre collectivité.',
  session_expired: 'Votre session a expiré. Recommencez depuis le lien de votre collectivité.',
  login_failed: 'La connexion avec FranceConnect n’a pas abouti. Veuillez réessayer.',
  franceconnect_unavailable:
    'FranceConnect est momentanément indisponible. Veuillez réessayer dans quelques instants avec le même lien.',
  qf_not_found: 'Aucun dossier à votre nom n’a été trouvé auprès de la CAF ou de la MSA.',
  qf_cnaf_file_not_found: 'Aucun dossier allocataire n’a été trouvé auprès de la CAF.',
  qf_msa_file_not_found: 'Aucun dossier n’a été trouvé auprès de la MSA.',
  qf_file_not_found: 'Votre dossier allocataire n’a pas été trouvé.',
  qf_token_rejected:
    'Votre connexion FranceConnect a expiré avant que votre quotient familial soit lu. Veuillez vous reconnecter.',
  qf_scope_missing: 'L’autorisation de lire votre quotient familial n’a pas été donnée.',
  qf_invalid_request: 'La demande de quotient familial n’a pas pu être traitée.',
  qf_rate_limited:
    'Le service de la CAF et de la MSA est très sollicité. Veuillez réessayer dans quelques minutes.',
  qf_provider_error:
    'Le service de la CAF ou de la MSA a rencontré une erreur. Veuillez réessayer plus tard.',
  qf_provider_unavailable:
    'Le service de la CAF ou de la MSA est momentanément indisponible. Veuillez réessayer plus tard.',
} as const
export type JourneyErrorCode = keyof typeof journeyErrorMessages
export const journeyErrorCodes = Object.keys(journeyErrorMessages) as JourneyErrorCode[]
