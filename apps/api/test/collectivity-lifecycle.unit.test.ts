import { collectivityLifecycles } from '@qf/contracts'
import { describe, expect, it } from 'vitest'
import {
  allowedTransition,
  lifecycleTransitions,
  notOfferedCode,
  type LifecycleEvent,
} from '../src/modules/collectivities/index.js'

const events: LifecycleEvent[] = ['authorize', 'hubee_active', 'hubee_inactive', 'suspend', 'revoke', 'close']
const facts = (lifecycle: (typeof collectivityLifecycles)[number], over = {}) => ({
  lifecycle,
  authorizedBy: null,
  suspendedBy: lifecycle === 'suspended' ? ('ops' as const) : null,
  ...over,
})

describe('the lifecycle transition table', () => {
  it('reaches `active` (offered) only from a HubEE read-back (hubee_active), never from a key', () => {
    const intoActive = lifecycleTransitions.filter(
      (r) => r.to === 'active' && r.from.some((f) => f !== 'active'),
    )
    expect(intoActive.map((r) => r.event)).toEqual(['hubee_active', 'hubee_active'])
    for (const r of intoActive) {
      expect(r.by).not.toContain('admin')
      expect(r.by).not.toContain('editor')
    }
  })

  it('lets an editor key trigger nothing, from any state', () => {
    for (const lifecycle of collectivityLifecycles)
      for (const event of events)
        expect(allowedTransition(facts(lifecycle), event, { kind: 'editor' })).toBeUndefined()
  })

  it('keeps `closed` final', () => {
    for (const event of events)
      for (const kind of ['datapass', 'admin', 'hubee_check', 'job', 'seed'] as const)
        expect(allowedTransition(facts('closed'), event, { kind })).toBeUndefined()
  })

  it('never lets DataPass or a HubEE read-back undo an ops suspension; ops can', () => {
    const byOps = facts('suspended', { authorizedBy: 'datapass', suspendedBy: 'ops' })
    expect(allowedTransition(byOps, 'authorize', { kind: 'datapass' })).toBeUndefined()
    expect(allowedTransition(byOps, 'hubee_active', { kind: 'job' })).toBeUndefined()
    expect(allowedTransition(byOps, 'authorize', { kind: 'seed' })).toBeUndefined()
    expect(allowedTransition(byOps, 'authorize', { kind: 'admin' })?.to).toBe('awaiting_hubee')
  })

  it('brings back what HubEE suspended when HubEE reads Actif again, only while authorized', () => {
    const byHubee = facts('suspended', { authorizedBy: 'datapass', suspendedBy: 'hubee' })
    expect(allowedTransition(byHubee, 'hubee_active', { kind: 'job' })?.to).toBe('active')
    expect(
      allowedTransition({ ...byHubee, authorizedBy: null }, 'hubee_active', { kind: 'job' }),
    ).toBeUndefined()
  })

  it('lets a new DataPass approval lift a DataPass revocation', () => {
    const revoked = facts('suspended', { suspendedBy: 'datapass' })
    expect(allowedTransition(revoked, 'authorize', { kind: 'datapass' })?.to).toBe('awaiting_hubee')
  })

  it('revokes from every live state', () => {
    for (const lifecycle of ['draft', 'awaiting_hubee', 'active', 'suspended'] as const)
      expect(allowedTransition(facts(lifecycle), 'revoke', { kind: 'datapass' })?.to).toBe('suspended')
  })

  it('names the not-offered codes: not yet (draft, awaiting_hubee), no longer (suspended, closed)', () => {
    const notOffered = collectivityLifecycles.filter((l) => l !== 'active')
    expect(notOffered.map(notOfferedCode)).toEqual([
      'not_yet_offered',
      'not_yet_offered',
      'no_longer_offered',
      'no_longer_offered',
    ])
  })
})
