import { randomUUID } from 'node:crypto'
import { communeDenomination, communeLabel } from '../insee/establishments.js'
import { seedCollectivities } from '../seed.js'
import { type OrganizationIdentifier, organizationId } from './identity.js'

/** The processes (démarches) known to the hub. */
export const knownProcessCodes: ReadonlySet<string> = new Set(['FormulaireQF', 'CERTDC', 'DECES'])
export const formulaireQfProcess = 'FormulaireQF'

export interface Organization extends OrganizationIdentifier {
  name: string
  code: string | null
  country: string
  postalCode: string
  territory: string
  email: string
  phoneNumber: string | null
  status: string
}

export interface Subscription {
  id: string
  datapassId: number
  processCode: string
  subscriber: OrganizationIdentifier
  accessMode: 'PORTAIL' | 'API' | null
  notificationFrequency: string
  activateDateTime: string | null
  validateDateTime: string | null
  rejectDateTime: string | null
  endDateTime: string | null
  updateDateTime: string | null
  creationDateTime: string
  delegationActor: Record<string, unknown> | null
  rejectionReason: string | null
  status: string | null
  email: string | null
  localAdministrator: Record<string, unknown>
}

/** Organizations and their process subscriptions. */
export class ReferentialStore {
  readonly organizations = new Map<string, Organization>()
  readonly subscriptions = new Map<string, Subscription>()

  constructor(private readonly now: () => number) {}

  isoNow(): string {
    return new Date(this.now()).toISOString()
  }

  findOrganization(id: string): Organization | undefined {
    return this.organizations.get(id)
  }

  addOrganization(o: Organization): Organization {
    this.organizations.set(organizationId(o), o)
    return o
  }

  addSubscription(s: Omit<Subscription, 'id' | 'creationDateTime'>): Subscription {
    const sub: Subscription = { ...s, id: randomUUID(), creationDateTime: this.isoNow() }
    this.subscriptions.set(sub.id, sub)
    return sub
  }

  findSubscription(processCode: string, subscriber: OrganizationIdentifier): Subscription | undefined {
    const key = organizationId(subscriber)
    return [...this.subscriptions.values()].find(
      (s) => s.processCode === processCode && organizationId(s.subscriber) === key,
    )
  }

  hasActiveSubscription(subscriber: OrganizationIdentifier, processCode?: string): boolean {
    const key = organizationId(subscriber)
    return [...this.subscriptions.values()].some(
      (s) =>
        s.status === 'Actif' &&
        organizationId(s.subscriber) === key &&
        (processCode === undefined || s.processCode === processCode),
    )
  }

  /**
   * HubEE's staff activate (`Actif`, its activation date set) or deactivate (`Inactif`) the
   * organization's `processCode` subscription (by SIRET). Returns it, or `undefined` when there is none.
   */
  setSubscriptionStatus(
    companyRegister: string,
    processCode: string,
    status: 'Actif' | 'Inactif',
  ): Subscription | undefined {
    const found = [...this.subscriptions.values()].find(
      (s) => s.processCode === processCode && s.subscriber.companyRegister === companyRegister,
    )
    if (!found) return undefined
    const at = this.isoNow()
    Object.assign(found, {
      status,
      activateDateTime: status === 'Actif' ? (found.activateDateTime ?? at) : null,
      updateDateTime: at,
    })
    return found
  }

  /** Every seeded collectivity is an organization subscribed (Actif or Inactif) to `FormulaireQF`. */
  seed(): void {
    seedCollectivities.forEach((c, index) => {
      const org = this.addOrganization({
        type: 'SI',
        companyRegister: c.siret,
        branchCode: c.cog,
        name: communeDenomination(c),
        code: null,
        country: 'France',
        postalCode: c.postalCodes[0] ?? '',
        territory: communeLabel(c),
        email: `mairie-${c.cog.toLowerCase()}@example.org`,
        phoneNumber: null,
        status: 'Actif',
      })
      const at = '2025-01-15T10:00:00.000Z'
      this.addSubscription({
        datapassId: 90000 + index,
        processCode: formulaireQfProcess,
        subscriber: { type: org.type, companyRegister: org.companyRegister, branchCode: org.branchCode },
        accessMode: 'API',
        notificationFrequency: 'Aucune',
        activateDateTime: c.subscription === 'Actif' ? at : null,
        validateDateTime: at,
        rejectDateTime: null,
        endDateTime: null,
        updateDateTime: at,
        delegationActor: null,
        rejectionReason: null,
        status: c.subscription,
        email: org.email,
        localAdministrator: { email: org.email },
      })
    })
  }
}
