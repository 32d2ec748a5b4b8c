export { submissionsModule, type SubmissionsModuleOptions } from './plugin.js'
export type { DeliverySettings, SubmissionsDeps } from './deps.js'
export { submissionsPublicOperations } from './routes.js'
export { submitCurrentSession } from './submit.js'
export {
  deliverSubmission,
  failOverdueDeliveries,
  purgeSubmissions,
  retryLimitFor,
  submissionsJobs,
  type JobDeps as SubmissionJobDeps,
  type SubmissionsLog,
} from './jobs.js'
export {
  DELIVER_SUBMISSION_JOB,
  FAIL_OVERDUE_DELIVERIES_JOB,
  PURGE_SUBMISSIONS_JOB,
  SYNC_SUBMISSION_STATUSES_JOB,
} from './job-names.js'
export { registerDeliveryMetrics, type DeliveryMetrics } from './metrics.js'
export {
  postgresDeliveryState,
  postgresStatusTracker,
  submissionRepository,
  type OnDelivered,
  type SubmissionTrace,
} from './repository.js'
export { newReference } from './reference.js'
export { resealDossiers } from './reseal.js'
export { toSessionSubmission, toSubmission } from './view.js'
