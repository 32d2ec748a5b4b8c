/** HubEE's `OrganizationIdentifier`. */
export interface OrganizationIdentifier {
  type: string
  companyRegister: string
  branchCode: string
}

/** `DATAPASS`: the referential scope DataPass-driven onboarding uses since July 2026 (same rights as `ADMIN` here). */
export type Scope = 'OSL' | 'SI' | 'ADMIN' | 'DATAPASS'
export const scopes: readonly Scope[] = ['OSL', 'SI', 'ADMIN', 'DATAPASS']

/** Who calls the API, as resolved from the bearer token. */
export interface Principal {
  clientId: string
  scope: Scope
  organization: OrganizationIdentifier
}

/** The form is operated by the DINUM (SIRET 130 025 265 00013, Paris 7e). */
export const oslOrganization: OrganizationIdentifier = {
  type: 'OSL',
  companyRegister: '13002526500013',
  branchCode: '75107',
}
export const adminOrganization: OrganizationIdentifier = {
  type: 'ADMIN',
  companyRegister: '13002526500013',
  branchCode: '75107',
}

/** `SI-<SIRET>-<COG>`: the referential id of an organization, and the client id of its SI credentials. */
export const organizationId = (o: Pick<OrganizationIdentifier, 'type' | 'companyRegister' | 'branchCode'>) =>
  `${o.type}-${o.companyRegister}-${o.branchCode}`

export const sameOrganization = (a: OrganizationIdentifier, b: OrganizationIdentifier) =>
  organizationId(a) === organizationId(b)

export const copyIdentifier = (o: OrganizationIdentifier): OrganizationIdentifier => ({
  type: o.type,
  companyRegister: o.companyRegister,
  branchCode: o.branchCode,
})
