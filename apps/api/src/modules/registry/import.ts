import { CollectivityWrite, type CollectivityImport, type InvalidParam } from '@qf/contracts'
import { AppError } from '../../errors/catalog.js'
import { findBySiret, type RegistryWrite } from '../collectivities/index.js'
import type { Scope } from './api-keys.js'
import {
  createInTransaction,
  decisionOf,
  identifierErrors,
  newWrite,
  updateInTransaction,
  type RegistryDeps,
  sameAsStored,
  schemaErrors,
  updatedWrite,
} from './collectivity-admin.js'
import { editorOf } from './scope.js'

/** The CSV columns of an import, in this order in the header line (extra columns refused). */
export const importColumns = [
  'siret',
  'name',
  'cog_code',
  'postal_codes',
  'status',
  'editor_siret',
  'editor_name',
  'allowed_redirect_origins',
] as const

/** RFC 4180 records (`,`, double quotes, `""` inside quotes, CRLF or LF) with the line each starts on. */
export function parseCsv(
  text: string,
): { line: number; fields: string[] }[] | { line: number; error: string } {
  const records: { line: number; fields: string[] }[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let recordLine = 1
  let afterQuote = false
  const source = text.replace(/^\uFEFF/, '')
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
      if (field !== '' || afterQuote) return { line, error: 'guillemet inattendu au milieu d’un champ' }
      quoted = true
    } else if (c === ',') {
      fields.push(field)
      field = ''
      afterQuote = false
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++
      fields.push(field)
      if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields })
      fields = []
      field = ''
      afterQuote = false
      line++
      recordLine = line
    } else {
      if (afterQuote) return { line, error: 'texte après un champ entre guillemets' }
      field += c
    }
  }
  if (quoted) return { line, error: 'guillemet non fermé' }
  fields.push(field)
  if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields })
  return records
}

const list = (v: string) => v.split(/[\s;]+/).filter(Boolean)

/** One CSV record → the same shape as a JSON item (left to the schema to check). */
function csvItem(fields: string[]): Record<string, unknown> {
  const [siret, name, cog, postal, status, editorSiret, editorName, origins] = fields.map((f) => f.trim())
  const item: Record<string, unknown> = {
    siret,
    name,
    cogCode: cog,
    postalCodes: list(postal ?? ''),
    allowedRedirectOrigins: list(origins ?? ''),
    editor: editorSiret || editorName ? { siret: editorSiret, name: editorName } : null,
  }
  if (status) item.status = status
  return item
}

interface Row {
  /** `line 3` (CSV, header = line 1) or `items[2]` (JSON). */
  where: string
  value: unknown
}

function rowsOf(input: CollectivityImport): Row[] {
  if ('items' in input) return input.items.map((value, i) => ({ where: `items[${i}]`, value }))
  const parsed = parseCsv(input.csv)
  if (!Array.isArray(parsed)) throw importInvalid([{ name: `ligne ${parsed.line}`, reason: parsed.error }])
  const [header, ...records] = parsed
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? []
  if (names.join(',') !== importColumns.join(','))
    throw importInvalid([{ name: 'ligne 1', reason: `en-tête attendu : ${importColumns.join(',')}` }])
  if (records.length === 0) throw importInvalid([{ name: 'ligne 2', reason: 'aucune collectivité' }])
  return records.map((r) => {
    if (r.fields.length !== importColumns.length)
      return { where: `ligne ${r.line}`, value: { __columns: r.fields.length } }
    return { where: `ligne ${r.line}`, value: csvItem(r.fields) }
  })
}

const importInvalid = (errors: InvalidParam[]) =>
  new AppError('importInvalid', {
    detail: `${errors.length} erreur(s) : rien n’a été importé. Corrigez les lignes signalées et recommencez.`,
    errors: errors.slice(0, 100),
  })

export interface ImportResult {
  created: number
  updated: number
  unchanged: number
}

/**
 * Imports many collectivities, all or nothing: every row is checked first (schema, SIRET and COG,
 * duplicates, the key's scope), a bad row is reported with its line and nothing is written; then one
 * transaction creates the new ones, updates the changed ones and leaves the others untouched, so a
 * re-import of the same file changes nothing. Fields a row leaves out (status, contacts) are kept.
 * A `status` is an ops decision applied through the lifecycle (an editor key may not give one).
 */
export async function importCollectivities(
  deps: Pick<RegistryDeps, 'db' | 'clock'>,
  scope: Scope,
  input: CollectivityImport,
): Promise<ImportResult> {
  const rows = rowsOf(input)
  const errors: InvalidParam[] = []
  const valid: { where: string; write: CollectivityWrite }[] = []
  const seen = new Map<string, string>()
  for (const row of rows) {
    if (typeof row.value === 'object' && row.value !== null && '__columns' in row.value) {
      errors.push({ name: row.where, reason: `${importColumns.length} colonnes attendues` })
      continue
    }
    const schema = schemaErrors(row.value, row.where)
    if (schema.length) {
      errors.push(...schema)
      continue
    }
    const write = row.value as CollectivityWrite
    const ids = identifierErrors(write, row.where)
    if (ids.length) {
      errors.push(...ids)
      continue
    }
    const previous = seen.get(write.siret)
    if (previous) {
      errors.push({ name: row.where, reason: `SIRET ${write.siret} déjà présent (${previous})` })
      continue
    }
    seen.set(write.siret, row.where)
    valid.push({ where: row.where, write })
  }
  if (errors.length) throw importInvalid(errors)

  return deps.db.transaction().execute(async (trx) => {
    const plan: {
      kind: 'create' | 'update'
      write: RegistryWrite
      status: CollectivityWrite['status']
    }[] = []
    let unchanged = 0
    for (const { where, write } of valid) {
      const current = await findBySiret(trx, write.siret)
      try {
        if (!current) {
          const status = decisionOf(scope, write.status)
          plan.push({ kind: 'create', write: newWrite(scope, write), status })
          continue
        }
        if (editorOf(scope) !== null && current.editor?.siret !== editorOf(scope))
          throw new AppError('forbidden', { detail: 'collectivité d’un autre éditeur' })
        const status = decisionOf(scope, write.status)
        const { siret: _siret, ...patch } = write
        const next = updatedWrite(scope, current, patch)
        if (sameAsStored(next, current, status)) unchanged++
        else plan.push({ kind: 'update', write: next, status })
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        errors.push({ name: where, reason: error.detail ?? error.message })
      }
    }
    if (errors.length) throw importInvalid(errors)
    let created = 0
    let updated = 0
    const at = deps.clock.now()
    for (const step of plan) {
      if (step.kind === 'create') {
        if (!(await createInTransaction(trx, scope, step.write, step.status, at)))
          throw new Error(`concurrent create of ${step.write.siret}`)
        created++
      } else {
        await updateInTransaction(trx, scope, step.write, step.status, at)
        updated++
      }
    }
    return { created, updated, unchanged }
  })
}
