import { Value } from '@sinclair/typebox/value'
import { describe, expect, it } from 'vitest'
import { Collectivity, Siret } from '@qf/contracts'
import { loadConfig } from '../src/config/load.js'
import {
  demoApiParticulierTokens,
  demoCollectivityInputs,
  departementFromCog,
  toPublicCollectivity,
  toSearchText,
  type CollectivityRecord,
} from '../src/modules/collectivities/index.js'

describe('departementFromCog', () => {
  it.each([
    ['01004', '01'],
    ['04107', '04'],
    ['2A004', '2A'],
    ['2B033', '2B'],
    ['97411', '974'],
    ['97611', '976'],
    ['97105', '971'],
    ['75101', '75'],
  ])('%s → %s', (cog, departement) => {
    expect(departementFromCog(cog)).toBe(departement)
  })

  it.each(['2C004', '7510', '751011', '2a004', ''])('refuses %j', (cog) => {
    expect(() => departementFromCog(cog)).toThrow(RangeError)
  })
})

describe('toSearchText', () => {
  it.each([
    ['Ambérieu-en-Bugey', 'amberieu en bugey'],
    ['PARIS Centre', 'paris centre'],
    ['Hautelüce', 'hauteluce'],
    ['  Saint-Denis  ', 'saint denis'],
    ["L'Haÿ-les-Roses", 'l hay les roses'],
    ['Œuilly', 'oeuilly'],
    ['Évian  les   Bains', 'evian les bains'],
    ['Ajaccio', 'ajaccio'],
  ])('%j → %j', (text, expected) => {
    expect(toSearchText(text)).toBe(expected)
  })

  it('makes a query and a name comparable whatever their accents and case', () => {
    expect(toSearchText('Ambérieu-en-Bugey')).toContain(toSearchText('AMBERIEU'))
    expect(toSearchText('Saint-Denis')).toContain(toSearchText('saint denis'))
  })
})

describe('demo collectivities', () => {
  const inputs = demoCollectivityInputs()

  it('are seeded at start only when DEMO_SEED=true', () => {
    expect(loadConfig({}).demo.seed).toBe(false)
    expect(loadConfig({ DEMO_SEED: 'true' }).demo.seed).toBe(true)
    expect(() => loadConfig({ DEMO_SEED: 'maybe' })).toThrow(/DEMO_SEED/)
  })

  it('are the sandbox’s six, each allowing the demo portal origin', () => {
    expect(inputs.map((c) => c.name)).toEqual([
      'Majastres',
      'Hauteluce',
      'Paris Centre',
      'Ajaccio',
      'Saint-Denis',
      'Ambérieu-en-Bugey',
    ])
    for (const c of inputs) {
      expect(c.allowedRedirectOrigins).toEqual(['http://localhost:8080'])
      expect(c.editor).toBeNull()
      expect(Value.Check(Siret, c.siret)).toBe(true)
    }
    const tokens = demoApiParticulierTokens()
    for (const t of tokens) expect(t.token).toBe(`sandbox-api-particulier-${t.siret}`)
    expect(tokens.find((t) => t.siret === '21974110600013')?.expiresAt).toEqual(
      new Date('2026-01-31T23:59:59Z'),
    )
    expect(tokens.find((t) => t.siret === '21040107100019')?.expiresAt).toEqual(
      new Date('2028-05-31T23:59:59Z'),
    )
  })
})

describe('toPublicCollectivity', () => {
  it('keeps only the public fields, valid against the Collectivity contract', () => {
    const record: CollectivityRecord = {
      siret: '21200004600012',
      name: 'Ajaccio',
      cogCode: '2A004',
      departement: '2A',
      postalCodes: ['20000', '20090'],
      lifecycle: 'active',
      authorizedBy: 'datapass',
      suspendedBy: null,
      editor: { siret: '99900000100019', name: 'Un éditeur' },
      allowedRedirectOrigins: ['https://portail.example'],
      hubeeRecipient: { type: 'SI', companyRegister: '21200004600012', branchCode: '2A004' },
      contacts: { requester: null, dpo: null },
      apiParticulierToken: {
        sealed: 'v2.k1.sealed',
        expiresAt: new Date('2028-05-31T23:59:59Z'),
        source: 'jwt',
        expiringSince: null,
      },
      hubeeSubscription: null,
      datapassId: null,
      createdAt: new Date('2026-11-01T00:00:00Z'),
      updatedAt: new Date('2026-11-01T00:00:00Z'),
    }
    const view = toPublicCollectivity(record)
    expect(view).toEqual({
      siret: '21200004600012',
      name: 'Ajaccio',
      cogCode: '2A004',
      departement: '2A',
      postalCodes: ['20000', '20090'],
    })
    expect(Value.Check(Collectivity, view)).toBe(true)
  })
})
