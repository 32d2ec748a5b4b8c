import { readFile } from 'node:fs/promises'
import type { EditorUser } from './reconcile.js'

/** RFC 4180 CSV (quotes, doubled quotes, CRLF); `;` or `,` separator, guessed from the header. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '')
  const firstLine = body.split(/\r?\n/, 1)[0] ?? ''
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === sep) {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''))
}

function toUser(record: Record<string, unknown>, where: string): EditorUser {
  const id = record.id
  if ((typeof id !== 'string' || !id.trim()) && typeof id !== 'number')
    throw new Error(`${where} : colonne « id » manquante`)
  const str = (name: string) => {
    const v = record[name]
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
  }
  const list = Array.isArray(record.prenoms)
    ? record.prenoms.filter((x): x is string => typeof x === 'string')
    : undefined
  return {
    id: String(id).trim(),
    nom_naissance: str('nom_naissance'),
    nom_usage: str('nom_usage'),
    prenoms: list ?? str('prenoms'),
    date_naissance: str('date_naissance'),
    sexe: str('sexe'),
    commune_naissance: str('commune_naissance'),
    pays_naissance: str('pays_naissance'),
  }
}

/** The editor's users from a CSV (header row with the column names) or a JSON array. */
export function parseUsers(text: string, kind: 'csv' | 'json'): EditorUser[] {
  if (kind === 'json') {
    const value: unknown = JSON.parse(text)
    if (!Array.isArray(value)) throw new Error('JSON des usagers : un tableau est attendu')
    return value.map((v, i) => {
      if (!v || typeof v !== 'object') throw new Error(`usager ${i + 1} : objet attendu`)
      return toUser(v as Record<string, unknown>, `usager ${i + 1}`)
    })
  }
  const [head, ...rows] = parseCsv(text)
  if (!head) return []
  const names = head.map((h) => h.trim().toLowerCase())
  if (!names.includes('id')) throw new Error('CSV des usagers : colonne « id » manquante')
  return rows.map((r, i) =>
    toUser(Object.fromEntries(names.map((n, j) => [n, r[j] ?? ''])), `ligne ${i + 2}`),
  )
}

export async function loadUsers(path: string): Promise<EditorUser[]> {
  const text = await readFile(path, 'utf8')
  return parseUsers(text, /\.json$/i.test(path) ? 'json' : 'csv')
}
