/** Exit codes, documented in the README and the guide. */
export const exitCodes = {
  ok: 0,
  /** Some dossiers (or identities) failed; the others went through. */
  someFailed: 1,
  /** Bad command line or configuration. */
  usage: 2,
  /** HubEE or API Particulier unreachable or failing (network, 5xx): try again later. */
  unreachable: 3,
  /** Credentials refused: HubEE client id/secret, or the API Particulier token (expired or invalid). */
  credentials: 4,
} as const
