/** The four steps of the journey, as the DSFR stepper names them. */
export const JOURNEY_STEPS = [
  'Se connecter avec FranceConnect',
  'Relire les informations',
  'Accepter l’envoi',
  'Confirmation',
] as const
