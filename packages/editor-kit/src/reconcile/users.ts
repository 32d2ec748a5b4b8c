import { readFile } from 'node:fs/promises'
import { type CsvEncoding, decodeCsv, fieldCountError, parseCsvTable } from '../csv.js'
import type { EditorUser } from './reconcile.js'

/** The columns of a users file (CSV header, JSON keys). */
export const userColumns = [
  'id',
  'nom_naissance',
  'nom_usage',
  'prenoms',
  'date_naissance',
  'sexe',
  'commune_naissance',
  'pays_naissance',
] as const
/** Without these, every dossier would come out « non rapproché » in silence: the file is refused. */
export const requiredUserColumns = ['id', 'nom_naissance', 'prenoms', 'date_naissance'] as const

export class UsersFileError extends Error {
  override name = 'UsersFileError'
}

const maxListed = 20

/** `AAAA-MM-JJ` or `JJ/MM/AAAA` (00 or XX for an unknown part) that exists in the calendar, else why not. */
export function birthDateError(value: string): string | undefined {
  const v = value.trim()
  const iso = /^(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)$/i.exec(v)
  const fr = iso ? null : /^(\d{2}|XX)\/(\d{2}|XX)\/(\d{4})$/i.exec(v)
  const parts = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[3], fr[2], fr[1]] : null
  if (!parts) return `« ${v} » n’est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)`
  const [y, m, d] = parts.map((p) => (p && /^\d+$/.test(p) ? Number(p) : 0))
  if (m !== undefined && m > 12) return `« ${v} » : mois ${m} impossible`
  if (d !== undefined && d > 0) {
    const days = m ? new Date(Date.UTC(y || 2000, m, 0)).getUTCDate() : 31
    if (d > days) return `« ${v} » : jour ${d} impossible${m ? ` en mois ${m}` : ''}`
  }
  return undefined
}

function toUser(record: Record<string, unknown>, where: string, errors: string[]): EditorUser | undefined {
  const id = record.id
  if ((typeof id !== 'string' || !id.trim()) && typeof id !== 'number') {
    errors.push(`${where} : « id » vide ou absent`)
    return undefined
  }
  const str = (name: string) => {
    const v = record[name]
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
  }
  const list = Array.isArray(record.prenoms)
    ? record.prenoms.filter((x): x is string => typeof x === 'string')
    : undefined
  const date = str('date_naissance')
  const dateError = date === undefined ? undefined : birthDateError(date)
  if (dateError) {
    errors.push(`${where}, colonne date_naissance : ${dateError}`)
    return undefined
  }
  return {
    id: String(id).trim(),
    nom_naissance: str('nom_naissance'),
    nom_usage: str('nom_usage'),
    prenoms: list ?? str('prenoms'),
    date_naissance: date,
    sexe: str('sexe'),
    commune_naissance: str('commune_naissance'),
    pays_naissance: str('pays_naissance'),
  }
}

function refuseIfAny(errors: string[]) {
  if (errors.length === 0) return
  const more = errors.length > maxListed ? ` ; … et ${errors.length - maxListed} autre(s)` : ''
  throw new UsersFileError(`${errors.slice(0, maxListed).join(' ; ')}${more}`)
}

export interface UsersFile {
  users: EditorUser[]
  /** CSV only: the encoding read (detected, or given). */
  encoding?: CsvEncoding
  /** Columns of the file the matching does not use (reported, not silently dropped). */
  ignoredColumns: string[]
}

/** The editor's users from a CSV (header line with the column names) or a JSON array; refuses a bad file. */
export function parseUsersFile(text: string, kind: 'csv' | 'json'): UsersFile {
  const errors: string[] = []
  if (kind === 'json') {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      throw new UsersFileError('JSON des usagers illisible')
    }
    if (!Array.isArray(value)) throw new UsersFileError('JSON des usagers : un tableau est attendu')
    const users = value.flatMap((v, i) => {
      if (!v || typeof v !== 'object') {
        errors.push(`usager ${i + 1} : objet attendu`)
        return []
      }
      return toUser(v as Record<string, unknown>, `usager ${i + 1}`, errors) ?? []
    })
    refuseIfAny(errors)
    const keys = new Set(value.flatMap((v) => (v && typeof v === 'object' ? Object.keys(v) : [])))
    return { users, ignoredColumns: [...keys].filter((k) => !(userColumns as readonly string[]).includes(k)) }
  }
  let table
  try {
    table = parseCsvTable(text, { required: requiredUserColumns })
  } catch (error) {
    throw new UsersFileError(`CSV des usagers, ${error instanceof Error ? error.message : String(error)}`)
  }
  const users = table.records.flatMap((r) => {
    const count = fieldCountError(table, r)
    if (count) {
      errors.push(`ligne ${r.line} : ${count}`)
      return []
    }
    const record = Object.fromEntries(table.header.map((n, j) => [n, r.fields[j] ?? '']))
    return toUser(record, `ligne ${r.line}`, errors) ?? []
  })
  refuseIfAny(errors)
  return {
    users,
    ignoredColumns: table.header.filter((c) => !(userColumns as readonly string[]).includes(c)),
  }
}

/** The users alone (see parseUsersFile). */
export const parseUsers = (text: string, kind: 'csv' | 'json'): EditorUser[] =>
  parseUsersFile(text, kind).users

/** Reads a users file; a CSV's encoding is detected (UTF-8, else Windows-1252) unless given. */
export async function loadUsers(
  path: string,
  options: { encoding?: CsvEncoding | 'auto' } = {},
): Promise<UsersFile> {
  const bytes = await readFile(path)
  if (/\.json$/i.test(path)) return parseUsersFile(bytes.toString('utf8'), 'json')
  let decoded
  try {
    decoded = decodeCsv(bytes, options.encoding ?? 'auto')
  } catch (error) {
    throw new UsersFileError(`CSV des usagers : ${error instanceof Error ? error.message : String(error)}`)
  }
  return { ...parseUsersFile(decoded.text, 'csv'), encoding: decoded.encoding }
}
