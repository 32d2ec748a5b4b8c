import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskedScopes, nominalCivility } from './quotient-familial-families.js'
import type {
  QuotientFamilialProvider,
  QuotientFamilialResult,
} from '../../src/ports/quotient-familial-provider.js'

export interface QuotientFamilialProviderSetup {
  provider: QuotientFamilialProvider
  /**
   * A valid access token for a FranceConnect test identity (login of test-identities.csv), with the QF
   * form's scopes, or with `scopes` (the habilitation's: API Particulier masks what they leave out).
   */
  tokenFor(login: string, scopes?: string): Promise<string>
  invalidToken: string
  /** The collectivity's SIRET. */
  recipient: string
  /** The collectivity's own API Particulier token (lookups by identity), and an expired one. */
  collectivityToken: string
  expiredCollectivityToken: string
  /** An editor's one token, with its delegation of `recipient` and one of another collectivity. */
  editor: { token: string; delegationOfRecipient: string; otherDelegation: string }
  teardown(): Promise<void>
}

function success(result: QuotientFamilialResult) {
  if (!result.ok)
    throw new Error(`expected a quotient familial, got ${result.kind} (${result.providerCode ?? '-'})`)
  return result
}

/**
 * What every QuotientFamilialProvider must do, checked against the test identities of the
 * FranceConnect / API Particulier staging data (apps/sandbox/fixtures).
 */
