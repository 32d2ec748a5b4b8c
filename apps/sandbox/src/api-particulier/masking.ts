/** Which scope unlocks which field of the quotient familial answer; a field without its scope is absent. */
export const fieldScopes = {
  allocataires: 'cnaf_allocataires',
  enfants: 'cnaf_enfants',
  adresse: 'cnaf_adresse',
  quotient_familial: 'cnaf_quotient_familial',
} as const

export function maskByScopes(payload: unknown, scopes: ReadonlySet<string>): unknown {
  if (typeof payload !== 'object' || payload === null) return payload
  const body = payload as { data?: Record<string, unknown> }
  if (typeof body.data !== 'object' || body.data === null) return payload
  const data = Object.fromEntries(
    Object.entries(body.data).filter(([field]) => {
      const scope = fieldScopes[field as keyof typeof fieldScopes]
      return scope === undefined || scopes.has(scope)
    }),
  )
  return { ...body, data }
}
