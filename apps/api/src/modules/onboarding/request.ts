import type { DatapassUser, DatapassWebhookEvent } from '@qf/contracts'

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

/** The registry's limits on a contact's fields (`CollectivityContact`, in code points). */
export const contactLimits = { name: 100, phoneNumber: 40, jobTitle: 200, email: 254 } as const
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * DataPass's free text, made safe to store and to answer: controls and lone surrogates become
 * spaces, the ends are trimmed, and a value over `max` code points is cut (with `…`). `null` when blank.
 */
export function datapassText(v: unknown, max = 200): string | null {
  if (typeof v !== 'string') return null
  const clean = v.replace(/[\p{Cc}\p{Cs}]/gu, ' ').trim()
  if (clean === '') return null
  const points = [...clean]
  return points.length > max
    ? `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : clean
}

/** An email the registry accepts (its pattern, at most 254 characters), else `null`. */
const email = (v: unknown): string | null => {
  const t = datapassText(v, 1000)
  return t !== null && t.length <= contactLimits.email && emailPattern.test(t) ? t : null
}

const contact = (address: string, fields: (name: string) => unknown): OnboardingContact => ({
  email: address,
  givenName: datapassText(fields('given_name'), contactLimits.name),
  familyName: datapassText(fields('family_name'), contactLimits.name),
  phoneNumber: datapassText(fields('phone_number'), contactLimits.phoneNumber),
  jobTitle: datapassText(fields('job_title'), contactLimits.jobTitle),
})

function fromUser(u: DatapassUser): OnboardingContact {
  const fields: Record<string, unknown> = u
  return contact(email(u.email) ?? u.email, (name) => fields[name])
}

/** A contact flattened in the form's data (`<prefix>_email`, `<prefix>_given_name`, …), if it has a valid email. */
function flatContact(data: Record<string, unknown>, prefix: string): OnboardingContact | null {
  const address = email(data[`${prefix}_email`])
  return address ? contact(address, (name) => data[`${prefix}_${name}`]) : null
}

const text = (v: unknown): string | null => datapassText(v)

/** The `approve` event → the onboarding request (the editor is the service provider, when it has a SIRET). */
export function toOnboardingRequest(event: DatapassWebhookEvent): OnboardingRequest {
  const request = event.data
  const provider = request.service_provider ?? null
  const providerSiret = text(provider?.siret)
  const editor =
    provider && providerSiret && providerSiret !== request.organization.siret
      ? {
          siret: providerSiret,
          name: text(provider.name) ?? String(provider.id),
          email: email(request.data.contact_technique_email),
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
