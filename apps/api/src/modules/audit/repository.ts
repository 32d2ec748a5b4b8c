import type { AuditOutcome, AuditRecord } from '@qf/contracts'
import type { DbOrTrx } from '../../db/connection.js'

/** One audited call, as written (no personal data: the key, the operation, the collectivity, the outcome). */
export interface AuditEntry {
  at: Date
  keyId: string
  scope: string
  operation: string
  collectivity: string | null
  outcome: AuditOutcome
  /** `null` while `pending`. */
  statusCode: number | null
}

export interface AuditFilter {
  keyId?: string | undefined
  collectivity?: string | undefined
  operation?: string | undefined
  since?: Date | undefined
  until?: Date | undefined
  limit: number
}

/** The outcome of an HTTP status: 2xx/3xx success, 4xx refused, 5xx error. */
export const outcomeOf = (statusCode: number): Exclude<AuditOutcome, 'pending'> =>
  statusCode >= 500 ? 'error' : statusCode >= 400 ? 'refused' : 'success'

/** Writes one record; returns its id. */
export async function recordAudit(db: DbOrTrx, entry: AuditEntry): Promise<number> {
  const row = await db
    .insertInto('api_audit')
    .values({
      at: entry.at,
      key_id: entry.keyId,
      scope: entry.scope,
      operation: entry.operation,
      collectivity_siret: entry.collectivity,
      outcome: entry.outcome,
      status_code: entry.statusCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Completes a `pending` record with the answer's outcome. */
export async function completeAudit(
  db: DbOrTrx,
  id: number,
  outcome: { outcome: Exclude<AuditOutcome, 'pending'>; statusCode: number },
): Promise<void> {
  await db
    .updateTable('api_audit')
    .set({ outcome: outcome.outcome, status_code: outcome.statusCode })
    .where('id', '=', id)
    .execute()
}

/** The audit trail, most recent first, filtered. */
export async function listAudit(db: DbOrTrx, filter: AuditFilter): Promise<AuditRecord[]> {
  let query = db.selectFrom('api_audit').selectAll()
  if (filter.keyId !== undefined) query = query.where('key_id', '=', filter.keyId)
  if (filter.collectivity !== undefined) query = query.where('collectivity_siret', '=', filter.collectivity)
  if (filter.operation !== undefined) query = query.where('operation', '=', filter.operation)
  if (filter.since !== undefined) query = query.where('at', '>=', filter.since)
  if (filter.until !== undefined) query = query.where('at', '<', filter.until)
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute()
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    keyId: r.key_id,
    scope: r.scope,
    operation: r.operation,
    collectivity: r.collectivity_siret,
    outcome: r.outcome,
    statusCode: r.status_code,
  }))
}

/** Deletes the records older than `before`; returns how many. */
export async function purgeAudit(db: DbOrTrx, before: Date): Promise<number> {
  const result = await db.deleteFrom('api_audit').where('at', '<', before).executeTakeFirst()
  return Number(result.numDeletedRows)
}
