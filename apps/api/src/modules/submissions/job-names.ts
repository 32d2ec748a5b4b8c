/** The submissions' job (queue) names: stable, jobs already queued carry them. */
export const DELIVER_SUBMISSION_JOB = 'deliver-submission'
export const SYNC_SUBMISSION_STATUSES_JOB = 'sync-submission-statuses'
export const FAIL_OVERDUE_DELIVERIES_JOB = 'fail-overdue-deliveries'
export const PURGE_SUBMISSIONS_JOB = 'purge-submissions'
