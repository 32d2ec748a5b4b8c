import type { SessionSubmission, Submission } from '@qf/contracts'
import type { SubmissionTrace } from './repository.js'

/** What anyone holding the reference sees (`getSubmission`): no personal data, no HubEE ids. */
export function toSubmission(trace: SubmissionTrace, collectivityName: string | null): Submission {
  return {
    reference: trace.reference,
    status: trace.status,
    collectivity: { siret: trace.siret, name: collectivityName ?? trace.siret },
    submittedAt: trace.submittedAt.toISOString(),
    deliveredAt: trace.deliveredAt?.toISOString() ?? null,
    updatedAt: trace.updatedAt.toISOString(),
    // The code only (the SPA words it); never the hub's message.
    ...(trace.status === 'failed' && trace.failureReason ? { failureReason: trace.failureReason } : {}),
  }
}

/** What the session shows of its sending (`getCurrentSession`). */
export function toSessionSubmission(trace: SubmissionTrace): SessionSubmission {
  return { reference: trace.reference, status: trace.status, submittedAt: trace.submittedAt.toISOString() }
}
