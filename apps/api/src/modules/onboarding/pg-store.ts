import type { OnboardingErrorCode, OnboardingState, OnboardingStep } from '@qf/contracts'
import { sql, type Selectable } from 'kysely'
import type { Db, DbOrTrx } from '../../db/connection.js'
import type { OnboardingsTable } from '../../db/tables/onboardings.js'
import { changeLifecycle, findBySiret, recordCreation, upsertOnboarded } from '../collectivities/index.js'
import type { JobQueue } from '../../ports/job-queue.js'
import { maxOnboardingAttempts, onboardingRetryDelay, RETRY_ONBOARDING_JOB } from './job-names.js'
import type { OnboardingRequest } from './request.js'
import type {
  OnboardedCollectivity,
  OnboardingError,
  OnboardingRecord,
  OnboardingStepState,
  OnboardingStore,
} from './store.js'

type Row = Selectable<OnboardingsTable>

interface StoredStep {
  status: 'done' | 'failed'
  at: string
  error: OnboardingErrorCode | null
}
interface StoredError {
  step: OnboardingStep
  code: OnboardingErrorCode
  message: string
  at: string
  retryAfterSeconds: number | null
}

const requestToJson = (r: OnboardingRequest) => JSON.stringify({ ...r, firedAt: r.firedAt.toISOString() })
const requestFromJson = (j: Record<string, unknown>): OnboardingRequest =>
  ({ ...j, firedAt: new Date(String(j.firedAt)) }) as unknown as OnboardingRequest

const errorToJson = (e: OnboardingError): StoredError => ({ ...e, at: e.at.toISOString() })

/** The one row → domain mapping of an onboarding. */
export function toOnboardingRecord(row: Row): OnboardingRecord {
  const steps: Partial<Record<OnboardingStep, OnboardingStepState>> = {}
  for (const [step, s] of Object.entries(row.steps as Record<string, StoredStep>))
    steps[step as OnboardingStep] = { status: s.status, at: new Date(s.at), error: s.error }
  const e = row.last_error as StoredError | null
  return {
    datapassId: row.datapass_id,
    siret: row.siret,
    request: requestFromJson(row.request),
    state: row.state as OnboardingState,
    attempts: row.attempts,
    steps,
    lastError: e ? { ...e, at: new Date(e.at) } : null,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  }
}

export async function findOnboarding(db: DbOrTrx, datapassId: number): Promise<OnboardingRecord | null> {
  const row = await db
    .selectFrom('onboardings')
    .selectAll()
    .where('datapass_id', '=', datapassId)
    .executeTakeFirst()
  return row ? toOnboardingRecord(row) : null
}

export interface OnboardingFilter {
  siret?: string | undefined
  editorSiret?: string | undefined
  state?: OnboardingState | undefined
  limit: number
}

export async function listOnboardings(db: DbOrTrx, filter: OnboardingFilter): Promise<OnboardingRecord[]> {
  let query = db.selectFrom('onboardings').selectAll()
  if (filter.siret) query = query.where('siret', '=', filter.siret)
  if (filter.editorSiret) query = query.where('editor_siret', '=', filter.editorSiret)
  if (filter.state) query = query.where('state', '=', filter.state)
  const rows = await query.orderBy('updated_at', 'desc').orderBy('datapass_id').limit(filter.limit).execute()
  return rows.map(toOnboardingRecord)
}

/**
 * The onboarding store on Postgres (`onboardings`, and `collectivities` for the activation). `begin`
 * locks the row, so an older request never replaces a newer one; `complete` writes the collectivity
 * active and the onboarding completed in one transaction.
 */
