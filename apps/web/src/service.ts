/** Name of the service as the citizen reads it in the header, the footer and every page title. */
export const SERVICE_NAME = 'Quotient familial'

/** One-line description under the service name in the header. */
export const SERVICE_TAGLINE = 'Transmettre votre quotient familial à votre collectivité'

/**
 * Who runs this instance, for the legal notice: set at build time by the operator
 * (`VITE_OPERATOR_PUBLISHER`, `VITE_OPERATOR_HOSTING`); a build without them says it is a demonstration.
 */
export const OPERATOR = {
  publisher:
    import.meta.env.VITE_OPERATOR_PUBLISHER ??
    'Instance de démonstration de Formulaire QF : aucun service public ne l’exploite, aucune démarche réelle n’y aboutit.',
  hosting:
    import.meta.env.VITE_OPERATOR_HOSTING ??
    'Instance de démonstration, hébergée sur le poste qui la fait tourner.',
}
