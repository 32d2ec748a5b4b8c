import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FormulaireQfPivotIdentity } from '@qf/contracts'
import { demoEditorApiParticulier, type Sandbox, startSandbox } from '@qf/sandbox'
import { civilityQuery, QfRefresher, type RefreshResult } from '../src/refresh/refresh.js'
import { majastres, saintDenis } from './helpers/world.js'

/** Identities of the sandbox's civility fixtures (staging cases of API Particulier). */
const lefebvre: FormulaireQfPivotIdentity = {
  family_name: 'LEFEBVRE',
  given_name: 'ALEXIS GÉRÔME JEAN-PHILIPPE',
  gender: 'female',
  birthdate: '1982-12-27',
  birthplace: '08480',
  birthcountry: '99100',
}
const caseOf = (family_name: string, given_name: string): FormulaireQfPivotIdentity => ({
  family_name,
  given_name,
  gender: 'male',
  birthdate: '2002-12-05',
  birthplace: '08480',
  birthcountry: '99100',
})
const tooMany = caseOf('DESFOUIN', 'René')
const badGateway = caseOf('DELANOUE', 'Jean-Marie')
const timeout = caseOf('SITUDI', 'Clément')
const unknown = { ...lefebvre, family_name: 'PERSONNE-INCONNUE' }

const token = (s: { siret: string }) => `sandbox-api-particulier-${s.siret}`

let sandbox: Sandbox
let refresher: QfRefresher
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  refresher = new QfRefresher({ baseUrl: `${sandbox.url}/api-particulier`, timeoutMs: 5000, retries: 2 })
})
afterAll(async () => {
  await refresher.close()
  await sandbox.close()
})

const noIdentityIn = (result: RefreshResult, identity: FormulaireQfPivotIdentity) => {
  const text = JSON.stringify(result)
  expect(text).not.toContain(identity.family_name)
  expect(text).not.toContain(identity.birthdate)
}

