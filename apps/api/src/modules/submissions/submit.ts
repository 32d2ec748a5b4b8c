import type { SubmissionAccepted } from '@qf/contracts'
import { AppError } from '../../errors/catalog.js'
import { findOfferedBySiret } from '../collectivities/index.js'
import { sessionRepository, type JourneySession } from '../journey/index.js'
import { pivotIdentityClaims, type DossierContent } from './documents/index.js'
import type { SubmissionsDeps } from './deps.js'
import { DELIVER_SUBMISSION_JOB } from './job-names.js'
import { submissionRepository, type SubmissionTrace } from './repository.js'

/** Draws allowed before giving up on finding a free reference (each collides with odds ~2^-58). */
const referenceDraws = 8

const notAllowed = (detail: string) => new AppError('submissionNotAllowed', { detail })

const accepted = (
  trace: Pick<SubmissionTrace, 'reference' | 'status' | 'submittedAt'>,
): SubmissionAccepted => ({
  reference: trace.reference,
  status: trace.status,
  submittedAt: trace.submittedAt.toISOString(),
})

/**
 * "Transmettre": one transaction with the session row locked (a repeat, a double click or two tabs
 * wait for each other and answer the same reference) that inserts the `queued` trace with the sealed
 * dossier, enqueues its delivery job (committed with it, or not at all), and clears the session's
 * personal data, keeping only the id_token the FranceConnect logout needs.
 */
export async function submitCurrentSession(
  deps: Pick<SubmissionsDeps, 'db' | 'box' | 'clock' | 'jobQueue' | 'newReference' | 'settings'>,
  session: Pick<JourneySession, 'id'>,
): Promise<SubmissionAccepted> {
  return deps.db.transaction().execute(async (trx) => {
    const sessions = sessionRepository(trx, deps.box)
    const traces = submissionRepository(trx, deps.box)
    const locked = await sessions.findBy('id', session.id, { forUpdate: true })
    if (!locked) throw new AppError('sessionMissing', { detail: 'La session a été fermée.' })
    if (locked.step === 'submitted' && locked.submissionReference) {
      const trace = await traces.find(locked.submissionReference)
      if (trace) return accepted(trace)
      throw notAllowed('Cet envoi a déjà été fait.')
    }
    const data = locked.personalData
    if (locked.step !== 'authenticated' || !data)
      throw notAllowed('Connectez-vous avec FranceConnect avant de transmettre vos données.')
    if (!data.quotientFamilial || !data.rawQuotientFamilial)
      throw notAllowed('Votre quotient familial n’a pas pu être lu : il n’y a rien à transmettre.')
    const collectivity = await findOfferedBySiret(trx, locked.siret)
    if (!collectivity) throw notAllowed('Cette collectivité ne reçoit plus de dossiers par ce service.')

    const submittedAt = deps.clock.now()
    const content = (reference: string): DossierContent => ({
      reference,
      submittedAt,
      collectivity: {
        siret: collectivity.siret,
        name: collectivity.name,
        cog: collectivity.hubeeRecipient.branchCode,
      },
      externalId: locked.externalId,
      pivotIdentity: pivotIdentityClaims(data.identity),
      quotientFamilial: data.rawQuotientFamilial ?? {},
    })
    let reference: string | undefined
    for (let draw = 0; draw < referenceDraws && !reference; draw++) {
      const candidate = deps.newReference()
      const inserted = await traces.insert({
        reference: candidate,
        siret: collectivity.siret,
        submittedAt,
        dossier: content(candidate),
      })
      if (inserted) reference = candidate
    }
    if (!reference) throw new Error('no free submission reference after several draws')

    await deps.jobQueue.send(DELIVER_SUBMISSION_JOB, { reference }, {}, { trx })
    await sessions.update(
      locked.id,
      {
        step: 'submitted',
        submissionReference: reference,
        personalData: null,
        logoutIdToken: data.idToken,
        loginTransaction: null,
        loginCodeHash: null,
        loginCodeExpiresAt: null,
      },
      submittedAt,
    )
    return { reference, status: 'queued', submittedAt: submittedAt.toISOString() }
  })
}
