import type { Submission, SubmissionStatus } from '@qf/contracts'

/** Non-breaking space, before « : ; ! ? » (French typography). */
export const NBSP = '\u00a0'

/** Where the family stands: its dossier is on its way, has reached the collectivity, or has not. */
export type SubmissionOutcome = 'pending' | 'transmitted' | 'not-transmitted'

/**
 * What every page says about a sending, from its status: the confirmation page's title and h1, the
 * badge and its sentence (confirmation and /suivi). For a failure or a refusal, the reason and what the
 * family can do instead are in `submission-advice.ts` (their own chunk, fetched only then).
 */
export interface SubmissionWording {
  outcome: SubmissionOutcome
  /** The document title, before " - Quotient familial". */
  title: string
  /** The confirmation page's h1 (also what the live region announces when the status changes). */
  heading: string
  /** The badge. */
  label: string
  badge: 'info' | 'new' | 'success' | 'error'
  /** What happened, in one sentence. */
  detail: string
}

type Describe = (collectivity: string) => SubmissionWording

const transmitted = (
  title: string,
  heading: string,
  label: string,
  badge: SubmissionWording['badge'],
  detail: string,
): SubmissionWording => ({ outcome: 'transmitted', title, heading, label, badge, detail })

const statusWording: Record<SubmissionStatus, Describe> = {
  queued: (name) => ({
    outcome: 'pending',
    title: 'Envoi en cours',
    heading: `Envoi en cours vers ${name}`,
    label: 'Envoi en cours',
    badge: 'info',
    detail: `Votre dossier est en cours de dépôt auprès de ${name}.`,
  }),
  delivered: (name) =>
    transmitted(
      `Transmis à ${name}`,
      `Vos informations ont été transmises à ${name}`,
      'Transmis à la collectivité',
      'info',
      `Votre dossier a été déposé${NBSP}: la collectivité est prévenue de son arrivée.`,
    ),
  si_received: (name) =>
    transmitted(
      `Transmis à ${name}`,
      `Vos informations ont été reçues par ${name}`,
      'Reçu par la collectivité',
      'new',
      `Le logiciel de ${name} a reçu votre dossier.`,
    ),
  in_progress: (name) =>
    transmitted(
      `Transmis à ${name}`,
      `${name} traite votre dossier`,
      'En cours de traitement',
      'new',
      `Votre dossier a été transmis${NBSP}: ${name} le traite.`,
    ),
  done: (name) =>
    transmitted(
      `Transmis à ${name}`,
      `${name} a traité votre dossier`,
      'Traité',
      'success',
      `Votre dossier a été transmis à ${name}, qui l’a traité.`,
    ),
  refused: (name) => ({
    outcome: 'not-transmitted',
    title: `Refusé par ${name}`,
    heading: `${name} n’a pas accepté votre dossier`,
    label: 'Refusé par la collectivité',
    badge: 'error',
    detail: `Votre dossier a bien été transmis à ${name}, qui ne l’a pas accepté.`,
  }),
  // What happened and what to do instead depend on the reason: `submission-advice.ts`.
  failed: (name) => ({
    outcome: 'not-transmitted',
    title: 'Échec de l’envoi',
    heading: 'Vos informations n’ont pas pu être transmises',
    label: 'Échec de la transmission',
    badge: 'error',
    detail: `Votre dossier n’a pas pu être déposé auprès de ${name}${NBSP}: rien ne lui a été transmis.`,
  }),
}

/** What to say about this sending (status, failure reason and collectivity's name only: no personal data). */
export function submissionWording(
  submission: Pick<Submission, 'status' | 'collectivity'>,
): SubmissionWording {
  return statusWording[submission.status](submission.collectivity.name)
}
