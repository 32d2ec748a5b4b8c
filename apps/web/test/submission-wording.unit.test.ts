import type { Submission, SubmissionFailureReason, SubmissionStatus } from '@qf/contracts'
import { describe, expect, it } from 'vitest'
import { submissionAdvice } from '../src/format/submission-advice.js'
import { submissionWording } from '../src/format/submission-status.js'
import { deliveredSubmission } from './fixtures/journey.js'

const sending = (status: SubmissionStatus, failureReason?: SubmissionFailureReason): Submission => ({
  ...deliveredSubmission,
  status,
  ...(failureReason ? { failureReason } : {}),
})

/** Every text of a wording and its advice, to check the typography and what is (never) promised. */
const allText = (submission: Submission) => {
  const advice = submissionAdvice(submission)
  const wording = submissionWording(submission)
  return [wording.title, wording.heading, wording.label, wording.detail, advice?.cause, advice?.advice].join(
    '\n',
  )
}

describe('submissionWording: what the pages say about a sending, by status', () => {
  it.each([
    ['queued', 'pending', 'Envoi en cours', 'Envoi en cours vers Majastres'],
    ['delivered', 'transmitted', 'Transmis à Majastres', 'Vos informations ont été transmises à Majastres'],
    ['si_received', 'transmitted', 'Transmis à Majastres', 'Vos informations ont été reçues par Majastres'],
    ['in_progress', 'transmitted', 'Transmis à Majastres', 'Majastres traite votre dossier'],
    ['done', 'transmitted', 'Transmis à Majastres', 'Majastres a traité votre dossier'],
    ['refused', 'not-transmitted', 'Refusé par Majastres', 'Majastres n’a pas accepté votre dossier'],
    ['failed', 'not-transmitted', 'Échec de l’envoi', 'Vos informations n’ont pas pu être transmises'],
  ] as const)('%s → %s, title "%s", heading "%s"', (status, outcome, title, heading) => {
    const wording = submissionWording(sending(status))
    expect(wording).toMatchObject({ outcome, title, heading })
  })

  it('a failure or a refusal never says "transmises" in its title or heading', () => {
    for (const status of ['failed', 'refused'] as const) {
      const { title, heading } = submissionWording(sending(status))
      expect(`${title} ${heading}`).not.toMatch(/ont été transmises|Transmis à/)
    }
  })

  it('French typography: a non-breaking space before « : ; ! ? », never a plain one', () => {
    const reasons = [
      'collectivity_cannot_receive',
      'hub_rejected',
      'dossier_unreadable',
      'hub_unavailable',
    ] as const
    const statuses = [
      'queued',
      'delivered',
      'si_received',
      'in_progress',
      'done',
      'refused',
      'failed',
    ] as const
    const texts = [
      ...statuses.map((status) => allText(sending(status))),
      ...reasons.map((reason) => allText(sending('failed', reason))),
    ]
    for (const text of texts) expect(text).not.toMatch(/ [:;!?]/)
    expect(texts.join('\n')).toContain('\u00a0:')
  })
})

describe('submissionAdvice: why it failed, what to do instead, and a new sending only when it can work', () => {
  it.each([
    ['collectivity_cannot_receive', undefined, 'Majastres ne peut pas encore recevoir de dossier'],
    ['hub_rejected', undefined, 'a refusé le vôtre'],
    ['dossier_unreadable', 'now', 'Un incident technique de ce service'],
    ['hub_unavailable', 'later', 'est restée indisponible'],
  ] as const)('%s: retry %s, cause "%s"', (reason, retry, cause) => {
    const advice = submissionAdvice(sending('failed', reason))
    expect(advice?.retry).toBe(retry)
    expect(advice?.cause).toContain(cause)
    expect(advice?.advice).toContain('attestation de quotient familial de la CAF ou de la MSA')
    if (retry === undefined) expect(advice?.advice).not.toMatch(/recommence/i)
    else expect(advice?.advice).toMatch(/recommencer la démarche/)
  })

  it('a failure without a reason: nothing transmitted, the attestation, no "recommencer"', () => {
    const failed = sending('failed')
    expect(submissionWording(failed).detail).toContain('rien ne lui a été transmis')
    const advice = submissionAdvice(failed)
    expect(advice?.cause).toBeUndefined()
    expect(advice?.retry).toBeUndefined()
    expect(advice?.advice).toContain('attestation de quotient familial')
    expect(advice?.advice).not.toMatch(/recommence/i)
  })

  it('a refusal: contact the collectivity; any other status: no advice', () => {
    expect(submissionAdvice(sending('refused'))?.advice).toMatch(/^Contactez Majastres/)
    expect(submissionAdvice(sending('refused'))?.retry).toBeUndefined()
    for (const status of ['queued', 'delivered', 'si_received', 'in_progress', 'done'] as const)
      expect(submissionAdvice(sending(status))).toBeUndefined()
  })
})
