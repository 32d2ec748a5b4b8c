import { readdirSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'

/** A parameter value of a staging fixture: text, integer, or the list of first names. */
export type FixtureValue = string | number | string[]

/** One case of API Particulier's staging data (datagouv/apistration `mocks/`, formerly etalab/siade_staging_data): request parameters → answer. */
export interface QfFixture {
  file: string
  params: Record<string, FixtureValue>
  status: number
  payload: unknown
}

const fixturesRoot = new URL('../../fixtures/api-particulier/', import.meta.url)

function toFixtureValue(value: unknown): FixtureValue | undefined {
  if (typeof value === 'string' || typeof value === 'number') return value
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value
  return undefined
}

function readFixtures(folder: string): QfFixture[] {
  const dir = new URL(`${folder}/`, fixturesRoot)
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => {
      const raw = parse(readFileSync(new URL(file, dir), 'utf8')) as {
        params?: Record<string, unknown>
        status?: number
        payload?: string
      }
      const params: Record<string, FixtureValue> = {}
      for (const [k, v] of Object.entries(raw.params ?? {})) {
        const value = toFixtureValue(v)
        if (value !== undefined) params[k] = value
      }
      return {
        file,
        params,
        status: Number(raw.status),
        payload: JSON.parse(raw.payload ?? 'null') as unknown,
      }
    })
}

export interface QfFixtures {
  /** `/v3/dss/quotient_familial/identite` cases. */
  civility: QfFixture[]
  /** `/v3/dss/quotient_familial/france_connect` cases (params describe the FranceConnect identity). */
  franceConnect: QfFixture[]
}

let cache: QfFixtures | undefined

/** Every quotient familial fixture, read once from the in-repo copies. */
export function loadQfFixtures(): QfFixtures {
  cache ??= {
    civility: readFixtures('api_particulier_v3_cnav_quotient_familial_with_civility'),
    franceConnect: readFixtures('api_particulier_v3_cnav_quotient_familial_with_france_connect'),
  }
  return cache
}
