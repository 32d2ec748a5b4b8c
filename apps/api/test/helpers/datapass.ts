import { type DatapassApproveEvent, DatapassWebhookPayload, isDatapassApproveEvent } from '@qf/contracts'
import { type ApproveEventOptions, buildApproveEvent } from '@qf/sandbox'
import { Value } from '@sinclair/typebox/value'

/** The sandbox's DataPass `approve` event, checked against the payload schema (as the webhook route will). */
export function approveEvent(options: ApproveEventOptions): DatapassApproveEvent {
  const payload: unknown = buildApproveEvent(options)
  if (!Value.Check(DatapassWebhookPayload, payload) || !isDatapassApproveEvent(payload))
    throw new Error('the sandbox built something that is not a DataPass approve event')
  return payload
}
