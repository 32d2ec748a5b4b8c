import type { OnboardingState } from '@qf/contracts'
import { AppError } from '../../errors/catalog.js'
import type { JobQueue } from '../../ports/job-queue.js'
import {
  findOnboarding,
  listOnboardings,
  type OnboardingDeps,
  type OnboardingOutcome,
  type OnboardingRecord,
  retryOnboarding,
} from '../onboarding/index.js'
import type { Scope } from './api-keys.js'
import type { RegistryDeps } from './collectivity-admin.js'
import { editorOf, forbidden } from './scope.js'

const notFound = (datapassId: number) =>
  new AppError('onboardingNotFound', { detail: `Aucun embarquement pour la demande DataPass ${datapassId}.` })

/** One onboarding (its steps and last error); an editor sees only the ones naming it. */
export async function getOnboardingStatus(
  deps: Pick<RegistryDeps, 'db'>,
  scope: Scope,
  datapassId: number,
): Promise<OnboardingRecord> {
  const record = await findOnboarding(deps.db, datapassId)
  const own = editorOf(scope)
  if (own !== null && record?.request.editor?.siret !== own)
    throw forbidden(`Cette clé d’éditeur ne donne pas accès à l’embarquement ${datapassId}.`)
  if (!record) throw notFound(datapassId)
  return record
}

export async function listOnboardingStatus(
  deps: Pick<RegistryDeps, 'db'>,
  scope: Scope,
  filter: { siret?: string | undefined; state?: OnboardingState | undefined; limit: number },
): Promise<OnboardingRecord[]> {
  return listOnboardings(deps.db, { ...filter, editorSiret: editorOf(scope) ?? undefined })
}

/** Ops run an onboarding again now (after fixing a final failure); a transient failure is rescheduled. */
export async function retryOnboardingNow(
  deps: OnboardingDeps & { jobQueue: JobQueue },
  scope: Scope,
  datapassId: number,
): Promise<OnboardingOutcome> {
  if (scope.kind !== 'admin') throw forbidden('Seule une clé `admin` peut relancer un embarquement.')
  const outcome = await retryOnboarding(deps, datapassId)
  if (!outcome) throw notFound(datapassId)
  return outcome
}
