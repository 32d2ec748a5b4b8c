import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/connection.js'
import type { Clock } from '../../ports/clock.js'
import { defineJob } from '../../ports/job-queue.js'
import { purgeAudit } from './repository.js'

export const PURGE_AUDIT_JOB = 'purge-api-audit'

export interface AuditRetentionDeps {
  db: Db
  clock: Clock
  /** How long an audit record is kept (`AUDIT_RETENTION_DAYS`). */
  retentionMs: number
}

/** Deletes the audit records older than the retention period; returns how many. */
export async function purgeExpiredAudit(deps: AuditRetentionDeps): Promise<number> {
  return purgeAudit(deps.db, new Date(deps.clock.now().getTime() - deps.retentionMs))
}

/** The audit trail's background job, as data: the daily retention purge (03:40 UTC). */
export const auditJobs = (deps: AuditRetentionDeps, log: Pick<FastifyBaseLogger, 'info'>) => [
  defineJob({
    name: PURGE_AUDIT_JOB,
    schedule: '40 3 * * *',
    retry: { limit: 3, delay: 300, backoff: true },
    expireIn: 30 * 60,
    async handler() {
      const purged = await purgeExpiredAudit(deps)
      if (purged) log.info({ purged }, 'API key audit records past retention purged')
    },
  }),
]
