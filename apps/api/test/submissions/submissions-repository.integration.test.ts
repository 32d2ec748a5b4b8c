import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DrivenClock } from '@qf/testing'
import { createDb, type Db } from '../../src/db/connection.js'
import { SealedBox } from '../../src/lib/sealed-box.js'
import { seedDemoCollectivities } from '../../src/modules/collectivities/index.js'
import { sessionRepository } from '../../src/modules/journey/index.js'
import {
  newReference,
  postgresDeliveryState,
  postgresStatusTracker,
  submissionRepository,
  submitCurrentSession,
  type OnDelivered,
} from '../../src/modules/submissions/index.js'
import type { JobQueue } from '../../src/ports/job-queue.js'
import { describeDeliveryStateContract } from '../contracts/delivery-state.contract.js'
import { createTestDatabase, type TestDatabase } from '../helpers/database.js'
import { cnafDossier } from './dossiers.js'

let database: TestDatabase
let db: Db
const box = new SealedBox(Buffer.alloc(32, 7))

beforeAll(async () => {
  database = await createTestDatabase()
  db = createDb(database.url, 4)
  await seedDemoCollectivities(db, box)
})
afterAll(async () => {
  await db?.destroy()
  await database?.drop()
})

async function trace(reference = newReference()): Promise<string> {
  const inserted = await submissionRepository(db, box).insert({
    reference,
    siret: '21040107100019',
    submittedAt: new Date('2026-11-26T15:02:11.000Z'),
    dossier: { ...cnafDossier, reference },
  })
  if (!inserted) throw new Error('reference taken')
  return reference
}

describeDeliveryStateContract('postgresDeliveryState', async () => ({
  state: postgresDeliveryState(db),
  newReference: () => trace(),
  teardown: async () => {},
}))

describe('the submissions repository (Postgres)', () => {
  it('seals the dossier bound to its reference: it opens for its trace only', async () => {
    const reference = await trace()
    const traces = submissionRepository(db, box)
    const opened = await traces.openDossier(reference)
    expect(opened).toEqual({ ...cnafDossier, reference })
    const stored = await db
      .selectFrom('submissions')
      .select('sealed_dossier')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
    expect(stored.sealed_dossier).not.toContain('MERCIER')
    const other = await trace()
    await db
      .updateTable('submissions')
      .set({ sealed_dossier: stored.sealed_dossier })
      .where('reference', '=', other)
      .execute()
    await expect(traces.openDossier(other)).rejects.toThrow()
  })

  it('refuses a status outside the contract (CHECK constraint)', async () => {
    const reference = await trace()
    await expect(
      db
        .updateTable('submissions')
        .set({ status: 'lost' as never })
        .where('reference', '=', reference)
        .execute(),
    ).rejects.toThrow(/submissions_status_check/)
  })

  it('markDelivered deletes the dossier and runs the onDelivered hooks once, inside its transaction', async () => {
    const calls: { reference: string; siret: string; externalId: string | null; folder: string | null }[] = []
    const hook: OnDelivered = async (delivered, trx) => {
      calls.push({
        reference: delivered.reference,
        siret: delivered.siret,
        externalId: delivered.externalId,
        folder: delivered.hubeeFolderId,
      })
      // Inside the transaction: the trace is delivered already, as the hook's own writes will be.
      const row = await trx
        .selectFrom('submissions')
        .select(['status', 'sealed_dossier'])
        .where('reference', '=', delivered.reference)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ status: 'delivered', sealed_dossier: null })
    }
    const state = postgresDeliveryState(db, { onDelivered: [hook], externalId: 'famille-1' })
    const reference = await trace()
    await state.markDelivered(reference, new Date('2026-11-26T15:02:13.000Z'))
    await state.markDelivered(reference, new Date('2026-11-26T16:00:00.000Z'))
    // The dossier's external id and the recorded HubEE folder (none claimed in this test) are told.
    expect(calls).toEqual([{ reference, siret: '21040107100019', externalId: 'famille-1', folder: null }])
    expect(await submissionRepository(db, box).openDossier(reference)).toBeNull()
  })

  it('a failing onDelivered hook rolls the delivery mark back (the retry marks it again)', async () => {
    const state = postgresDeliveryState(db, {
      onDelivered: [
        async () => {
          throw new Error('webhook queue down')
        },
      ],
    })
    const reference = await trace()
    await expect(state.markDelivered(reference, new Date())).rejects.toThrow('webhook queue down')
    const row = await submissionRepository(db, box).find(reference)
    expect(row).toMatchObject({ status: 'queued', deliveredAt: null })
  })

  it('the status tracker moves forward only and never out of done/refused; forgets the HubEE ids', async () => {
    const tracker = postgresStatusTracker(db)
    const state = postgresDeliveryState(db)
    const reference = await trace()
    await state.claimFolder(reference, { folderId: 'f-1', caseId: `c-${reference}`, attachments: [] })
    await state.markDelivered(reference, new Date())
    expect(await tracker.findByCase(`c-${reference}`)).toEqual({ reference, folderId: 'f-1' })
    const statusOf = async () => (await submissionRepository(db, box).find(reference))?.status
    await tracker.report(reference, 'in_progress', new Date())
    await tracker.report(reference, 'si_received', new Date())
    expect(await statusOf()).toBe('in_progress')
    await tracker.report(reference, 'done', new Date())
    await tracker.report(reference, 'refused', new Date())
    await tracker.report(reference, 'in_progress', new Date())
    expect(await statusOf()).toBe('done')
    await tracker.forgetHubIds(reference)
    expect(await tracker.findByCase(`c-${reference}`)).toBeNull()
    expect((await state.read(reference)).deliveredAt).not.toBeNull()
  })

  it('markFailed never fails a delivered trace; a late delivery wins over failed', async () => {
    const traces = submissionRepository(db, box)
    const state = postgresDeliveryState(db)
    const delivered = await trace()
    await state.markDelivered(delivered, new Date())
    expect(await traces.markFailed(delivered, new Date(), 'hub_unavailable')).toBe(false)
    const late = await trace()
    expect(await traces.markFailed(late, new Date(), 'hub_unavailable')).toBe(true)
    expect(await traces.find(late)).toMatchObject({ status: 'failed', failureReason: 'hub_unavailable' })
    await state.markDelivered(late, new Date())
    expect(await traces.find(late)).toMatchObject({
      status: 'delivered',
      failedAt: null,
      failureReason: null,
    })
  })
})

