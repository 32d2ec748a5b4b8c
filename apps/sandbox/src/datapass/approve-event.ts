import { createHmac } from 'node:crypto'
import { demoEditor } from '../seed.js'

/*
 * DataPass's webhook, as datapass.api.gouv.fr sends it (etalab/data_pass `docs/webhooks.md` and
 * `WebhookAuthorizationRequestSerializer`): `{event, fired_at, model_type, data: <authorization
 * request>}`, the form's fields flattened in `data.data`, signed `X-Hub-Signature-256: sha256=<hex
 * HMAC-SHA256 of the raw body>`, with `X-App-Environment`. Self-contained: the sandbox stands for
 * DataPass and must not import the API.
 */

export interface DatapassPerson {
  email: string
  given_name: string
  family_name: string
  phone_number: string
  job_title: string
}

export interface DatapassServiceProviderInput {
  id: string
  siret: string
  name?: string
  type?: string
}

export interface ApproveEventOptions {
  siret: string
  /** DataPass's authorization request id; default derived from the SIRET (the same command twice is a replay). */
  id?: number
  /** Default: now. */
  firedAt?: Date
  organizationName?: string
  /** The editor serving the collectivity; default the demo editor, `null` for none (HubEE portal). */
  serviceProvider?: DatapassServiceProviderInput | null
  applicant?: DatapassPerson
  contactMetier?: DatapassPerson | null
  dpo?: DatapassPerson | null
}

const defaultApplicant: DatapassPerson = {
  email: 'camille.martin@mairie.example',
  given_name: 'Camille',
  family_name: 'Martin',
  phone_number: '01 23 45 67 89',
  job_title: 'Directrice générale des services',
}
const defaultDpo: DatapassPerson = {
  email: 'dpo@mairie.example',
  given_name: 'Dominique',
  family_name: 'Bernard',
  phone_number: '01 23 45 67 80',
  job_title: 'Délégué à la protection des données',
}

const flatten = (prefix: string, p: DatapassPerson | null) =>
  p
    ? {
        [`${prefix}_family_name`]: p.family_name,
        [`${prefix}_given_name`]: p.given_name,
        [`${prefix}_email`]: p.email,
        [`${prefix}_phone_number`]: p.phone_number,
        [`${prefix}_job_title`]: p.job_title,
      }
    : {}

/** A stable authorization request id for a SIRET (its last 7 digits + 1, never 0). */
export const defaultAuthorizationRequestId = (siret: string) => Number(siret.slice(-7)) + 1

/** An `approve` event of a `formulaire_qf` authorization request, in DataPass's format. */
export function buildApproveEvent(options: ApproveEventOptions) {
  const id = options.id ?? defaultAuthorizationRequestId(options.siret)
  const firedAt = options.firedAt ?? new Date()
  const applicant = options.applicant ?? defaultApplicant
  const contactMetier = options.contactMetier === undefined ? applicant : options.contactMetier
  const dpo = options.dpo === undefined ? defaultDpo : options.dpo
  const provider =
    options.serviceProvider === undefined ? { ...demoEditor, type: 'editor' } : options.serviceProvider
  const validatedAt = firedAt.toISOString()
  return {
    event: 'approve',
    fired_at: Math.floor(firedAt.getTime() / 1000),
    model_type: 'authorization_request/formulaire_qf',
    data: {
      id,
      public_id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
      type: 'AuthorizationRequest::FormulaireQF',
      state: 'validated',
      form_uid: provider ? 'formulaire-qf-editeur' : 'formulaire-qf',
      created_at: validatedAt,
      last_submitted_at: validatedAt,
      last_validated_at: validatedAt,
      organization: { id: id + 1_000_000, name: options.organizationName ?? null, siret: options.siret },
      applicant: { id: id + 2_000_000, ...applicant },
      service_provider: provider
        ? {
            id: provider.id,
            siret: provider.siret,
            type: provider.type ?? 'editor',
            ...(provider.name ? { name: provider.name } : {}),
          }
        : null,
      data: {
        intitule: 'Formulaire de quotient familial',
        cadre_juridique_nature: 'Délibération du conseil municipal',
        ...flatten('contact_metier', contactMetier),
        ...flatten('delegue_protection_donnees', dpo),
      },
      authorizations: [
        {
          id: id + 3_000_000,
          slug: `formulaire-qf-${id}`,
          revoked: false,
          state: 'active',
          created_at: validatedAt,
          definition_id: 'formulaire_qf',
        },
      ],
    },
  }
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`: DataPass's `X-Hub-Signature-256`. */
export const datapassSignature = (rawBody: string | Buffer, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`

export interface SendDatapassEventOptions {
  url: string
  secret: string
  event: unknown
  /** `X-App-Environment`; default `sandbox`. */
  environment?: 'sandbox' | 'staging' | 'production'
}

/** Signs and posts an event the way DataPass does; answers the receiver's status and body. */
export async function sendDatapassEvent(
  options: SendDatapassEventOptions,
): Promise<{ status: number; body: string; rawBody: string; signature: string }> {
  const rawBody = JSON.stringify(options.event)
  const signature = datapassSignature(rawBody, options.secret)
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signature,
      'x-app-environment': options.environment ?? 'sandbox',
    },
    body: rawBody,
    signal: AbortSignal.timeout(10_000),
  })
  return { status: response.status, body: await response.text(), rawBody, signature }
}