export function describeQuotientFamilialProviderContract(
  name: string,
  setup: () => Promise<QuotientFamilialProviderSetup>,
): void {
  describe(`QuotientFamilialProvider contract: ${name}`, () => {
    let world: QuotientFamilialProviderSetup

    beforeAll(async () => {
      world = await setup()
    })
    afterAll(() => world?.teardown())

    const fetchFor = async (login: string) =>
      world.provider.byFranceConnectToken(await world.tokenFor(login), world.recipient)

    it('gives a CNAF family with its children (avec_nom_dusage)', async () => {
      const { quotientFamilial, raw } = success(await fetchFor('avec_nom_dusage'))
      expect(quotientFamilial).toMatchObject({ supplier: 'CNAF', value: 2550, year: 2024, month: 2 })
      expect(quotientFamilial.allocataires).toEqual([
        {
          nomNaissance: 'MERCIER',
          nomUsage: 'DUBOIS',
          prenoms: 'PIERRE',
          dateNaissance: '1969-03-17',
          sexe: 'M',
        },
      ])
      expect(quotientFamilial.enfants).toHaveLength(3)
      expect(quotientFamilial.enfants.map((e) => e.prenoms)).toEqual(['PIERRE', 'ROBERT', 'HENRY'])
      expect(raw).toMatchObject({ quotient_familial: { fournisseur: 'CNAF', valeur: 2550 } })
    })

    it('gives an MSA family (test_CINDY)', async () => {
      const { quotientFamilial } = success(await fetchFor('test_CINDY'))
      expect(quotientFamilial.supplier).toBe('MSA')
      expect(quotientFamilial.value).toBe(2550)
      expect(quotientFamilial.allocataires).toHaveLength(2)
      expect(quotientFamilial.allocataires[0]).toMatchObject({ nomNaissance: 'COMMODE', nomUsage: 'ARMOIRE' })
      expect(quotientFamilial.enfants).toHaveLength(5)
    })

    it('says which parts the habilitation masked (no cnaf_enfants: no children key, withheld)', async () => {
      const full = success(await fetchFor('avec_nom_dusage'))
      expect(full.quotientFamilial.withheld).toEqual([])
      const token = await world.tokenFor('avec_nom_dusage', maskedScopes)
      const { quotientFamilial, raw } = success(
        await world.provider.byFranceConnectToken(token, world.recipient),
      )
      expect(quotientFamilial).toMatchObject({ supplier: 'CNAF', value: 2550, withheld: ['enfants'] })
      expect(quotientFamilial.enfants).toEqual([])
      expect(quotientFamilial.allocataires).toHaveLength(1)
      expect(raw).not.toHaveProperty('enfants')
    })

    it('answers not_found (35003) for a person known to neither CAF nor MSA (test_THIBAULT)', async () => {
      const result = await fetchFor('test_THIBAULT')
      expect(result).toEqual({
        ok: false,
        kind: 'not_found',
        providerCode: '35003',
        status: 404,
        retryAfterSeconds: null,
      })
    })

    it('keeps a partial birth date as is (yogo: a child born 2020-00-00)', async () => {
      const { quotientFamilial } = success(await fetchFor('yogo'))
      const partial = quotientFamilial.enfants.filter((e) => e.dateNaissance === '2020-00-00')
      expect(partial).toHaveLength(1)
      expect(partial[0]).toMatchObject({ prenoms: 'Ibrahim', sexe: 'M' })
    })

    it('answers token_invalid for an invalid token', async () => {
      const result = await world.provider.byFranceConnectToken(world.invalidToken, world.recipient)
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.kind).toBe('token_invalid')
        expect(result.status).toBe(401)
      }
    })

    it('by identity: gives the QF of the staging civility case with the collectivity token', async () => {
      const { quotientFamilial } = success(
        await world.provider.byIdentity(world.collectivityToken, world.recipient, nominalCivility),
      )
      expect(quotientFamilial).toMatchObject({ supplier: 'CNAF', value: 2550, year: 2023, month: 6 })
      expect(quotientFamilial.allocataires).toEqual([
        {
          nomNaissance: 'LEFEBVRE',
          nomUsage: null,
          prenoms: 'ALEXIS GÉRÔME JEAN-PHILIPPE',
          dateNaissance: '1982-12-27',
          sexe: 'F',
        },
      ])
    })

    it('by identity: the sex is optional (API Particulier searches without it)', async () => {
      const { sex: _optional, ...withoutSex } = nominalCivility
      const { quotientFamilial } = success(
        await world.provider.byIdentity(world.collectivityToken, world.recipient, withoutSex),
      )
      expect(quotientFamilial).toMatchObject({ supplier: 'CNAF', value: 2550 })
    })

    it('by identity with the editor token: the collectivity’s delegation_id, else 00212 / 00213', async () => {
      const { token, delegationOfRecipient, otherDelegation } = world.editor
      const ok = success(
        await world.provider.byIdentity(token, world.recipient, nominalCivility, {
          delegationId: delegationOfRecipient,
        }),
      )
      expect(ok.quotientFamilial).toMatchObject({ supplier: 'CNAF', value: 2550 })
      expect(await world.provider.byIdentity(token, world.recipient, nominalCivility)).toMatchObject({
        ok: false,
        kind: 'bad_request',
        providerCode: '00212',
        status: 422,
      })
      expect(
        await world.provider.byIdentity(token, world.recipient, nominalCivility, {
          delegationId: otherDelegation,
        }),
      ).toMatchObject({ ok: false, kind: 'scope_missing', providerCode: '00213', status: 403 })
    })

    it('by identity: not_found for a person nobody knows', async () => {
      const result = await world.provider.byIdentity(world.collectivityToken, world.recipient, {
        ...nominalCivility,
        birthName: 'INCONNUE',
        firstNames: ['PERSONNE'],
      })
      expect(result).toMatchObject({ ok: false, kind: 'not_found', status: 404 })
    })

    it('by identity: token_invalid for an unknown token, token_expired for an expired one', async () => {
      expect(
        await world.provider.byIdentity('not-a-collectivity-token', world.recipient, nominalCivility),
      ).toMatchObject({
        ok: false,
        kind: 'token_invalid',
        status: 401,
      })
      expect(
        await world.provider.byIdentity(world.expiredCollectivityToken, world.recipient, nominalCivility),
      ).toMatchObject({ ok: false, kind: 'token_expired', providerCode: '00103', status: 401 })
    })
  })
}
