import type { SubmissionFailureReason } from '@qf/contracts'
import type { DossierHubError } from '../../ports/dossier-hub.js'

/**
 * HubEE's answers to a deposit whose recipient cannot receive: not (or no longer) subscribed to the
 * process (400 "The recipient … does not suscribed to the process …", HubEE's spelling), or an
 * organisation it does not know (404 "Organization is not found").
 */
const cannotReceive = /\b(does not su(b)?scribed?|not subscribed|organi[sz]ation is not found)\b/i

/**
 * Why a permanent refusal of the hub failed the sending (the contract's `SubmissionFailureReason`):
 * the collectivity cannot receive (`collectivity_cannot_receive`), or another refusal
 * (`hub_rejected`). Read from the hub's code and (scrubbed) message; never shown to anyone as such.
 */
export function refusalReason(
  error: Pick<DossierHubError, 'status' | 'hubMessage'>,
): SubmissionFailureReason {
  const refusedRecipient =
    (error.status === 400 || error.status === 404) && cannotReceive.test(error.hubMessage ?? '')
  return refusedRecipient ? 'collectivity_cannot_receive' : 'hub_rejected'
}
