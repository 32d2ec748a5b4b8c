import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DossierHubError } from '../../src/ports/dossier-hub.js'
import {
  loginAndSubmit,
  logLinesOf,
  startSubmissionWorld,
  waitForStatus,
  type SubmissionWorld,
} from './submission-world.js'

// Issue 22, item 4: once HubEE answered again, the retries already scheduled (minutes ahead) waited
// their backoff. A delivery that goes through brings the waiting ones forward.
let w: SubmissionWorld

beforeAll(async () => {
  // Ten minutes before the first retry: only the bring-forward can explain a quick second attempt.
  w = await startSubmissionWorld({ env: { DELIVERY_RETRY_DELAY_SECONDS: '600' } })
})
afterAll(async () => {
  await w?.close()
})

describe('waiting retries once HubEE answers again', () => {
  it('are run at once after a delivery goes through', async () => {
    w.interceptor.current = {
      before(method) {
        if (method === 'depositFolder')
          throw new DossierHubError('unavailable', 'depositFolder', 503, 503, 'Service unavailable')
      },
    }
    const first = await loginAndSubmit(w)
    const end = Date.now() + 30_000
    while (logLinesOf(w.logs, first.reference, 'delivery attempt failed, will retry').length === 0) {
      if (Date.now() > end) throw new Error('the first attempt did not fail')
      await new Promise((r) => setTimeout(r, 200))
    }
    w.interceptor.current = {}
    const second = await loginAndSubmit(w)
    await waitForStatus(w.db, second.reference, ['delivered'], 30_000)
    await waitForStatus(w.db, first.reference, ['delivered'], 30_000)
    expect(w.logs.lines.some((l) => l.msg === 'the hub answers: waiting deliveries brought forward')).toBe(
      true,
    )
  }, 120_000)
})
