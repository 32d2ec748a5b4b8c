import { CollectivityWrite, type CollectivityImport, type InvalidParam } from '@qf/contracts'
import { CsvError, fieldCountError, parseCsvTable } from '@qf/editor-kit/csv'
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

/** The CSV columns of an import (header line; any order, none missing, extra columns refused). */
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

const list = (v: string) => v.split(/[\s;]+/).filter(Boolean)

/** The CSV column of each field of a row (to name the column in an error). */
const columnOf: Record<string, (typeof importColumns)[number]> = {
  siret: 'siret',
  name: 'name',
  cogCode: 'cog_code',
  postalCodes: 'postal_codes',
  status: 'status',
  editor: 'editor_siret',
  'editor.siret': 'editor_siret',
  'editor.name': 'editor_name',
  allowedRedirectOrigins: 'allowed_redirect_origins',
}

/** `ligne 3.cogCode` (a schema path under the row) → `ligne 3, colonne cog_code`. */
function inColumns(where: string, errors: InvalidParam[]): InvalidParam[] {
  return errors.map((e) => {
    const path = e.name.startsWith(`${where}.`) ? e.name.slice(where.length + 1) : ''
    const field = path.replace(/\.\d+$/, '')
    const column = columnOf[field] ?? columnOf[field.split('.')[0] ?? '']
    return column ? { name: `${where}, colonne ${column}`, reason: e.reason } : e
  })
}

/** One CSV record → the same shape as a JSON item (left to the schema to check). */
function csvItem(header: string[], fields: string[]): Record<string, unknown> {
  const get = (column: (typeof importColumns)[number]) => (fields[header.indexOf(column)] ?? '').trim()
  const editorSiret = get('editor_siret')
  const editorName = get('editor_name')
  const item: Record<string, unknown> = {
    siret: get('siret'),
    name: get('name'),
    cogCode: get('cog_code'),
    postalCodes: list(get('postal_codes')),
    allowedRedirectOrigins: list(get('allowed_redirect_origins')),
    editor: editorSiret || editorName ? { siret: editorSiret, name: editorName } : null,
  }
  const status = get('status')
  if (status) item.status = status
  return item
}

interface Row {
  /** `ligne 3` (CSV, header = line 1) or `items[2]` (JSON). */
  where: string
  value: unknown
  /** A CSV row: errors name its columns. */
  csv?: boolean
  /** The row's own error (its field count), before any schema check. */
  error?: string
}

/**
 * The rows of an import. A CSV is read by the kit's shared reader (`;` or `,`, quotes, the header's
 * columns by name, in any order); its text is Unicode already (a JSON string): a file read with the wrong
 * encoding shows as U+FFFD and is refused, pointing at the CLI, which decodes Windows-1252 itself.
 */
function rowsOf(input: CollectivityImport): Row[] {
  if ('items' in input) return input.items.map((value, i) => ({ where: `items[${i}]`, value }))
  const garbled = input.csv.split(/\r?\n/).findIndex((l) => l.includes('\uFFFD'))
  if (garbled >= 0)
    throw importInvalid([
      {
        name: `ligne ${garbled + 1}`,
        reason:
          'caractère illisible (�) : le fichier a été lu avec un autre encodage que le sien (Windows-1252 lu comme UTF-8 ?). ' +
          'Enregistrez-le en UTF-8, ou importez-le avec « npm run cli -- collectivities import », qui lit aussi le Windows-1252.',
      },
    ])
  let table
  try {
    table = parseCsvTable(input.csv, { required: importColumns, allowed: importColumns })
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    throw importInvalid([
      { name: `ligne ${error.line ?? 1}`, reason: error.message.replace(/^ligne \d+ : /, '') },
    ])
  }
  if (table.records.length === 0) throw importInvalid([{ name: 'ligne 2', reason: 'aucune collectivité' }])
  return table.records.map((r) => {
    const where = `ligne ${r.line}`
    const count = fieldCountError(table, r)
    return count
      ? { where, value: null, error: count }
      : { where, value: csvItem(table.header, r.fields), csv: true }
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
    if (row.error) {
      errors.push({ name: row.where, reason: row.error })
      continue
    }
    const named = (list: InvalidParam[]) => (row.csv ? inColumns(row.where, list) : list)
    const schema = schemaErrors(row.value, row.where)
    if (schema.length) {
      errors.push(...named(schema))
      continue
    }
    const write = row.value as CollectivityWrite
    const ids = identifierErrors(write, row.where)
    if (ids.length) {
      errors.push(...named(ids))
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