describe('submitCurrentSession (use case, Postgres)', () => {
  const clock = new DrivenClock()
  const sent: { name: string; data: object; options: object | undefined }[] = []
  const jobQueue: JobQueue = {
    async send(name, data, options, context) {
      if (!context?.trx) throw new Error('the delivery job must be enqueued in the transaction')
      sent.push({ name, data, options })
      return 'job-id'
    },
    start: async () => undefined,
    stop: async () => undefined,
    isReady: async () => true,
    retryNow: async () => 0,
  }

  async function authenticatedSession(): Promise<string> {
    const id = crypto.randomUUID()
    const sessions = sessionRepository(db, box)
    await sessions.insert(
      {
        id,
        secretHash: crypto.randomUUID(),
        siret: '21040107100019',
        externalId: 'famille-9',
        redirectUri: null,
        frontendUrl: null,
        loginTicket: { hash: crypto.randomUUID(), expiresAt: clock.now() },
        expiresAt: new Date(clock.now().getTime() + 60_000),
      },
      clock.now(),
    )
    await sessions.update(
      id,
      {
        step: 'authenticated',
        personalData: {
          identity: {
            givenName: 'Pierre',
            givenNameArray: ['Pierre'],
            familyName: 'MERCIER',
            preferredUsername: null,
            birthdate: '1969-03-17',
            gender: 'male',
            birthplace: '75107',
            birthcountry: '99100',
          },
          quotientFamilial: null,
          quotientFamilialError: null,
          rawQuotientFamilial: cnafDossier.quotientFamilial,
          idToken: 'id-token-for-logout',
        },
      },
      clock.now(),
    )
    return id
  }

  it('draws again when the reference is taken; clears the personal data but the logout id_token', async () => {
    const taken = await trace()
    const draws = [taken, taken, 'DDDDDDDDDDDDD']
    const id = await authenticatedSession()
    // The QF view is what the citizen saw; the dossier carries the raw data.
    await sessionRepository(db, box).update(
      id,
      {
        personalData: {
          ...(await sessionRepository(db, box).findBy('id', id))!.personalData!,
          quotientFamilial: {
            supplier: 'CNAF',
            value: 2550,
            year: 2024,
            month: 2,
            computedYear: 2024,
            computedMonth: 12,
            allocataires: [],
            enfants: [],
            withheld: [],
          },
        },
      },
      clock.now(),
    )
    const settings = {
      horizonMs: 1,
      retryDelaySeconds: 1,
      statusSyncCron: '* * * * *',
      failedDossierRetentionMs: 1,
      traceRetentionMs: 1,
      hubTimeoutMs: 1,
    }
    const accepted = await submitCurrentSession(
      { db, box, clock, jobQueue, settings, newReference: () => draws.shift() ?? newReference() },
      { id },
    )
    expect(accepted.reference).toBe('DDDDDDDDDDDDD')
    expect(sent.at(-1)).toEqual({
      name: 'deliver-submission',
      data: { reference: 'DDDDDDDDDDDDD' },
      options: {},
    })
    const session = await sessionRepository(db, box).findBy('id', id)
    expect(session).toMatchObject({
      step: 'submitted',
      submissionReference: 'DDDDDDDDDDDDD',
      personalData: null,
      logoutIdToken: 'id-token-for-logout',
    })
    const row = await db
      .selectFrom('journey_sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain('MERCIER')
    expect(row.personal_data).toBeNull()
    const dossier = await submissionRepository(db, box).openDossier('DDDDDDDDDDDDD')
    expect(dossier).toMatchObject({
      reference: 'DDDDDDDDDDDDD',
      externalId: 'famille-9',
      collectivity: { siret: '21040107100019', name: 'Majastres', cog: '04107' },
      pivotIdentity: { family_name: 'MERCIER', given_name: 'Pierre' },
      quotientFamilial: cnafDossier.quotientFamilial,
    })
  })
})
