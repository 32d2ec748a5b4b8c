import type { Submission, SubmissionFailureReason } from '@qf/contracts'
import { NBSP } from './submission-status.js'

/** For a sending that did not reach the collectivity, or that it refused: why, and what to do instead. */
export interface SubmissionAdviceText {
  /** What happened, when the reason is known (a failure's `failureReason`). */
  cause?: string
  /** What to do instead, and whom to contact. */
  advice: string
  /**
   * Whether a new sending can work: `now` (the failure was on this service's side), `later` (the hub
   * stayed down). Absent when it would fail again (the collectivity cannot receive, the hub refused
   * the dossier, or the reason is unknown): the page then never offers to start again.
   */
  retry?: 'now' | 'later'
}

const attestation = 'une attestation de quotient familial de la CAF ou de la MSA'

const byReason: Record<SubmissionFailureReason, (name: string) => SubmissionAdviceText> = {
  collectivity_cannot_receive: (name) => ({
    cause: `${name} ne peut pas encore recevoir de dossier par ce service.`,
    advice: `Un nouvel envoi échouerait de la même façon. Transmettez plutôt à ${name} ${attestation}, et signalez-lui ce problème.`,
  }),
  hub_rejected: (name) => ({
    cause: `La plateforme d’échange de l’État qui achemine les dossiers vers ${name} a refusé le vôtre.`,
    advice: `Un nouvel envoi serait refusé de la même façon. Transmettez plutôt à ${name} ${attestation}, et contactez-la si vous avez besoin d’aide.`,
  }),
  dossier_unreadable: (name) => ({
    cause: 'Un incident technique de ce service a empêché le dépôt de votre dossier.',
    advice: `Vous pouvez recommencer la démarche depuis la page de ${name}, ou lui transmettre ${attestation}.`,
    retry: 'now',
  }),
  hub_unavailable: (name) => ({
    cause: `La plateforme d’échange qui achemine les dossiers vers ${name} est restée indisponible trop longtemps.`,
    advice: `Vous pourrez recommencer la démarche plus tard depuis la page de ${name}, ou lui transmettre dès maintenant ${attestation}.`,
    retry: 'later',
  }),
}

/** The advice for a failed or refused sending; `undefined` for any other status. */
export function submissionAdvice(
  submission: Pick<Submission, 'status' | 'failureReason' | 'collectivity'>,
): SubmissionAdviceText | undefined {
  const name = submission.collectivity.name
  if (submission.status === 'refused')
    return {
      advice: `Contactez ${name} pour en connaître la raison et savoir comment lui transmettre votre quotient familial.`,
    }
  if (submission.status !== 'failed') return undefined
  if (submission.failureReason) return byReason[submission.failureReason](name)
  return {
    advice: `Transmettez à ${name} ${attestation}, ou contactez-la pour savoir comment faire${NBSP}: un nouvel envoi pourrait échouer de la même façon.`,
  }
}
