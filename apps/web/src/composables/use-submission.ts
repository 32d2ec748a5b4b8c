import type { Submission, SubmissionStatus } from '@qf/contracts'
import { onScopeDispose, ref, type Ref } from 'vue'
import { toApiProblem, type ApiProblem } from '../api/client.js'
import { getSubmission } from '../api/submissions.js'

/** The statuses after which nothing changes any more: no need to ask again. */
export const FINAL_SUBMISSION_STATUSES: ReadonlySet<SubmissionStatus> = new Set(['done', 'refused', 'failed'])

export interface PollingOptions {
  /** Wait before the first refresh, doubled after each answer up to `maxDelayMs`. */
  firstDelayMs?: number
  maxDelayMs?: number
  /** Stop refreshing after this long (a tab left open does not ask forever). */
  giveUpAfterMs?: number
}

export interface SubmissionState {
  submission: Ref<Submission | undefined>
  loading: Ref<boolean>
  /** The failure of the first read (404: unknown reference). A failed refresh keeps what was shown. */
  error: Ref<ApiProblem | undefined>
  /** True while the status may still move and the page keeps asking. */
  following: Ref<boolean>
  reload(): Promise<void>
}

let prefetched: { reference: string; answer: Promise<Submission> } | undefined

/**
 * Starts reading the sending now (from the route's guard), so the request runs while the view's chunk
 * downloads; `useSubmission` then takes this answer for the same reference instead of asking again.
 */
export function prefetchSubmission(reference: string): void {
  const answer = getSubmission(reference)
  answer.catch(() => undefined) // the view reports the failure
  prefetched = { reference, answer }
}

/**
 * Reads a sending (`getSubmission`) and, while its status can still move, reads it again with a
 * growing delay (2 s, 4 s, 8 s… up to 1 min), stopping on a final status (done, refused, failed),
 * after `giveUpAfterMs`, or when the page goes away.
 */
export function useSubmission(reference: () => string, options: PollingOptions = {}): SubmissionState {
  const firstDelayMs = options.firstDelayMs ?? 2_000
  const maxDelayMs = options.maxDelayMs ?? 60_000
  const giveUpAfterMs = options.giveUpAfterMs ?? 30 * 60_000
  const submission = ref<Submission>()
  const loading = ref(true)
  const error = ref<ApiProblem>()
  const following = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  let startedAt = Date.now()

  function schedule(delay: number): void {
    clearTimeout(timer)
    if (stopped || Date.now() - startedAt + delay > giveUpAfterMs) {
      following.value = false
      return
    }
    following.value = true
    timer = setTimeout(() => void refresh(delay), delay)
  }

  async function refresh(lastDelay: number): Promise<void> {
    const next = Math.min(maxDelayMs, lastDelay * 2)
    try {
      submission.value = await getSubmission(reference())
      if (FINAL_SUBMISSION_STATUSES.has(submission.value.status)) following.value = false
      else schedule(next)
    } catch (caught) {
      // A refresh that fails (network, 5xx) is tried again later; an unknown reference is not.
      if (toApiProblem(caught).status === 404) following.value = false
      else schedule(next)
    }
  }

  async function load(): Promise<void> {
    clearTimeout(timer)
    loading.value = true
    error.value = undefined
    startedAt = Date.now()
    try {
      const pending = prefetched?.reference === reference() ? prefetched.answer : getSubmission(reference())
      prefetched = undefined
      submission.value = await pending
      if (!FINAL_SUBMISSION_STATUSES.has(submission.value.status)) schedule(firstDelayMs)
      else following.value = false
    } catch (caught) {
      submission.value = undefined
      error.value = toApiProblem(caught)
      following.value = false
    } finally {
      loading.value = false
    }
  }

  void load()
  onScopeDispose(() => {
    stopped = true
    clearTimeout(timer)
  })

  return { submission, loading, error, following, reload: load }
}