export function postgresOnboardingStore(db: Db, retries?: { jobQueue: JobQueue }): OnboardingStore {
  async function mutate(
    datapassId: number,
    change: (steps: Record<string, StoredStep>, trx: DbOrTrx) => Promise<void>,
  ) {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('onboardings')
        .select('steps')
        .where('datapass_id', '=', datapassId)
        .forUpdate()
        .executeTakeFirst()
      if (!row) throw new Error(`no onboarding ${datapassId}`)
      await change(row.steps as Record<string, StoredStep>, trx)
    })
  }

  return {
    find: (datapassId) => findOnboarding(db, datapassId),

    async begin(request, at) {
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('onboardings')
          .selectAll()
          .where('datapass_id', '=', request.datapassId)
          .forUpdate()
          .executeTakeFirst()
        if (!existing) {
          const row = await trx
            .insertInto('onboardings')
            .values({
              datapass_id: request.datapassId,
              siret: request.siret,
              editor_siret: request.editor?.siret ?? null,
              request: requestToJson(request),
              fired_at: request.firedAt,
              state: 'in_progress',
              attempts: 1,
              steps: '{}',
              last_error: null,
              started_at: at,
              updated_at: at,
            })
            .returningAll()
            .executeTakeFirstOrThrow()
          return toOnboardingRecord(row)
        }
        const newer = request.firedAt.getTime() > existing.fired_at.getTime()
        const row = await trx
          .updateTable('onboardings')
          .set({
            state: 'in_progress',
            attempts: sql<number>`attempts + 1`,
            updated_at: at,
            ...(newer
              ? {
                  request: requestToJson(request),
                  fired_at: request.firedAt,
                  siret: request.siret,
                  editor_siret: request.editor?.siret ?? null,
                }
              : {}),
          })
          .where('datapass_id', '=', request.datapassId)
          .returningAll()
          .executeTakeFirstOrThrow()
        return toOnboardingRecord(row)
      })
    },

    async recordStep(datapassId, step, at) {
      await mutate(datapassId, async (steps, trx) => {
        steps[step] = { status: 'done', at: at.toISOString(), error: null }
        await trx
          .updateTable('onboardings')
          .set({
            steps: JSON.stringify(steps),
            updated_at: at,
            last_error: sql`case when last_error->>'step' = ${step} then null else last_error end`,
          })
          .where('datapass_id', '=', datapassId)
          .execute()
      })
    },

    async recordFailure(datapassId, error, state) {
      await mutate(datapassId, async (steps, trx) => {
        if (state === 'waiting_retry' && retries) {
          // The next run is enqueued with the state change: both commit, or neither.
          const { attempts } = await trx
            .selectFrom('onboardings')
            .select('attempts')
            .where('datapass_id', '=', datapassId)
            .executeTakeFirstOrThrow()
          if (attempts < maxOnboardingAttempts)
            await retries.jobQueue.send(
              RETRY_ONBOARDING_JOB,
              { datapassId },
              { startAfter: onboardingRetryDelay(attempts, error.retryAfterSeconds) },
              { trx },
            )
        }
        steps[error.step] = { status: 'failed', at: error.at.toISOString(), error: error.code }
        await trx
          .updateTable('onboardings')
          .set({
            steps: JSON.stringify(steps),
            state,
            last_error: JSON.stringify(errorToJson(error)),
            updated_at: error.at,
          })
          .where('datapass_id', '=', datapassId)
          .execute()
      })
    },

    async complete(datapassId, c: OnboardedCollectivity, at) {
      await mutate(datapassId, async (steps, trx) => {
        const known = await findBySiret(trx, c.siret)
        await upsertOnboarded(trx, {
          siret: c.siret,
          name: c.name,
          cogCode: c.cog,
          postalCodes: c.postalCodes,
          editor: c.editor,
          allowedRedirectOrigins: [],
          contacts: { requester: c.contacts.requester, dpo: c.contacts.dpo },
          hubeeSubscription: c.hubee,
          datapassId: c.datapassId,
          at,
        })
        const datapass = { kind: 'datapass', id: String(c.datapassId) } as const
        if (!known) await recordCreation(trx, c.siret, datapass, 'DataPass approve: onboarding', at)
        await changeLifecycle(trx, c.siret, 'authorize', datapass, 'DataPass approve (validated)', at)
        const check = { kind: 'hubee_check', id: c.hubee.subscriptionId } as const
        if (c.hubee.status === 'Actif')
          await changeLifecycle(trx, c.siret, 'hubee_active', check, 'onboarding: subscription Actif', at)
        else
          await changeLifecycle(
            trx,
            c.siret,
            'hubee_inactive',
            check,
            'onboarding: subscription Inactif, awaiting HubEE activation',
            at,
          )
        steps.collectivity_activation = { status: 'done', at: at.toISOString(), error: null }
        await trx
          .updateTable('onboardings')
          .set({
            steps: JSON.stringify(steps),
            state: 'completed',
            last_error: null,
            completed_at: at,
            updated_at: at,
          })
          .where('datapass_id', '=', datapassId)
          .execute()
      })
    },
  }
}
