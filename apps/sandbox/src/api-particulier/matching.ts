import type { FixtureValue, QfFixture } from './fixtures.js'

/**
 * Comparison of civility values: case, accents and repeated spaces do not matter (`Gérôme` = `GEROME`),
 * numbers compare as integers (`06` = `6`), first names compare in order.
 */
export function normalizeValue(value: FixtureValue): string {
  if (Array.isArray(value)) return value.map((v) => normalizeValue(v)).join('|')
  if (typeof value === 'number') return String(value)
  const text = value.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().replace(/\s+/g, ' ').trim()
  return /^\d+$/.test(text) ? String(Number(text)) : text
}

/** Parameters compared only when the fixture names them (the answer does not depend on them otherwise). */
const optionalInMatch = new Set(['nomUsage', 'annee', 'mois'])

/**
 * Staging semantics for `/identite`: a fixture answers a request that carries exactly the fixture's
 * identity parameters with equal values. `nomUsage`, `annee` and `mois` count only when the fixture has them,
 * `sexeEtatCivil` only when the request has it.
 */
export function matchCivility(
  fixtures: readonly QfFixture[],
  request: Record<string, FixtureValue>,
): QfFixture | undefined {
  // A request without `sexeEtatCivil` (optional) is matched on the other parameters.
  const relevant = (params: Record<string, FixtureValue>, fixture: QfFixture) =>
    Object.keys(params).filter(
      (k) => (!optionalInMatch.has(k) || k in fixture.params) && (k !== 'sexeEtatCivil' || k in request),
    )
  return fixtures.find((fixture) => {
    const wanted = relevant(fixture.params, fixture)
    const given = relevant(request, fixture)
    if (wanted.length !== given.length) return false
    return wanted.every((k) => {
      const r = request[k]
      const f = fixture.params[k]
      return r !== undefined && f !== undefined && normalizeValue(r) === normalizeValue(f)
    })
  })
}

/**
 * `/france_connect`: the fixture whose parameters all equal the ones derived from the FranceConnect
 * identity (extra identity facts, such as a usage name the fixture does not mention, do not matter).
 */
export function matchIdentity(
  fixtures: readonly QfFixture[],
  identity: Record<string, FixtureValue>,
): QfFixture | undefined {
  return fixtures.find((fixture) =>
    Object.entries(fixture.params).every(([k, f]) => {
      const v = identity[k]
      return v !== undefined && normalizeValue(v) === normalizeValue(f)
    }),
  )
}
