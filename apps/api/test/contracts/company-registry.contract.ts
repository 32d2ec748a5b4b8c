import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CompanyRegistry, Establishment } from '../../src/ports/company-registry.js'

export interface CompanyRegistrySetup {
  registry: CompanyRegistry
  /** The register answers 5xx (or drops connections) until `restore()`. */
  outage(): void
  restore(): void
  teardown(): Promise<void>
}

/**
 * The establishments every CompanyRegistry of the tests knows: the sandbox's INSEE data
 * (a seeded collectivity, INSEE-only communes in Corsica and overseas, a closed one).
 */
export const contractEstablishments: readonly Establishment[] = [
  {
    siret: '21040107100019',
    name: 'COMMUNE DE MAJASTRES',
    cog: '04107',
    communeName: 'MAJASTRES',
    postalCode: '04270',
    active: true,
  },
  {
    siret: '21200033900011',
    name: 'COMMUNE DE BASTIA',
    cog: '2B033',
    communeName: 'BASTIA',
    postalCode: '20200',
    active: true,
  },
  {
    siret: '21976110700016',
    name: 'COMMUNE DE MAMOUDZOU',
    cog: '97611',
    communeName: 'MAMOUDZOU',
    postalCode: '97600',
    active: true,
  },
  {
    siret: '21740011800014',
    name: "COMMUNE D'ANNECY LE VIEUX",
    cog: '74011',
    communeName: 'ANNECY LE VIEUX',
    postalCode: '74940',
    active: false,
  },
]

/** A well-formed SIRET (Luhn-valid) that no register of the tests knows. */
export const unknownSiret = '73282932000074'

/** What every CompanyRegistry must do. */
export function describeCompanyRegistryContract(
  name: string,
  setup: () => Promise<CompanyRegistrySetup>,
): void {
  describe(`CompanyRegistry contract: ${name}`, () => {
    let world: CompanyRegistrySetup

    beforeAll(async () => {
      world = await setup()
    })
    afterEach(() => world.restore())
    afterAll(() => world?.teardown())

    it.each(contractEstablishments.map((e) => [e.siret, e] as const))(
      'finds %s with its name, COG, postal code and state',
      async (siret, expected) => {
        expect(await world.registry.findEstablishment(siret)).toEqual({ ok: true, establishment: expected })
      },
    )

    it('answers not_found for a SIRET the register does not know', async () => {
      expect(await world.registry.findEstablishment(unknownSiret)).toMatchObject({
        ok: false,
        failure: 'not_found',
      })
    })

    it.each(['2104010710001', '2104010710001A', ''])('answers invalid_siret for %j', async (siret) => {
      expect(await world.registry.findEstablishment(siret)).toMatchObject({
        ok: false,
        failure: 'invalid_siret',
      })
    })

    it('answers unavailable while the register is down, and recovers', async () => {
      world.outage()
      expect(await world.registry.findEstablishment('21040107100019')).toMatchObject({
        ok: false,
        failure: 'unavailable',
      })
      world.restore()
      expect(await world.registry.findEstablishment('21040107100019')).toMatchObject({ ok: true })
    })
  })
}
