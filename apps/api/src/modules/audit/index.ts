export { auditPlugin, type AuditDeps } from './plugin.js'
export { auditJobs, purgeExpiredAudit, PURGE_AUDIT_JOB, type AuditRetentionDeps } from './jobs.js'
export {
  listAudit,
  outcomeOf,
  purgeAudit,
  recordAudit,
  type AuditEntry,
  type AuditFilter,
} from './repository.js'
