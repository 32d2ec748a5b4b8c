import { describe, expect, it } from 'vitest'
import type { FormulaireQfDocument } from '@qf/contracts'
import { compact, normalizeName, parseBirthDate } from '../src/reconcile/normalize.js'
import { type EditorUser, reconcile } from '../src/reconcile/reconcile.js'
import { parseUsers } from '../src/reconcile/users.js'
import { exampleDocument } from './helpers/world.js'

/** A dossier of Justine Élise LEROUGE (usage name MARTIN), born 1979-05-19 in Châlons (51108). */
function martinDossier(
  overrides: Partial<FormulaireQfDocument['pivot_identity']> = {},
  externalId: string | null = null,
) {
  const doc = exampleDocument(externalId)
  doc.pivot_identity = {
    family_name: 'LEROUGE',
    given_name: 'Justine Élise',
    gender: 'female',
    birthdate: '1979-05-19',
    birthplace: '51108',
    birthcountry: '99100',
    ...overrides,
  }
  doc.quotient_familial_v3.allocataires = [
    {
      nom_naissance: 'MARTIN',
      nom_usage: null,
      prenoms: 'PIERRE ALEXIS FRANÇOIS',
      date_naissance: '1978-06-27',
      sexe: 'M',
    },
    {
      nom_naissance: 'LEROUGE',
      nom_usage: 'MARTIN',
      prenoms: 'JUSTINE ÉLISE',
      date_naissance: '1979-05-19',
      sexe: 'F',
    },
  ]
  return doc
}

const users: EditorUser[] = [
  {
    id: 'u-dubois',
    nom_naissance: 'Dubois',
    prenoms: 'Angela',
    date_naissance: '1962-08-24',
    sexe: 'F',
    commune_naissance: '75107',
  },
  {
    id: 'u-martin-justine',
    nom_usage: 'Martin',
    prenoms: 'Justine',
    date_naissance: '19/05/1979',
    sexe: 'F',
  },
  {
    id: 'u-martin-pierre',
    nom_naissance: 'MARTIN',
    prenoms: 'Pierre',
    date_naissance: '1978-06-27',
    sexe: 'M',
  },
  {
    id: 'u-lefebvre',
    nom_naissance: 'lefèbvre',
    prenoms: 'alexis gérôme jean philippe',
    date_naissance: '1982-12-27',
    sexe: 'F',
  },
]

describe('normalisation', () => {
  it('folds accents, case, hyphens, apostrophes and spaces', () => {
    expect(normalizeName('  Jean-Philippe  d’Ornano ')).toBe('JEAN PHILIPPE D ORNANO')
    expect(normalizeName('ÉLODIE Œuvray')).toBe('ELODIE OEUVRAY')
    expect(compact("D'ALMEIDA")).toBe(compact('Dalmeida'))
    expect(compact('N’Diaye')).toBe(compact('NDIAYE'))
  })
  it('reads partial birth dates', () => {
    expect(parseBirthDate('2016-00-00')).toEqual({ year: 2016, month: null, day: null })
    expect(parseBirthDate('05/00/1980')).toEqual({ year: 1980, month: null, day: 5 })
    expect(parseBirthDate('garbage')).toEqual({ year: null, month: null, day: null })
  })
})

