import { describe, expect, it } from 'vitest'
import { InMemoryQuotientFamilialProvider } from '../src/adapters/in-memory/index.js'
import { describeQuotientFamilialProviderContract } from './contracts/quotient-familial-provider.contract.js'
import {
  civilityOutcome,
  familyOutcome,
  maskedScopes,
  nominalCivility,
  notFoundOutcome,
  stagingFamilies,
} from './contracts/quotient-familial-families.js'
import { identityKey } from '../src/adapters/in-memory/index.js'

const tokenOf = (login: string, scopes?: string) => `token-of-${login}${scopes ? `|${scopes}` : ''}`

function preloadedProvider() {
  const provider = new InMemoryQuotientFamilialProvider({ [tokenOf('test_THIBAULT')]: notFoundOutcome })
  for (const login of Object.keys(stagingFamilies)) {
    provider.set(tokenOf(login), familyOutcome(login))
    provider.set(tokenOf(login, maskedScopes), familyOutcome(login, ['enfants']))
  }
  provider.collectivityTokens.set('collectivity-token-majastres', '21040107100019')
  provider.expiredTokens.add('collectivity-token-expired')
  provider.editorDelegations.set(
    'editor-token',
    new Map([
      ['delegation-majastres', '21040107100019'],
      ['delegation-hauteluce', '21730132400018'],
    ]),
  )
  provider.set(identityKey(nominalCivility), civilityOutcome())
  return provider
}

describeQuotientFamilialProviderContract('InMemoryQuotientFamilialProvider', async () => ({
  provider: preloadedProvider(),
  tokenFor: async (login, scopes) => tokenOf(login, scopes),
  invalidToken: 'not-a-franceconnect-token',
  recipient: '21040107100019',
  collectivityToken: 'collectivity-token-majastres',
  expiredCollectivityToken: 'collectivity-token-expired',
  editor: {
    token: 'editor-token',
    delegationOfRecipient: 'delegation-majastres',
    otherDelegation: 'delegation-hauteluce',
  },
  teardown: async () => {},
}))

describe('InMemoryQuotientFamilialProvider', () => {
  it('records every call with its token and recipient', async () => {
    const provider = preloadedProvider()
    await provider.byFranceConnectToken(tokenOf('yogo'), '21040107100019')
    await provider.byFranceConnectToken('unknown', '21730132400018')
    expect(provider.calls).toEqual([
      { accessToken: tokenOf('yogo'), recipient: '21040107100019' },
      { accessToken: 'unknown', recipient: '21730132400018' },
    ])
  })

  it('accepts a bare failure kind as an outcome', async () => {
    const provider = new InMemoryQuotientFamilialProvider(new Map([['t', 'provider_unavailable' as const]]))
    expect(await provider.byFranceConnectToken('t', '21040107100019')).toEqual({
      ok: false,
      kind: 'provider_unavailable',
      providerCode: null,
      status: null,
      retryAfterSeconds: null,
    })
  })

  it('hands out copies: a caller mutating a result does not change the next answer', async () => {
    const provider = preloadedProvider()
    const first = await provider.byFranceConnectToken(tokenOf('yogo'), '21040107100019')
    if (first.ok) first.quotientFamilial.enfants.length = 0
    const second = await provider.byFranceConnectToken(tokenOf('yogo'), '21040107100019')
    expect(second.ok && second.quotientFamilial.enfants).toHaveLength(3)
  })
})
