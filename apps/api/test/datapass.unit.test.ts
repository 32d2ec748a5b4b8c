import { createHmac } from 'node:crypto'
import { Value } from '@sinclair/typebox/value'
import { buildApproveEvent, datapassSignature, demoEditor } from '@qf/sandbox'
import { DatapassWebhookPayload, isDatapassApproveEvent } from '@qf/contracts'
import { describe, expect, it } from 'vitest'
import { toOnboardingRequest, verifyDatapassSignature } from '../src/modules/onboarding/index.js'
import { approveEvent } from './helpers/datapass.js'

const secret = 'a-shared-webhook-secret'
const body = JSON.stringify({ event: 'approve', fired_at: 1628253953 })
const hmac = (raw: string, key = secret) => createHmac('sha256', key).update(raw).digest('hex')

describe('verifyDatapassSignature', () => {
  it('accepts sha256=<hex HMAC-SHA256 of the raw body>', () => {
    expect(verifyDatapassSignature(body, `sha256=${hmac(body)}`, secret)).toBe(true)
    expect(verifyDatapassSignature(Buffer.from(body), `sha256=${hmac(body)}`, secret)).toBe(true)
    expect(verifyDatapassSignature(body, `sha256=${hmac(body).toUpperCase()}`, secret)).toBe(true)
  })

  it('agrees with the sandbox sender', () => {
    expect(verifyDatapassSignature(body, datapassSignature(body, secret), secret)).toBe(true)
  })

  it('refuses a missing, empty or repeated header', () => {
    expect(verifyDatapassSignature(body, undefined, secret)).toBe(false)
    expect(verifyDatapassSignature(body, '', secret)).toBe(false)
    expect(verifyDatapassSignature(body, [`sha256=${hmac(body)}`, `sha256=${hmac(body)}`], secret)).toBe(
      false,
    )
  })

  it('refuses another secret, another body, one changed byte', () => {
    expect(verifyDatapassSignature(body, `sha256=${hmac(body, 'another-secret')}`, secret)).toBe(false)
    expect(verifyDatapassSignature(`${body} `, `sha256=${hmac(body)}`, secret)).toBe(false)
    const good = hmac(body)
    const flipped = `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`
    expect(verifyDatapassSignature(body, `sha256=${flipped}`, secret)).toBe(false)
  })

  it('refuses a malformed header (no prefix, another algorithm, wrong length, not hex)', () => {
    const good = hmac(body)
    for (const header of [
      good,
      `sha1=${good}`,
      `sha256=${good.slice(0, 63)}`,
      `sha256=${good}00`,
      `sha256=${'z'.repeat(64)}`,
      `SHA256=${good}`,
    ])
      expect(verifyDatapassSignature(body, header, secret), header).toBe(false)
  })

  it('refuses everything with an empty secret', () => {
    expect(verifyDatapassSignature(body, `sha256=${hmac(body, '')}`, '')).toBe(false)
  })
})

/** DataPass's documented example (etalab/data_pass docs/webhooks.md), adapted to the QF form. */
const documentedExample = {
  event: 'approve',
  fired_at: 1628253953,
  model_type: 'authorization_request/formulaire_qf',
  data: {
    id: 9001,
    public_id: 'a90939e8-f906-4343-8996-5955257f161d',
    state: 'validated',
    form_uid: 'formulaire-qf',
    organization: { id: 9002, name: 'COMMUNE DE BASTIA', siret: '21200033900011' },
    applicant: {
      id: 9003,
      email: 'jean.dupont@beta.gouv.fr',
      given_name: 'Jean',
      family_name: 'Dupont',
      phone_number: '0836656565',
      job_title: 'Rockstar',
    },
    service_provider: { id: 'arpege', siret: '99900000100019', type: 'editor' },
    authorizations: [
      { id: 9005, slug: 'abc123', revoked: false, state: 'active', definition_id: 'formulaire_qf' },
    ],
    data: {
      intitule: 'Ma demande',
      contact_metier_given_name: 'Alice',
      contact_metier_family_name: 'Durand',
      contact_metier_email: 'alice.durand@bastia.example',
      contact_metier_phone_number: '04 95 00 00 00',
      contact_metier_job_title: 'DGS',
      delegue_protection_donnees_given_name: 'Paul',
      delegue_protection_donnees_family_name: 'Roux',
      delegue_protection_donnees_email: 'dpo@bastia.example',
    },
  },
}

