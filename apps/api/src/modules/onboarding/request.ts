import type { DatapassApproveEvent, DatapassUser } from '@qf/contracts'

/** A person DataPass names for the collectivity (professional contact data). */
export interface OnboardingContact {
  email: string
  givenName: string | null
  familyName: string | null
  phoneNumber: string | null
  jobTitle: string | null
}

/** The editor that serves the collectivity (DataPass's service provider). */
export interface OnboardingEditor {
  siret: string
  name: string
  /** Its technical contact, when the form gives one. */
  email: string | null
}

/** What onboarding needs from an `approve` event, normalised once. */
export interface OnboardingRequest {
  /** DataPass's authorization request id: the idempotency key of the onboarding. */
  datapassId: number
  datapassPublicId: string | null
  formUid: string
  /** When DataPass fired the event (orders two approvals of the same request). */
  firedAt: Date
  siret: string
  organizationName: string | null
  editor: OnboardingEditor | null
  contacts: {
    /** The agent who filed the request on DataPass. */
    requester: OnboardingContact
    /** The business contact (`contact_metier`): HubEE's local administrator. */
    business: OnboardingContact | null
    /** The data protection officer (`delegue_protection_donnees`). */
    dpo: OnboardingContact | null
  }
}

/** DataPass's `model_type` for the QF form's authorization requests. */
export const formulaireQfModelType = 'authorization_request/formulaire_qf'

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)

function fromUser(u: DatapassUser): OnboardingContact {
  return {
    email: u.email,
    givenName: text(u.given_name),
    familyName: text(u.family_name),
    phoneNumber: text(u.phone_number),
    jobTitle: text(u.job_title),
  }
}

/** A contact flattened in the form's data (`<prefix>_email`, `<prefix>_given_name`, …), if it has an email. */
function flatContact(data: Record<string, unknown>, prefix: string): OnboardingContact | null {
  const email = text(data[`${prefix}_email`])
  if (!email) return null
  return {
    email,
    givenName: text(data[`${prefix}_given_name`]),
    familyName: text(data[`${prefix}_family_name`]),
    phoneNumber: text(data[`${prefix}_phone_number`]),
    jobTitle: text(data[`${prefix}_job_title`]),
  }
}

/** The `approve` event → the onboarding request (the editor is the service provider, when it has a SIRET). */
export function toOnboardingRequest(event: DatapassApproveEvent): OnboardingRequest {
  const request = event.data
  const provider = request.service_provider ?? null
  const providerSiret = text(provider?.siret)
  const editor =
    provider && providerSiret && providerSiret !== request.organization.siret
      ? {
          siret: providerSiret,
          name: text(provider.name) ?? String(provider.id),
          email: text(request.data.contact_technique_email),
        }
      : null
  return {
    datapassId: request.id,
    datapassPublicId: text(request.public_id),
    formUid: request.form_uid,
    firedAt: new Date(event.fired_at * 1000),
    siret: request.organization.siret,
    organizationName: text(request.organization.name),
    editor,
    contacts: {
      requester: fromUser(request.applicant),
      business: flatContact(request.data, 'contact_metier'),
      dpo: flatContact(request.data, 'delegue_protection_donnees'),
    },
  }
}