describe('reconcile', () => {
  it('matches by external_id first when the identity agrees with that user', async () => {
    const result = await reconcile(exampleDocument('u-dubois'), users)
    expect(result).toMatchObject({ status: 'matched', userId: 'u-dubois', by: 'external_id', score: 100 })
    expect(result.reason).toBe('external_id du lien')
  })

  it('an external_id whose user has another identity is identity_mismatch, never matched', async () => {
    // DUBOIS Angela's dossier, with the external_id of LEFEBVRE Alexis (a link meant for someone else).
    const result = await reconcile(exampleDocument('u-lefebvre'), users)
    expect(result).toMatchObject({ status: 'identity_mismatch', userId: 'u-lefebvre', by: 'external_id' })
    expect(result.status).not.toBe('matched')
    expect(result.reason).toContain('l’identité du dossier ne correspond pas à l’usager u-lefebvre')
    // The account named by the link first (its own score, below the candidates' threshold), then the
    // users the identity does look like, for the agent who checks by hand.
    const [account, ...others] = result.candidates
    expect(account).toMatchObject({ userId: 'u-lefebvre', score: 0 })
    expect(account?.reasons).toEqual(['external_id', 'nom différent'])
    expect(others.map((c) => c.userId)).toEqual(['u-dubois'])
  })

  it('MERCIER Pierre’s dossier carrying the external_id of DUBOIS Angela’s account: identity_mismatch', async () => {
    const doc = exampleDocument('CP-1001')
    doc.pivot_identity = {
      family_name: 'MERCIER',
      given_name: 'Pierre',
      gender: 'male',
      birthdate: '1969-03-17',
      birthplace: '95277',
      birthcountry: '99100',
    }
    doc.quotient_familial_v3.allocataires = [
      {
        nom_naissance: 'MERCIER',
        nom_usage: 'DUBOIS',
        prenoms: 'PIERRE',
        date_naissance: '1969-03-17',
        sexe: 'M',
      },
    ]
    const result = await reconcile(doc, [{ ...(users[0] as EditorUser), id: 'CP-1001' }])
    expect(result).toMatchObject({ status: 'identity_mismatch', userId: 'CP-1001' })
  })

  it('an external_id of the other allocataire of the household is the same family: matched', async () => {
    const result = await reconcile(martinDossier({}, 'u-martin-pierre'), users)
    expect(result).toMatchObject({ status: 'matched', userId: 'u-martin-pierre', by: 'external_id' })
  })

  it('an unknown external_id falls back to the identity, and says so', async () => {
    const result = await reconcile(exampleDocument('not-a-user'), users)
    expect(result).toMatchObject({ status: 'matched', userId: 'u-dubois', by: 'identity' })
    expect(result.reason).toContain('inconnu')
  })

  it('matches an exact identity with score 100 and the reasons', async () => {
    const result = await reconcile(exampleDocument(null), users)
    expect(result).toMatchObject({ status: 'matched', userId: 'u-dubois', by: 'identity', score: 100 })
    expect(result.reason).toContain('nom de naissance identique')
    expect(result.reason).toContain('commune de naissance identique')
  })

  it('matches a user known by the usage name only (birth name in the pivot, usage name from the CAF)', async () => {
    const result = await reconcile(martinDossier(), users)
    expect(result).toMatchObject({ status: 'matched', userId: 'u-martin-justine' })
    expect(result.reason).toContain('nom d’usage')
  })

  it('ignores accents, case and hyphens, several first names', async () => {
    const doc = exampleDocument(null)
    doc.pivot_identity = {
      family_name: 'LEFEBVRE',
      given_name: 'ALEXIS GÉRÔME JEAN-PHILIPPE',
      gender: 'female',
      birthdate: '1982-12-27',
      birthplace: '08480',
      birthcountry: '99100',
    }
    doc.quotient_familial_v3.allocataires = []
    const result = await reconcile(doc, users)
    expect(result).toMatchObject({ status: 'matched', userId: 'u-lefebvre' })
    expect(result.reason).toContain('prénoms identiques')
  })

  it('accepts a partial birth date that agrees on what it knows, refuses one that does not', async () => {
    const partial = await reconcile(exampleDocument(null), [
      { ...users[0], id: 'u-partial', date_naissance: '1962-00-00' } as EditorUser,
    ])
    expect(partial).toMatchObject({ status: 'matched', userId: 'u-partial' })
    expect(partial.reason).toContain('date de naissance partielle compatible')
    const wrong = await reconcile(exampleDocument(null), [
      { ...users[0], id: 'u-wrong', date_naissance: '1962-09-00' } as EditorUser,
    ])
    expect(wrong).toMatchObject({ status: 'unmatched' })
  })

  it('two near-identical candidates are reported as ambiguous, never merged', async () => {
    const twins: EditorUser[] = [
      { id: 'u-a', nom_naissance: 'DUBOIS', prenoms: 'Angela', date_naissance: '1962-08-24', sexe: 'F' },
      {
        id: 'u-b',
        nom_naissance: 'Dubois',
        prenoms: 'Angela Claire',
        date_naissance: '1962-08-24',
        sexe: 'F',
      },
    ]
    const result = await reconcile(exampleDocument(null), twins)
    expect(result.status).toBe('ambiguous')
    expect(result.candidates.map((c) => c.userId).sort()).toEqual(['u-a', 'u-b'])
    expect('userId' in result).toBe(false)
  })

  it('the other allocataire of the household scores lower than the requester', async () => {
    const result = await reconcile(martinDossier(), users)
    const pierre = result.candidates.find((c) => c.userId === 'u-martin-pierre')
    const justine = result.candidates.find((c) => c.userId === 'u-martin-justine')
    expect(pierre && justine && pierre.score < justine.score).toBe(true)
    expect(pierre?.reasons).toContain('correspond à un autre allocataire du foyer, pas au demandeur')
  })

  it('no close user: unmatched', async () => {
    const result = await reconcile(exampleDocument(null), [users[2] as EditorUser])
    expect(result).toMatchObject({ status: 'unmatched', candidates: [] })
  })

  it('takes the users from a function (e.g. a database query)', async () => {
    const seen: unknown[] = []
    const result = await reconcile(exampleDocument(null), async (query) => {
      seen.push(query)
      return users.filter((u) => compact(u.nom_naissance) === 'DUBOIS')
    })
    expect(result).toMatchObject({ status: 'matched', userId: 'u-dubois' })
    expect(seen).toEqual([{ externalId: null, birthNames: ['DUBOIS'] }])
  })
})

describe('users from CSV or JSON', () => {
  it('reads a CSV with quotes and a ; separator', () => {
    const csv =
      'id;nom_naissance;nom_usage;prenoms;date_naissance;sexe\r\n42;"D\'ALMEIDA";;"Marie; Anne";1990-01-02;F\r\n'
    expect(parseUsers(csv, 'csv')).toEqual([
      expect.objectContaining({
        id: '42',
        nom_naissance: "D'ALMEIDA",
        prenoms: 'Marie; Anne',
        date_naissance: '1990-01-02',
        sexe: 'F',
      }),
    ])
  })
  it('reads a JSON array and refuses a user without id', () => {
    expect(parseUsers('[{"id":7,"prenoms":["Jean","Paul"]}]', 'json')).toEqual([
      expect.objectContaining({ id: '7', prenoms: ['Jean', 'Paul'] }),
    ])
    expect(() => parseUsers('[{"nom_naissance":"X"}]', 'json')).toThrow(/id/)
  })
})
