import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { fullLogin, MAJASTRES } from '@qf/testing'
import { pdfText } from './attachments-reader.js'
import { startSubmissionWorld, waitForStatus, type SubmissionWorld } from './submission-world.js'

/**
 * Majastres' habilitation without `cnaf_enfants`: API Particulier leaves the children out. The journey
 * says so on review, the sending goes through, and the dossier keeps the data as received.
 */
let w: SubmissionWorld

beforeAll(async () => {
  w = await startSubmissionWorld({
    sandbox: {
      apiParticulier: {
        habilitations: { [MAJASTRES]: ['cnaf_quotient_familial', 'cnaf_allocataires', 'cnaf_adresse'] },
      },
    },
  })
})
afterAll(async () => {
  await w?.close()
})

describe('a masked answer (no children key) from login to the dossier in HubEE', () => {
  it('review says the children are withheld; the dossier has no enfants key and its PDF says why', async () => {
    const { browser } = await fullLogin(w.world, MAJASTRES, 'avec_nom_dusage')
    const review = await browser.fetch(`${w.world.apiUrl}/api/v1/sessions/current`)
    expect(review.status).toBe(200)
    const session = (await review.json()) as {
      quotientFamilial: { value: number; enfants: unknown[]; allocataires: unknown[]; withheld: string[] }
    }
    expect(session.quotientFamilial).toMatchObject({ value: 2550, enfants: [], withheld: ['enfants'] })
    expect(session.quotientFamilial.allocataires).toHaveLength(1)

    const sent = await browser.fetch(`${w.world.apiUrl}/api/v1/sessions/current/submission`, {
      method: 'POST',
      json: { consent: true },
    })
    expect(sent.status).toBe(202)
    const { reference } = (await sent.json()) as { reference: string }
    await waitForStatus(w.db, reference, ['delivered'])
    const kase = await vi.waitFor(
      async () => {
        for (const n of await w.si.notifications()) {
          if (n.eventId !== null || !n.caseId) continue
          const read = await w.si.readCase(n.caseId)
          if (read.externalId === `Formulaire-QF-${reference}-01`) return { caseId: n.caseId, ...read }
        }
        throw new Error('no case yet')
      },
      { timeout: 15_000, interval: 300 },
    )
    const [json, , pdf] = await Promise.all(kase.attachments.map((a) => w.si.download(kase.caseId, a.id)))
    const document = JSON.parse(json!.bytes.toString('utf8')) as {
      quotient_familial_v3: Record<string, unknown>
      quotient_familial: { enfants: unknown[] }
    }
    expect(document.quotient_familial_v3).not.toHaveProperty('enfants')
    expect(document.quotient_familial_v3).toHaveProperty('allocataires')
    expect(document.quotient_familial.enfants).toEqual([])
    const { text } = await pdfText(pdf!.bytes)
    expect(text).toContain(
      'Enfants non transmis : l’habilitation de la collectivité ne couvre pas cette information.',
    )
  })
})
