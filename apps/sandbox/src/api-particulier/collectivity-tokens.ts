import { seedCollectivities } from '../seed.js'

export type TokenCheck = { ok: true; siret: string } | { ok: false; reason: 'unknown' | 'expired' }

/** The collectivities' API Particulier tokens (sandbox form) of the demo world. */
export function checkCollectivityToken(token: string, now = new Date()): TokenCheck {
  const owner = seedCollectivities.find((c) => c.apiParticulierToken === token)
  if (!owner) return { ok: false, reason: 'unknown' }
  if (Date.parse(owner.apiParticulierTokenExpiresAt) <= now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, siret: owner.siret }
}

/** Scopes of a collectivity token (habilitation "quotient familial"): the whole answer. */
export const collectivityScopes = [
  'cnaf_quotient_familial',
  'cnaf_allocataires',
  'cnaf_enfants',
  'cnaf_adresse',
] as const
