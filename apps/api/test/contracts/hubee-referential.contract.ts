import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type {
  FormulaireQfSubscriptionRequest,
  HubeeOrganizationInput,
  HubeeReferential,
  HubeeReferentialResult,
} from '../../src/ports/hubee-referential.js'

export interface HubeeReferentialSetup {
  /**
   * Knows the sandbox's seeded organizations, among them Majastres (`SI-21040107100019-04107`, an
   * `Actif` FormulaireQF subscription in API mode without editor) and Ambérieu-en-Bugey
   * (`SI-21010004600015-01004`, `Inactif`).
   */
  referential: HubeeReferential
  /** HubEE answers 5xx until `restore()`. */
  outage(): void
  restore(): void
  teardown(): Promise<void>
}

export const editor = {
  siret: '73282932000074',
  name: 'Logiciels Communes SAS',
  email: 'support@editeur.example',
}

export function organizationOf(c: {
  siret: string
  cog: string
  name: string
  postalCode: string
}): HubeeOrganizationInput {
  return {
    siret: c.siret,
    cog: c.cog,
    name: c.name,
    postalCode: c.postalCode,
    territory: c.name.replace(/^COMMUNE DE /, ''),
    email: `mairie-${c.cog.toLowerCase()}@example.org`,
  }
}

export function subscriptionOf(
  c: { siret: string; cog: string },
  withEditor: typeof editor | null,
): FormulaireQfSubscriptionRequest {
  return {
    siret: c.siret,
    cog: c.cog,
    datapassId: 4242,
    localAdministrator: {
      email: `dgs-${c.cog.toLowerCase()}@example.org`,
      firstName: 'Camille',
      lastName: 'Martin',
    },
    editor: withEditor,
  }
}

const bastia = { siret: '21200033900011', cog: '2B033', name: 'COMMUNE DE BASTIA', postalCode: '20200' }
const marseille = { siret: '21130055300016', cog: '13055', name: 'COMMUNE DE MARSEILLE', postalCode: '13001' }
const lyon = { siret: '21690123100011', cog: '69123', name: 'COMMUNE DE LYON', postalCode: '69001' }
const nantes = { siret: '21440109300015', cog: '44109', name: 'COMMUNE DE NANTES', postalCode: '44000' }
const majastres = { siret: '21040107100019', cog: '04107', name: 'COMMUNE DE MAJASTRES', postalCode: '04270' }
const amberieu = {
  siret: '21010004600015',
  cog: '01004',
  name: "COMMUNE D'AMBERIEU EN BUGEY",
  postalCode: '01500',
}

function value<T>(result: HubeeReferentialResult<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${result.failure}: ${result.message ?? '-'}`)
  return result.value
}

/** What every HubeeReferential must do. */
export function describeHubeeReferentialContract(
  name: string,
  setup: () => Promise<HubeeReferentialSetup>,
): void {
  describe(`HubeeReferential contract: ${name}`, () => {
    let world: HubeeReferentialSetup
    beforeAll(async () => {
      world = await setup()
    })
    afterEach(() => world.restore())
    afterAll(() => world?.teardown())

    it('creates SI-<SIRET>-<COG> for a new collectivity, then finds it (idempotent)', async () => {
      const first = value(await world.referential.ensureOrganization(organizationOf(bastia)))
      expect(first).toMatchObject({
        id: 'SI-21200033900011-2B033',
        siret: bastia.siret,
        cog: '2B033',
        created: true,
      })
      const again = value(await world.referential.ensureOrganization(organizationOf(bastia)))
      expect(again).toMatchObject({ id: 'SI-21200033900011-2B033', created: false })
    })

    it('finds an organization that already exists', async () => {
      expect(value(await world.referential.ensureOrganization(organizationOf(majastres)))).toMatchObject({
        id: 'SI-21040107100019-04107',
        created: false,
      })
    })

    it('creates an API subscription (Inactif: HubEE activates it by hand) with an EDT delegation actor when an editor serves the collectivity', async () => {
      value(await world.referential.ensureOrganization(organizationOf(lyon)))
      expect(value(await world.referential.findFormulaireQfSubscription(lyon.siret, lyon.cog))).toBeNull()
      const created = value(
        await world.referential.ensureFormulaireQfSubscription(subscriptionOf(lyon, editor)),
      )
      expect(created).toMatchObject({
        siret: lyon.siret,
        cog: lyon.cog,
        status: 'Inactif',
        accessMode: 'API',
        editorSiret: editor.siret,
        changed: true,
      })
      const replay = value(
        await world.referential.ensureFormulaireQfSubscription(subscriptionOf(lyon, editor)),
      )
      expect(replay).toMatchObject({ id: created.id, status: 'Inactif', changed: false })
      expect(value(await world.referential.findFormulaireQfSubscription(lyon.siret, lyon.cog))).toMatchObject(
        {
          id: created.id,
          status: 'Inactif',
          accessMode: 'API',
          editorSiret: editor.siret,
        },
      )
    })

    it('creates a PORTAIL subscription when no editor is the service provider', async () => {
      value(await world.referential.ensureOrganization(organizationOf(marseille)))
      const created = value(
        await world.referential.ensureFormulaireQfSubscription(subscriptionOf(marseille, null)),
      )
      expect(created).toMatchObject({
        status: 'Inactif',
        accessMode: 'PORTAIL',
        editorSiret: null,
        changed: true,
      })
    })

    it('updates an existing inactive subscription in place, leaving its activation to HubEE', async () => {
      const before = value(await world.referential.findFormulaireQfSubscription(amberieu.siret, amberieu.cog))
      expect(before).toMatchObject({ status: 'Inactif' })
      const updated = value(
        await world.referential.ensureFormulaireQfSubscription(subscriptionOf(amberieu, editor)),
      )
      expect(updated).toMatchObject({ id: before?.id, status: 'Inactif', accessMode: 'API', changed: true })
    })

    it('moves an active subscription to the new editor, keeping its id', async () => {
      value(await world.referential.ensureOrganization(organizationOf(nantes)))
      const portal = value(
        await world.referential.ensureFormulaireQfSubscription(subscriptionOf(nantes, null)),
      )
      const delegated = value(
        await world.referential.ensureFormulaireQfSubscription(subscriptionOf(nantes, editor)),
      )
      expect(delegated).toMatchObject({
        id: portal.id,
        accessMode: 'API',
        editorSiret: editor.siret,
        changed: true,
      })
    })

    it('refuses a subscription for an organization HubEE does not know (invalid)', async () => {
      const result = await world.referential.ensureFormulaireQfSubscription(
        subscriptionOf({ siret: '21330063500017', cog: '33063' }, null),
      )
      expect(result).toMatchObject({ ok: false, failure: 'invalid' })
    })

    it('answers unavailable during an outage, and works again after', async () => {
      world.outage()
      expect(await world.referential.ensureOrganization(organizationOf(majastres))).toMatchObject({
        ok: false,
        failure: 'unavailable',
      })
      expect(
        await world.referential.findFormulaireQfSubscription(majastres.siret, majastres.cog),
      ).toMatchObject({
        ok: false,
        failure: 'unavailable',
      })
      world.restore()
      expect(
        value(await world.referential.findFormulaireQfSubscription(majastres.siret, majastres.cog)),
      ).toMatchObject({ status: 'Actif' })
    })
  })
}