describe('refresh from a stored identity (API Particulier stand-in, civility route)', () => {
  it('never hands back a QF of an older period than the one held: older_period, with the answer for information', async () => {
    const older = await refresher.refresh({
      token: token(majastres),
      siret: majastres.siret,
      identity: lefebvre,
      current: { annee: 2024, mois: 2 },
    })
    expect(older).toMatchObject({
      ok: false,
      failure: 'older_period',
      detail: 'QF conservé : API Particulier répond pour 06/2023, plus ancien que le QF actuel (02/2024)',
      answered: { quotient_familial: { annee: 2023, mois: 6 } },
    })
    const same = await refresher.refresh({
      token: token(majastres),
      siret: majastres.siret,
      identity: lefebvre,
      current: { annee: 2023, mois: 6 },
    })
    expect(same).toMatchObject({ ok: true, data: { quotient_familial: { annee: 2023, mois: 6 } } })
  })

  it('builds the civility query from the identity pivot', () => {
    const q = civilityQuery({
      token: 't',
      siret: majastres.siret,
      identity: { ...lefebvre, birthdate: '1982-12-00' },
    })
    expect(q.getAll('prenoms[]')).toEqual(['ALEXIS', 'GÉRÔME', 'JEAN-PHILIPPE'])
    expect(Object.fromEntries([...q].filter(([k]) => k !== 'prenoms[]'))).toEqual({
      recipient: majastres.siret,
      nomNaissance: 'LEFEBVRE',
      sexeEtatCivil: 'F',
      anneeDateNaissance: '1982',
      moisDateNaissance: '12',
      codeCogInseePaysNaissance: '99100',
      codeCogInseeCommuneNaissance: '08480',
    })
    const abroad = civilityQuery({
      token: 't',
      siret: majastres.siret,
      identity: { ...lefebvre, birthcountry: '99350' },
    })
    expect(abroad.has('codeCogInseeCommuneNaissance')).toBe(false)
  })

  it('200: the QF', async () => {
    const result = await refresher.refresh({
      token: token(majastres),
      siret: majastres.siret,
      identity: lefebvre,
    })
    expect(result).toMatchObject({ ok: true, attempts: 1 })
    if (!result.ok) throw new Error('expected ok')
    expect(result.data.quotient_familial).toMatchObject({
      fournisseur: 'CNAF',
      valeur: 2550,
      annee: 2023,
      mois: 6,
    })
  })

  it('404: not known to CAF or MSA', async () => {
    const result = await refresher.refresh({
      token: token(majastres),
      siret: majastres.siret,
      identity: unknown,
    })
    expect(result).toMatchObject({ ok: false, failure: 'not_found', status: 404, code: '35003', attempts: 1 })
    noIdentityIn(result, unknown)
  })

  it('422: bad parameters (born in France without a commune)', async () => {
    const identity = { ...lefebvre, birthplace: null }
    const result = await refresher.refresh({ token: token(majastres), siret: majastres.siret, identity })
    expect(result).toMatchObject({ ok: false, failure: 'invalid_request', status: 422 })
  })

  it('422 00356: a QF year other than N, N-1 or N-2 is refused with API Particulier’s message', async () => {
    const year = new Date().getUTCFullYear()
    const old = await refresher.refresh({
      token: token(majastres),
      siret: majastres.siret,
      identity: lefebvre,
      annee: year - 3,
      mois: 1,
    })
    expect(old).toMatchObject({
      ok: false,
      failure: 'invalid_request',
      status: 422,
      code: '00356',
      detail: "L'année demandée doit être l'année en cours (N), N-1 ou N-2.",
    })
    const recent = await refresher.refresh({
      token: token(majastres),
      siret: majastres.siret,
      identity: lefebvre,
      annee: year - 2,
      mois: 1,
    })
    expect(recent).toMatchObject({ ok: true })
  })

  it('429: honours Retry-After and retries, then reports the rate limit', async () => {
    const result = await refresher.refresh({
      token: token(majastres),
      siret: majastres.siret,
      identity: tooMany,
    })
    expect(result).toMatchObject({
      ok: false,
      failure: 'rate_limited',
      status: 429,
      code: '00429',
      attempts: 3,
      retryInSeconds: 1,
    })
  })

  it('429 from the real rate limit: the waiting requests are retried after Retry-After and succeed', async () => {
    // A limiter configured above API Particulier's limit, to make the sandbox answer 429 for real.
    const greedy = new QfRefresher({
      baseUrl: `${sandbox.url}/api-particulier`,
      requestsPerSecond: 1000,
      burst: 45,
      retries: 5,
    })
    try {
      const results = await Promise.all(
        Array.from({ length: 45 }, () =>
          greedy.refresh({ token: token(majastres), siret: majastres.siret, identity: lefebvre }),
        ),
      )
      expect(results.every((r) => r.ok)).toBe(true)
      expect(results.some((r) => r.attempts > 1)).toBe(true)
    } finally {
      await greedy.close()
    }
  })

  it('the default limiter (20 requests/s per token) takes a batch through', async () => {
    const polite = new QfRefresher({ baseUrl: `${sandbox.url}/api-particulier` })
    try {
      // Another collectivity's token: its own bucket and its own window at the stand-in.
      const results = await Promise.all(
        Array.from({ length: 25 }, () =>
          polite.refresh({
            token: token({ siret: '21730132400018' }),
            siret: '21730132400018',
            identity: lefebvre,
          }),
        ),
      )
      // Spacing itself is checked on a fake clock (token-bucket.unit.test.ts); here, all go through.
      expect(results.every((r) => r.ok)).toBe(true)
    } finally {
      await polite.close()
    }
  })

  it('502: provider error, not retried', async () => {
    const result = await refresher.refresh({
      token: token(majastres),
      siret: majastres.siret,
      identity: badGateway,
    })
    expect(result).toMatchObject({
      ok: false,
      failure: 'provider_error',
      status: 502,
      code: '37999',
      attempts: 1,
    })
  })

  it('504: provider timeout, retried, then reported as unavailable', async () => {
    const once = new QfRefresher({ baseUrl: `${sandbox.url}/api-particulier`, retries: 1 })
    try {
      const result = await once.refresh({
        token: token(majastres),
        siret: majastres.siret,
        identity: timeout,
      })
      expect(result).toMatchObject({
        ok: false,
        failure: 'provider_unavailable',
        status: 504,
        code: '37002',
        attempts: 2,
      })
    } finally {
      await once.close()
    }
  })

  it('expired token (00103): reported with the renewal procedure (DataPass)', async () => {
    const result = await refresher.refresh({
      token: token(saintDenis),
      siret: saintDenis.siret,
      identity: lefebvre,
    })
    expect(result).toMatchObject({ ok: false, failure: 'token_expired', status: 401, code: '00103' })
    if (result.ok) throw new Error('expected a failure')
    expect(result.procedure).toContain('DataPass')
    expect(result.procedure).toContain('18 mois')
    noIdentityIn(result, lefebvre)
  })

  it('unknown token (00101): reported as invalid', async () => {
    const result = await refresher.refresh({
      token: 'not-a-token',
      siret: majastres.siret,
      identity: lefebvre,
    })
    expect(result).toMatchObject({ ok: false, failure: 'token_invalid', code: '00101' })
  })

  it('API Particulier unreachable: reported without the URL (its query holds the identity)', async () => {
    const dead = new QfRefresher({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 })
    try {
      const result = await dead.refresh({
        token: token(majastres),
        siret: majastres.siret,
        identity: lefebvre,
      })
      expect(result).toMatchObject({ ok: false, failure: 'unreachable', status: null })
      noIdentityIn(result, lefebvre)
    } finally {
      await dead.close()
    }
  })
})

