import { CogCode, PostalCode, Siret } from '@qf/contracts'
import { Type, type Static } from '@sinclair/typebox'

/**
 * A collectivity as it is written (the demo seed's JSON is checked against this very schema); the
 * derived fields (département, search text, HubEE recipient) are computed on write.
 */
export const CollectivityInput = Type.Object({
  siret: Siret,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  /** INSEE COG code of the commune. */
  cogCode: CogCode,
  postalCodes: Type.Array(PostalCode),
  status: Type.Union([Type.Literal('active'), Type.Literal('inactive')]),
  /** The software editor receiving on the collectivity's behalf, if any. */
  editor: Type.Union([Type.String(), Type.Null()]),
  /** Origins (`scheme://host[:port]`) a journey's `redirect_uri` may point to. */
  allowedRedirectOrigins: Type.Array(Type.String({ pattern: '^https?://[^/\\s]+$' })),
  /** Where the API Particulier token is kept (e.g. a secret's name) — never the token itself. */
  apiParticulierTokenRef: Type.Union([Type.String(), Type.Null()]),
  apiParticulierTokenExpiresAt: Type.Union([Type.Date(), Type.Null()]),
  /** HubEE branch code; the COG code when omitted. */
  hubeeBranchCode: Type.Optional(Type.String({ minLength: 1 })),
})
export type CollectivityInput = Static<typeof CollectivityInput>
export type CollectivityStatus = CollectivityInput['status']

/** How HubEE addresses a case to the collectivity's information system. */
export interface HubeeRecipient {
  type: 'SI'
  companyRegister: string
  branchCode: string
}

/** A collectivity with every field, internal ones included (never sent as is to a client). */
export type CollectivityRecord = Omit<CollectivityInput, 'hubeeBranchCode'> & {
  /** Derived from `cogCode` (see `departementFromCog`). */
  departement: string
  hubeeRecipient: HubeeRecipient
}
