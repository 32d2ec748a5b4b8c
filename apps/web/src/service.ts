/** Name of the service as the citizen reads it in the header, the footer and every page title. */
export const SERVICE_NAME = 'Quotient familial'

/** One-line description under the service name in the header. */
export const SERVICE_TAGLINE = 'Transmettre votre quotient familial à votre collectivité'