describe('DatapassWebhookPayload', () => {
  it('accepts DataPass’s documented event, the test call and the sandbox’s event', () => {
    expect(Value.Check(DatapassWebhookPayload, documentedExample)).toBe(true)
    expect(Value.Check(DatapassWebhookPayload, { test: true, timestamp: '2024-01-15T10:30:00+01:00' })).toBe(
      true,
    )
    expect(Value.Check(DatapassWebhookPayload, buildApproveEvent({ siret: '21200033900011' }))).toBe(true)
    expect(
      Value.Check(
        DatapassWebhookPayload,
        buildApproveEvent({ siret: '21200033900011', serviceProvider: null }),
      ),
    ).toBe(true)
  })

  it('refuses an event without organization SIRET, with a malformed one, or without applicant', () => {
    const without = structuredClone(documentedExample) as { data: Record<string, unknown> }
    without.data.organization = { id: 1, name: 'X' }
    expect(Value.Check(DatapassWebhookPayload, without)).toBe(false)
    const malformed = structuredClone(documentedExample)
    malformed.data.organization.siret = '2120003390001'
    expect(Value.Check(DatapassWebhookPayload, malformed)).toBe(false)
    const noApplicant = structuredClone(documentedExample) as { data: Record<string, unknown> }
    delete noApplicant.data.applicant
    expect(Value.Check(DatapassWebhookPayload, noApplicant)).toBe(false)
    expect(Value.Check(DatapassWebhookPayload, { test: false, timestamp: 'x' })).toBe(false)
  })

  it('tells approve events apart', () => {
    expect(isDatapassApproveEvent(documentedExample)).toBe(true)
    expect(isDatapassApproveEvent({ ...documentedExample, event: 'submit' })).toBe(false)
    expect(isDatapassApproveEvent({ test: true, timestamp: 'now' })).toBe(false)
  })
})

describe('toOnboardingRequest', () => {
  it('takes the SIRET, the editor (service provider), the requester, business contact and DPO', () => {
    if (!Value.Check(DatapassWebhookPayload, documentedExample) || !isDatapassApproveEvent(documentedExample))
      throw new Error('documented example rejected')
    const request = toOnboardingRequest(documentedExample)
    expect(request).toEqual({
      datapassId: 9001,
      datapassPublicId: 'a90939e8-f906-4343-8996-5955257f161d',
      formUid: 'formulaire-qf',
      firedAt: new Date(1628253953 * 1000),
      siret: '21200033900011',
      organizationName: 'COMMUNE DE BASTIA',
      editor: { siret: '99900000100019', name: 'arpege', email: null },
      contacts: {
        requester: {
          email: 'jean.dupont@beta.gouv.fr',
          givenName: 'Jean',
          familyName: 'Dupont',
          phoneNumber: '0836656565',
          jobTitle: 'Rockstar',
        },
        business: {
          email: 'alice.durand@bastia.example',
          givenName: 'Alice',
          familyName: 'Durand',
          phoneNumber: '04 95 00 00 00',
          jobTitle: 'DGS',
        },
        dpo: {
          email: 'dpo@bastia.example',
          givenName: 'Paul',
          familyName: 'Roux',
          phoneNumber: null,
          jobTitle: null,
        },
      },
    })
  })

  it('has no editor without a service provider, or when the provider is the collectivity itself', () => {
    const none = approveEvent({ siret: '21200033900011', serviceProvider: null })
    expect(toOnboardingRequest(none).editor).toBeNull()
    const self = approveEvent({
      siret: '21200033900011',
      serviceProvider: { id: 'regie', siret: '21200033900011' },
    })
    expect(toOnboardingRequest(self).editor).toBeNull()
    const demo = approveEvent({ siret: '21200033900011' })
    expect(toOnboardingRequest(demo).editor).toEqual({
      siret: demoEditor.siret,
      name: demoEditor.name,
      email: null,
    })
  })
})
