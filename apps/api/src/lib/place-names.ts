import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dataFileUrl } from '../data-files.js'

/** Names of the INSEE COG codes FranceConnect gives for a place and a country of birth. */
export interface PlaceNames {
  /** `75107` → "Paris 7e Arrondissement"; undefined for a code the list does not know. */
  commune(code: string): string | undefined
  /** `99100` → "France"; undefined for a code the list does not know. */
  country(code: string): string | undefined
}

/** A commune of `@etalab/decoupage-administratif` (only the fields read here). */
interface CommuneRecord {
  code: string
  nom: string
  type: string
}

function isCommuneRecord(value: unknown): value is CommuneRecord {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return typeof record.code === 'string' && typeof record.nom === 'string' && typeof record.type === 'string'
}

/**
 * code → name over every record of the package: current communes, arrondissements municipaux (Paris,
 * Lyon, Marseille), communes déléguées and associées (the former communes people were born in). A
 * déléguée often keeps the code of the current commune it joined: the name is then the current one with
 * the former in parentheses ("Valserhône (Bellegarde-sur-Valserine)"), right whatever the year of birth.
 */
export function indexCommunes(records: unknown): Map<string, string> {
  if (!Array.isArray(records)) throw new Error('communes.json: not an array')
  const current = new Map<string, string>()
  const former = new Map<string, string>()
  for (const record of records) {
    if (!isCommuneRecord(record)) continue
    const target =
      record.type === 'commune-actuelle' || record.type === 'arrondissement-municipal' ? current : former
    if (!target.has(record.code)) target.set(record.code, record.nom)
  }
  const names = new Map<string, string>()
  for (const [code, name] of former) {
    const now = current.get(code)
    names.set(code, now === undefined ? name : now === name ? now : `${now} (${name})`)
  }
  for (const [code, name] of current) if (!names.has(code)) names.set(code, name)
  return names
}

/** One line of a CSV file: commas separate fields, double quotes protect a field ("" is a quote). */
function csvFields(line: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      fields.push(field)
      field = ''
    } else field += char
  }
  fields.push(field)
  return fields
}

/** code → name from `countries.csv` (header `code,name,until`). */
export function parseCountries(csv: string): Map<string, string> {
  const [header, ...lines] = csv.split(/\r?\n/).filter((line) => line.trim() !== '')
  const columns = csvFields(header ?? '')
  const code = columns.indexOf('code')
  const name = columns.indexOf('name')
  if (code < 0 || name < 0) throw new Error('countries.csv: columns code and name expected')
  const names = new Map<string, string>()
  for (const line of lines) {
    const fields = csvFields(line)
    const key = fields[code]
    const value = fields[name]
    if (key && value) names.set(key, value)
  }
  return names
}

const require = createRequire(import.meta.url)

async function load(): Promise<PlaceNames> {
  // The package's index.js parses all its files (EPCI included); only the communes are needed. The
  // parsed 8 MB array is dropped once indexed: what stays is one string per code.
  const [communesJson, countriesCsv] = await Promise.all([
    readFile(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8'),
    readFile(dataFileUrl('countries.csv'), 'utf8'),
  ])
  const communes = indexCommunes(JSON.parse(communesJson))
  const countries = parseCountries(countriesCsv)
  return { commune: (code) => communes.get(code), country: (code) => countries.get(code) }
}

let loaded: Promise<PlaceNames> | undefined

/**
 * The lists, read once, on first use (not at boot: an API that never shows an identity never pays
 * for them); concurrent first callers share the one read. A failed read is retried by the next call.
 */
export function placeNames(): Promise<PlaceNames> {
  loaded ??= load().catch((error: unknown) => {
    loaded = undefined
    throw error
  })
  return loaded
}