describe('refresh with the editor’s one token and the collectivity’s delegation', () => {
  const editorToken = demoEditorApiParticulier.token
  const delegationOf = (siret: string) =>
    demoEditorApiParticulier.delegations.find((d) => d.recipient === siret)?.id ?? ''
  const hauteluce = '21730132400018'

  it('sends delegation_id and gets the QF', async () => {
    const q = civilityQuery({
      token: editorToken,
      siret: majastres.siret,
      identity: lefebvre,
      delegationId: delegationOf(majastres.siret),
    })
    expect(q.get('delegation_id')).toBe(delegationOf(majastres.siret))
    const result = await refresher.refresh({
      token: editorToken,
      siret: majastres.siret,
      identity: lefebvre,
      delegationId: delegationOf(majastres.siret),
    })
    expect(result).toMatchObject({ ok: true, data: { quotient_familial: { valeur: 2550 } } })
  })

  it('00212: no delegation named while the token has several — refused with what to configure', async () => {
    const result = await refresher.refresh({ token: editorToken, siret: majastres.siret, identity: lefebvre })
    expect(result).toMatchObject({ ok: false, failure: 'delegation_ambiguous', status: 422, code: '00212' })
    if (result.ok) throw new Error('expected a failure')
    expect(result.procedure).toContain('apiParticulierDelegationId')
    expect(result.procedure).toContain('qf-editeur delegations')
    noIdentityIn(result, lefebvre)
  })

  it('00213: another collectivity’s delegation — refused as not delegated', async () => {
    const result = await refresher.refresh({
      token: editorToken,
      siret: majastres.siret,
      identity: lefebvre,
      delegationId: delegationOf(hauteluce),
    })
    expect(result).toMatchObject({ ok: false, failure: 'not_delegated', status: 403, code: '00213' })
    if (result.ok) throw new Error('expected a failure')
    expect(result.procedure).toContain('DataPass')
  })

  it('lists the editor’s delegations', async () => {
    const list = await refresher.delegations(editorToken)
    expect(list).toEqual({
      ok: true,
      delegations: demoEditorApiParticulier.delegations.map((d) => ({
        id: d.id,
        siret: d.recipient,
        nom: d.name,
      })),
    })
    expect(await refresher.delegations(`sandbox-api-particulier-${majastres.siret}`)).toMatchObject({
      ok: false,
      status: 403,
    })
  })
})

describe('refresh when the habilitation masks the children', () => {
  it('gives the QF without the enfants key, and no error', async () => {
    const masked = await startSandbox({
      port: 0,
      apiParticulier: {
        habilitations: { [majastres.siret]: ['cnaf_quotient_familial', 'cnaf_allocataires'] },
      },
    })
    const own = new QfRefresher({ baseUrl: `${masked.url}/api-particulier`, timeoutMs: 5000 })
    try {
      const result = await own.refresh({
        token: token(majastres),
        siret: majastres.siret,
        identity: lefebvre,
      })
      expect(result).toMatchObject({ ok: true, data: { quotient_familial: { valeur: 2550 } } })
      if (!result.ok) throw new Error('expected ok')
      expect(result.data).not.toHaveProperty('enfants')
      expect(result.data.allocataires).toHaveLength(1)
    } finally {
      await own.close()
      await masked.close()
    }
  })
})
