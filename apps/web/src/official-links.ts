/** Official pages the citizen is sent to (new window), in one place so every page says the same. */
export const OFFICIAL_LINKS = {
  franceConnect: 'https://franceconnect.gouv.fr/',
  caf: 'https://www.caf.fr/',
  msa: 'https://www.msa.fr/',
} as const
