/**
 * The one CSV reader of the project (the kit's `reconcile --users`, the API's admin import): what French
 * offices export — a `;` or `,` separator (guessed from the header line), UTF-8 with or without a BOM or
 * Windows-1252 (Excel's « CSV (séparateur : point-virgule) »), RFC 4180 quotes, CRLF or LF — with the line
 * each record starts on, and French errors. `node:` built-ins only (`@qf/editor-kit/csv`).
 */

export type CsvEncoding = 'utf-8' | 'windows-1252'
export const csvEncodings: readonly CsvEncoding[] = ['utf-8', 'windows-1252']

export class CsvError extends Error {
  override name = 'CsvError'
  constructor(
    message: string,
    /** The line (1 = header) the error is on, when there is one. */
    readonly line?: number,
  ) {
    super(line === undefined ? message : `ligne ${line} : ${message}`)
  }
}

export interface CsvRecord {
  /** The line the record starts on (1 = the header line). */
  line: number
  fields: string[]
}

export interface CsvTable {
  separator: ',' | ';'
  /** Header names, trimmed and lower-cased. */
  header: string[]
  records: CsvRecord[]
}

/**
 * Bytes → text. `auto` (the default): UTF-8 when the bytes are valid UTF-8, else Windows-1252. An explicit
 * encoding the bytes do not fit is refused rather than read garbled.
 */
export function decodeCsv(
  bytes: Uint8Array,
  encoding: CsvEncoding | 'auto' = 'auto',
): { text: string; encoding: CsvEncoding } {
  if (encoding !== 'windows-1252') {
    try {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
      return { text, encoding: 'utf-8' }
    } catch {
      if (encoding === 'utf-8')
        throw new CsvError(
          'le fichier n’est pas en UTF-8 (Excel enregistre souvent en Windows-1252 : essayez --encoding windows-1252)',
        )
    }
  }
  const text = windows1252(bytes)
  // Windows-1252 has five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D), decoded as C1 controls; text
  // with those, or with other control characters, is no CSV in either encoding.
  const control = [...text].some((c) => {
    const code = c.charCodeAt(0)
    return (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || (code >= 0x80 && code <= 0x9f)
  })
  if (control) throw new CsvError('encodage illisible : ni UTF-8 ni Windows-1252 (fichier binaire ?)')
  return { text, encoding: 'windows-1252' }
}

/**
 * Windows-1252's 0x80–0x9F (the rest is Latin-1). Written out because Node 20's TextDecoder decodes the
 * `windows-1252` label as plain Latin-1 (0x80 → U+0080 instead of €). Unassigned bytes stay C1 controls.
 */
const cp1252High =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

function windows1252(bytes: Uint8Array): string {
  let text = ''
  for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? cp1252High[b - 0x80] : String.fromCharCode(b)
  return text
}

/** The separator of the header line: `;` when it has more of them than of `,` (outside quotes). */
function separatorOf(source: string): ',' | ';' {
  let semicolons = 0
  let commas = 0
  let quoted = false
  for (const c of source) {
    if (c === '"') quoted = !quoted
    else if (!quoted && (c === '\n' || c === '\r')) break
    else if (!quoted && c === ';') semicolons++
    else if (!quoted && c === ',') commas++
  }
  return semicolons > commas ? ';' : ','
}

/**
 * RFC 4180 records with the line each starts on; blank lines are skipped. Throws a CsvError on a quote in
 * the middle of a field, text after a closing quote, or an unclosed quote.
 */
export function parseCsvRecords(
  text: string,
  separator?: ',' | ';',
): { separator: ',' | ';'; records: CsvRecord[] } {
  const source = text.replace(/^\uFEFF/, '')
  const sep = separator ?? separatorOf(source)
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let afterQuote = false
  let line = 1
  let recordLine = 1
  const endRecord = () => {
    fields.push(field)
    if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields })
    fields = []
    field = ''
    afterQuote = false
  }
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          field += '"'
          i++
        } else {
          quoted = false
          afterQuote = true
        }
      } else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '"') {
      if (field.trim() !== '' || afterQuote)
        throw new CsvError('guillemet inattendu au milieu d’un champ', line)
      field = ''
      quoted = true
    } else if (c === sep) {
      fields.push(field)
      field = ''
      afterQuote = false
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else {
      if (afterQuote && (c ?? '').trim() !== '')
        throw new CsvError('texte après un champ entre guillemets', line)
      if (!afterQuote) field += c
    }
  }
  if (quoted) throw new CsvError('guillemet non fermé', recordLine)
  endRecord()
  return { separator: sep, records }
}

export interface CsvTableOptions {
  /** Columns that must be in the header. */
  required?: readonly string[]
  /** When given, the only columns allowed (others are refused, named). */
  allowed?: readonly string[]
}

/**
 * A CSV with a header line, the header checked: required columns present, unknown ones refused when
 * `allowed` is given, no duplicates. Records are left to the caller (`fieldCountError` for each).
 */
export function parseCsvTable(text: string, options: CsvTableOptions = {}): CsvTable {
  const { separator, records } = parseCsvRecords(text)
  const [head, ...rows] = records
  if (!head) throw new CsvError('fichier vide : une ligne d’en-tête est attendue', 1)
  const header = head.fields.map((f) => f.trim().toLowerCase())
  const expected = options.allowed ?? options.required ?? []
  const hint = expected.length ? ` (colonnes attendues : ${expected.join(separator)})` : ''
  const missing = (options.required ?? []).filter((c) => !header.includes(c))
  if (missing.length)
    throw new CsvError(
      `colonne(s) manquante(s) dans l’en-tête : ${missing.join(', ')}${hint} ; séparateur lu : « ${separator} »`,
      head.line,
    )
  if (options.allowed) {
    const unknown = header.filter((c) => !options.allowed?.includes(c))
    if (unknown.length) throw new CsvError(`colonne(s) inconnue(s) : ${unknown.join(', ')}${hint}`, head.line)
  }
  const duplicate = header.find((c, i) => header.indexOf(c) !== i)
  if (duplicate) throw new CsvError(`colonne « ${duplicate} » en double`, head.line)
  return { separator, header, records: rows }
}

/** The French error of a record whose field count differs from the header's, or undefined. */
export function fieldCountError(table: CsvTable, record: CsvRecord): string | undefined {
  return record.fields.length === table.header.length
    ? undefined
    : `${record.fields.length} champ(s) au lieu de ${table.header.length} (séparateur « ${table.separator} »)`
}
