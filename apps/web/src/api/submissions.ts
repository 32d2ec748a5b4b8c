import type { Submission, SubmissionAccepted } from '@qf/contracts'
import { answer, api, type ApiClient } from './client.js'

/** `submitCurrentSession`: the citizen's explicit consent; the same reference on a second call. */
export function submitCurrentSession(client: ApiClient = api): Promise<SubmissionAccepted> {
  return answer(client.POST('/api/v1/sessions/current/submission', { body: { consent: true } }))
}

/** `getSubmission`: where a sending stands (public; 404 problem when unknown or purged). */
export function getSubmission(reference: string, client: ApiClient = api): Promise<Submission> {
  return answer(client.GET('/api/v1/submissions/{reference}', { params: { path: { reference } } }))
}
