import { readdir, readFile, writeFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DossierHandler } from '../src/pull/dossier.js'
import { inboxHandler } from '../src/pull/inbox.js'
import type { PullStep } from '../src/pull/pull.js'
import { hubeeClientIdOf } from '../src/config.js'
import { PullLockedError, PullState } from '../src/pull/state.js'
import { hubeeClientFor, pullSubscription } from '../src/runner.js'
import { hubeeProxy, majastres, startWorld, type World } from './helpers/world.js'

/** Majastres' notifications still in HubEE. */
async function notificationsLeft(w: World) {
  const subscription = w.config.subscriptions[0]
  if (!subscription) throw new Error('no subscription')
  const client = hubeeClientFor(w.config, subscription)
  try {
    return await client.listNotifications(100)
  } finally {
    await client.close()
  }
}

let world: World
beforeEach(async () => {
  world = await startWorld()
})
afterEach(async () => {
  await world.close()
})

class Crash extends Error {}

/**
 * A crash at a step of the first pull (the process would die there: the state on disk is what the
 * next run sees), then a second, fresh pull: every dossier once in the inbox, the case DONE with
 * exactly one event per status, no notification left.
 */
describe.each<PullStep>(['downloaded', 'received', 'handled', 'reported'])('a crash after "%s"', (step) => {
  it('resumes on the next run without losing or duplicating the dossier', async () => {
    const first = await world.depositor.deposit(majastres)
    const second = await world.depositor.deposit(majastres)
    const subscription = world.config.subscriptions[0]
    if (!subscription) throw new Error('no subscription')
    const handedRefs: string[] = []
    const inbox = inboxHandler(world.config.inboxDir)
    const handler: DossierHandler = async (d) => {
      handedRefs.push(d.reference)
      return inbox(d)
    }

    let crashed = false
    const broken = await pullSubscription(world.config, subscription, {
      handler,
      onProgress: (p) => {
        if (p.step === step && p.reference === first.reference && !crashed) {
          crashed = true
          throw new Crash(`crash after ${step}`)
        }
      },
    })
    expect(crashed).toBe(true)
    expect(broken.failed).toEqual([
      expect.objectContaining({ caseId: first.caseId, error: `crash after ${step}` }),
    ])
    // The other dossier went through.
    expect(broken.dossiers.map((d) => d.reference)).toEqual([second.reference])

    const resumed = await pullSubscription(world.config, subscription, { handler })
    expect(resumed.failed).toEqual([])
    expect(resumed.dossiers).toEqual([
      expect.objectContaining({ reference: first.reference, outcome: 'DONE', how: 'resumed' }),
    ])

    // A third pull has nothing left.
    const third = await pullSubscription(world.config, subscription, { handler })
    expect(third.dossiers).toEqual([])

    // Handed once: every crash point comes before the handler or after its answer was saved.
    const handedFirst = handedRefs.filter((r) => r === first.reference).length
    expect(handedFirst).toBe(1)
    expect((await readdir(world.config.inboxDir)).sort()).toEqual([first.reference, second.reference].sort())

    const kase = await world.depositor.case(first.caseId)
    expect(kase.status).toBe('DONE')
    expect(kase.events.map((e) => e.caseNewStatus)).toEqual(['SI_RECEIVED', 'DONE'])
    expect(await notificationsLeft(world)).toEqual([])
  })
})

describe('a crash inside the handler, after it wrote the dossier', () => {
  it('hands the dossier again; the inbox handler is idempotent by reference', async () => {
    const dep = await world.depositor.deposit(majastres)
    const subscription = world.config.subscriptions[0]
    if (!subscription) throw new Error('no subscription')
    const inbox = inboxHandler(world.config.inboxDir)
    let calls = 0
    const handler: DossierHandler = async (d) => {
      calls += 1
      const outcome = await inbox(d)
      if (calls === 1) throw new Crash('crash after writing the inbox')
      return outcome
    }
    const broken = await pullSubscription(world.config, subscription, { handler })
    expect(broken.failed).toHaveLength(1)
    const resumed = await pullSubscription(world.config, subscription, { handler })
    expect(calls).toBe(2)
    expect(resumed.dossiers).toEqual([expect.objectContaining({ reference: dep.reference, outcome: 'DONE' })])
    expect(await readdir(world.config.inboxDir)).toEqual([dep.reference])
    expect((await world.depositor.case(dep.caseId)).events.map((e) => e.caseNewStatus)).toEqual([
      'SI_RECEIVED',
      'DONE',
    ])
  })
})

describe('HubEE fails between the status change and its event', () => {
  it.each(['SI_RECEIVED', 'DONE'])('posts the missing %s event on the next run, once', async (status) => {
    const dep = await world.depositor.deposit(majastres)
    const subscription = world.config.subscriptions[0]
    if (!subscription) throw new Error('no subscription')
    let failures = 0
    const proxy = await hubeeProxy(world.sandbox.url, {
      fail: (method, path, body) => {
        const doneEvent =
          method === 'POST' &&
          path.endsWith('/events') &&
          body.toString().includes(`"caseNewStatus":"${status}"`)
        if (doneEvent && failures === 0) {
          failures += 1
          return true
        }
        return false
      },
    })
    try {
      const config = world.configVia(proxy.url)
      await expect(pullSubscription(config, subscription)).rejects.toMatchObject({ unavailable: true })
      expect(failures).toBe(1)
      expect((await world.depositor.case(dep.caseId)).status).toBe(status)
      const resumed = await pullSubscription(config, subscription)
      expect(resumed.dossiers).toEqual([
        expect.objectContaining({ reference: dep.reference, outcome: 'DONE', how: 'resumed' }),
      ])
    } finally {
      await proxy.close()
    }
    const kase = await world.depositor.case(dep.caseId)
    expect(kase.events.map((e) => [e.caseCurrentStatus, e.caseNewStatus])).toEqual([
      ['SENT', 'SI_RECEIVED'],
      ['SI_RECEIVED', 'DONE'],
    ])
    expect(await notificationsLeft(world)).toEqual([])
  })
})

describe('one pull per subscription at a time', () => {
  it('a second pull while one runs is refused; a lock left by a dead process is taken over', async () => {
    await world.depositor.deposit(majastres)
    const subscription = world.config.subscriptions[0]
    if (!subscription) throw new Error('no subscription')
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const first = pullSubscription(world.config, subscription, {
      onProgress: async (p) => {
        if (p.step === 'downloaded') await gate
      },
    })
    // Wait until the first pull holds the lock and is inside a case.
    const lockFile = `${PullState.fileFor(world.config.stateDir, hubeeClientIdOf(subscription))}.lock`
    while (!(await readFile(lockFile, 'utf8').catch(() => ''))) await new Promise((r) => setImmediate(r))
    await expect(pullSubscription(world.config, subscription)).rejects.toBeInstanceOf(PullLockedError)
    release()
    expect((await first).dossiers).toHaveLength(1)

    await writeFile(lockFile, '2147483646')
    const after = await pullSubscription(world.config, subscription)
    expect(after.failed).toEqual([])
    await expect(readFile(lockFile, 'utf8')).rejects.toThrow()
  })
})
