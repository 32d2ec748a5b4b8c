import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createInseeStandIn, inseeSandboxApiKey } from '../src/insee/index.js'
import { inseeOnlyEstablishments, seedCollectivities } from '../src/seed.js'
import { type ServedStandIn, serveStandIn } from './helpers/serve-stand-in.js'
import type { StandIn } from '../src/core/stand-in.js'

let served: ServedStandIn<StandIn>
beforeAll(async () => {
  served = await serveStandIn((ctx) => createInseeStandIn(ctx))
})
afterAll(() => served.close())

const sirene = (
  siret: string,
  headers: Record<string, string> = { 'X-INSEE-Api-Key-Integration': inseeSandboxApiKey },
) => fetch(`${served.url}/insee/api-sirene/3.11/siret/${siret}`, { headers })

describe('INSEE Sirene 3.11 stand-in', () => {
  it('answers every seeded collectivity in the Sirene shape', async () => {
    for (const c of seedCollectivities) {
      const response = await sirene(c.siret)
      expect(response.status).toBe(200)
      const body = (await response.json()) as {
        header: { statut: number; message: string }
        etablissement: {
          siren: string
          nic: string
          siret: string
          uniteLegale: { denominationUniteLegale: string; categorieJuridiqueUniteLegale: string }
          adresseEtablissement: {
            codePostalEtablissement: string
            libelleCommuneEtablissement: string
            codeCommuneEtablissement: string
          }
        }
      }
      expect(body.header).toEqual({ statut: 200, message: 'ok' })
      expect(body.etablissement.siren + body.etablissement.nic).toBe(c.siret)
      expect(body.etablissement.siret).toBe(c.siret)
      expect(body.etablissement.uniteLegale.denominationUniteLegale).toMatch(/^(COMMUNE D|VILLE DE )/)
      expect(body.etablissement.uniteLegale.categorieJuridiqueUniteLegale).toBe('7210')
      expect(body.etablissement.adresseEtablissement).toMatchObject({
        codePostalEtablissement: c.postalCodes[0],
        codeCommuneEtablissement: c.cog,
      })
    }
  })

  it('writes the denomination and the commune the INSEE way', async () => {
    const body = (await (await sirene('21040107100019')).json()) as {
      etablissement: {
        uniteLegale: { denominationUniteLegale: string }
        adresseEtablissement: { libelleCommuneEtablissement: string }
      }
    }
    expect(body.etablissement.uniteLegale.denominationUniteLegale).toBe('COMMUNE DE MAJASTRES')
    expect(body.etablissement.adresseEtablissement.libelleCommuneEtablissement).toBe('MAJASTRES')
    const amberieu = (await (await sirene('21010004600015')).json()) as {
      etablissement: { uniteLegale: { denominationUniteLegale: string } }
    }
    expect(amberieu.etablissement.uniteLegale.denominationUniteLegale).toBe("COMMUNE D'AMBERIEU EN BUGEY")
  })

  it('knows communes that have not joined the service yet (INSEE only), one of them closed', async () => {
    expect(inseeOnlyEstablishments.length).toBeGreaterThanOrEqual(5)
    for (const c of inseeOnlyEstablishments) {
      expect(seedCollectivities.some((s) => s.siret === c.siret)).toBe(false)
      const response = await sirene(c.siret)
      expect(response.status).toBe(200)
      const body = (await response.json()) as {
        etablissement: {
          siret: string
          adresseEtablissement: { codeCommuneEtablissement: string; codePostalEtablissement: string }
          periodesEtablissement: { dateFin: string | null; etatAdministratifEtablissement: string }[]
        }
      }
      expect(body.etablissement.siret).toBe(c.siret)
      expect(body.etablissement.adresseEtablissement).toMatchObject({
        codeCommuneEtablissement: c.cog,
        codePostalEtablissement: c.postalCodes[0],
      })
      const current = body.etablissement.periodesEtablissement[0]
      expect(current).toMatchObject({ dateFin: null, etatAdministratifEtablissement: c.closed ? 'F' : 'A' })
    }
    expect(inseeOnlyEstablishments.filter((c) => c.closed)).toHaveLength(1)
  })

  it('answers 404 with the Sirene header for an unknown SIRET, 400 for a malformed one', async () => {
    const unknown = await sirene('21990000000017')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({
      header: { statut: 404, message: 'Aucun élément trouvé pour le siret 21990000000017' },
    })
    const malformed = await sirene('2104010710')
    expect(malformed.status).toBe(400)
    expect(((await malformed.json()) as { header: { statut: number } }).header.statut).toBe(400)
  })

  it('wants the API key: 401 without it or with a wrong one; a bearer token with the key works too', async () => {
    expect((await sirene('21040107100019', {})).status).toBe(401)
    expect((await sirene('21040107100019', { 'X-INSEE-Api-Key-Integration': 'wrong' })).status).toBe(401)
    expect((await sirene('21040107100019', { authorization: `Bearer ${inseeSandboxApiKey}` })).status).toBe(
      200,
    )
  })

  it('knows no collectivity when started without the seed', async () => {
    const empty = await serveStandIn((ctx) => createInseeStandIn(ctx), false)
    try {
      const response = await fetch(`${empty.url}/insee/api-sirene/3.11/siret/21040107100019`, {
        headers: { 'X-INSEE-Api-Key-Integration': inseeSandboxApiKey },
      })
      expect(response.status).toBe(404)
    } finally {
      await empty.close()
    }
  })
})
