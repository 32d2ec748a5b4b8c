import { describe, expect, it } from 'vitest'
import { normalizeDossier, type ReceivedDossier } from '../src/pull/dossier.js'
import { exampleDocument, majastres } from './helpers/world.js'

function received(document = exampleDocument()): ReceivedDossier {
  return {
    reference: '7KQ4MXD9HTCW3',
    caseId: 'case-1',
    caseExternalId: 'Formulaire-QF-7KQ4MXD9HTCW3-01',
    collectivity: majastres,
    document,
    files: [],
    receivedAt: '2026-12-01T09:00:00.000Z',
  }
}

describe('dossier.json (normalizeDossier)', () => {
  it('lists nothing as withheld when API Particulier sent both family lists', () => {
    const dossier = normalizeDossier(received())
    expect(dossier.non_transmis).toEqual([])
    expect(dossier.enfants).toHaveLength(1)
  })

  it('says which family list API Particulier masked (no key), instead of an empty "none"', () => {
    const document = exampleDocument()
    const { enfants: _masked, ...v3 } = document.quotient_familial_v3
    const dossier = normalizeDossier(received({ ...document, quotient_familial_v3: v3 }))
    expect(dossier.non_transmis).toEqual(['enfants'])
    expect(dossier.enfants).toEqual([])
    expect(dossier.allocataires).toHaveLength(1)
    expect(dossier.quotient_familial.valeur).toBe(2550)
  })
})
