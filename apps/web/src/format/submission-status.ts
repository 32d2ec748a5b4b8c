import type { SubmissionStatus } from '@qf/contracts'

/** How a status reads for the citizen (and the agent on the phone), with the DSFR badge that shows it. */
export const submissionStatusLabels: Record<
  SubmissionStatus,
  { label: string; detail: string; badge: 'info' | 'new' | 'success' | 'error' }
> = {
  queued: {
    label: 'Envoi en cours',
    detail: 'Votre dossier est en cours de dépôt auprès de la collectivité.',
    badge: 'info',
  },
  delivered: {
    label: 'Transmis à la collectivité',
    detail: 'Votre dossier a été déposé : la collectivité est prévenue de son arrivée.',
    badge: 'info',
  },
  si_received: {
    label: 'Reçu par la collectivité',
    detail: 'Le logiciel de la collectivité a reçu votre dossier.',
    badge: 'new',
  },
  in_progress: {
    label: 'En cours de traitement',
    detail: 'La collectivité traite votre dossier.',
    badge: 'new',
  },
  done: {
    label: 'Traité',
    detail: 'La collectivité a traité votre dossier.',
    badge: 'success',
  },
  refused: {
    label: 'Refusé par la collectivité',
    detail: 'La collectivité n’a pas accepté ce dossier : contactez-la pour en connaître la raison.',
    badge: 'error',
  },
  failed: {
    label: 'Échec de la transmission',
    detail:
      'Le dossier n’a pas pu être déposé auprès de la collectivité. Recommencez la démarche depuis sa page, ou transmettez-lui une attestation.',
    badge: 'error',
  },
}
