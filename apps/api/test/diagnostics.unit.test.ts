import { healthProblemCodes, type WebhookDelivery } from '@qf/contracts'
import { describe, expect, it } from 'vitest'
import type { CollectivityRecord } from '../src/modules/collectivities/index.js'
import { healthChecks, type HealthFacts } from '../src/modules/diagnostics/index.js'
import type { HubeeSubscription } from '../src/ports/hubee-referential.js'

const now = new Date('2026-12-01T12:00:00Z')
const dayMs = 86_400_000
const E = { siret: '99900000100019', name: 'Logiciels Communes' }

const collectivity = (over: Partial<CollectivityRecord> = {}): CollectivityRecord => ({
  siret: '21040107100019',
  name: 'Majastres',
  cogCode: '04107',
  departement: '04',
  postalCodes: ['04270'],
  lifecycle: 'active',
  authorizedBy: 'datapass',
  suspendedBy: null,
  editor: E,
  allowedRedirectOrigins: [],
  hubeeRecipient: { type: 'SI', companyRegister: '21040107100019', branchCode: '04107' },
  contacts: { requester: null, dpo: null },
  apiParticulierToken: {
    sealed: 'v2.k.x',
    expiresAt: new Date(now.getTime() + 400 * dayMs),
    source: 'admin',
    expiringSince: null,
  },
  hubeeSubscription: null,
  datapassId: 42,
  createdAt: now,
  updatedAt: now,
  ...over,
})

const subscription = (over: Partial<HubeeSubscription> = {}): HubeeSubscription => ({
  id: 'sub-1',
  siret: '21040107100019',
  cog: '04107',
  status: 'Actif',
  accessMode: 'API',
  editorSiret: E.siret,
  ...over,
})

const facts = (over: Partial<HealthFacts> = {}): HealthFacts => ({
  collectivity: collectivity(),
  now,
  hubee: { ok: true, subscription: subscription() },
  latestDeliveries: [],
  ...over,
})

const found = (f: HealthFacts) => healthChecks.filter((c) => c.detect(f) !== null).map((c) => c.code)

const delivery = (over: Partial<WebhookDelivery>): WebhookDelivery => ({
  id: 'd',
  eventId: 'e',
  endpointId: 'p',
  ownerKind: 'editor',
  ownerSiret: E.siret,
  reference: 'D7HQHXCDPRTPC',
  collectivitySiret: '21040107100019',
  outcome: 'pending',
  attempts: 0,
  lastStatus: null,
  lastError: null,
  lastAttemptAt: null,
  nextAttemptAt: now.toISOString(),
  deliveredAt: null,
  failedAt: null,
  createdAt: now.toISOString(),
  ...over,
})

describe('the health checks, as data', () => {
  it('declare each problem code of the contract exactly once, with what they read', () => {
    expect(healthChecks.map((c) => c.code)).toEqual([...healthProblemCodes])
    for (const check of healthChecks) expect(check.reads.length).toBeGreaterThan(0)
  })

  it('find nothing on a healthy collectivity', () => {
    expect(found(facts())).toEqual([])
    // An editor whose collectivity's SI reads through the API with its own credentials (no delegation).
    expect(found(facts({ hubee: { ok: true, subscription: subscription({ editorSiret: null }) } }))).toEqual(
      [],
    )
  })

  it('expect API with an editor, PORTAIL without, and no delegation to another editor', () => {
    const mode = (s: HubeeSubscription, c = collectivity()) =>
      found(facts({ collectivity: c, hubee: { ok: true, subscription: s } }))
    expect(mode(subscription({ accessMode: 'PORTAIL', editorSiret: null }))).toEqual([
      'hubee_access_mode_mismatch',
    ])
    expect(mode(subscription({ editorSiret: '99900000200017' }))).toEqual(['hubee_access_mode_mismatch'])
    const alone = collectivity({ editor: null })
    expect(mode(subscription({ accessMode: 'PORTAIL', editorSiret: null }), alone)).toEqual(['no_editor'])
    expect(mode(subscription({ editorSiret: null }), alone)).toEqual([
      'hubee_access_mode_mismatch',
      'no_editor',
    ])
  })

  it('report an unreadable referential instead of guessing the subscription', () => {
    expect(found(facts({ hubee: { ok: false, failure: 'unavailable', status: 503 } }))).toEqual([
      'hubee_unreachable',
    ])
    const rejected = healthChecks[0]?.detect(
      facts({ hubee: { ok: false, failure: 'rejected', status: 401 } }),
    )
    expect(rejected).toContain('HUBEE_ADMIN_CLIENT_ID')
  })

  it('date the token: expired at its expiry, expiring within 90 days, and a mark that disagrees', () => {
    const token = (days: number, marked: boolean) =>
      found(
        facts({
          collectivity: collectivity({
            apiParticulierToken: {
              sealed: 'v2.k.x',
              expiresAt: new Date(now.getTime() + days * dayMs),
              source: 'admin',
              expiringSince: marked ? now : null,
            },
          }),
        }),
      )
    expect(token(0, true)).toEqual(['api_particulier_token_expired'])
    expect(token(-10, false)).toEqual(['api_particulier_token_expired', 'api_particulier_token_mark_stale'])
    expect(token(89, true)).toEqual(['api_particulier_token_expiring'])
    expect(token(89, false)).toEqual(['api_particulier_token_expiring', 'api_particulier_token_mark_stale'])
    expect(token(91, false)).toEqual([])
    expect(token(91, true)).toEqual(['api_particulier_token_mark_stale'])
    expect(found(facts({ collectivity: collectivity({ apiParticulierToken: null }) }))).toEqual([
      'api_particulier_token_missing',
    ])
  })

  it('count a webhook as failing once an attempt failed or it was given up, not while first queued', () => {
    const hook = (d: WebhookDelivery) => found(facts({ latestDeliveries: [d] }))
    expect(hook(delivery({}))).toEqual([])
    expect(hook(delivery({ outcome: 'delivered', attempts: 2, deliveredAt: now.toISOString() }))).toEqual([])
    expect(hook(delivery({ attempts: 3, lastStatus: 503 }))).toEqual(['webhook_failing'])
    expect(hook(delivery({ outcome: 'failed', attempts: 12, lastError: 'timeout' }))).toEqual([
      'webhook_failing',
    ])
  })

  it('say why the subscription cannot be repaired automatically', () => {
    const missing = healthChecks.find((c) => c.code === 'hubee_subscription_missing')
    const blocked = (c: CollectivityRecord) =>
      missing?.repair?.blockedBy(facts({ collectivity: c, hubee: { ok: true, subscription: null } }))
    expect(blocked(collectivity({ datapassId: null }))).toContain('DataPass')
    expect(blocked(collectivity())).toContain('contact')
    const contact = { email: 'a@b.fr', givenName: null, familyName: null, phoneNumber: null, jobTitle: null }
    expect(blocked(collectivity({ contacts: { requester: contact, dpo: null } }))).toBeNull()
    const inactive = healthChecks.find((c) => c.code === 'hubee_subscription_inactive')
    expect(
      inactive?.repair?.blockedBy(
        facts({
          collectivity: collectivity({ contacts: { requester: contact, dpo: null } }),
          hubee: { ok: true, subscription: subscription({ status: 'Refusé' }) },
        }),
      ),
    ).toContain('Refusé')
  })
})
