export type CollectivityStatus = 'active' | 'inactive'

/** How HubEE addresses a case to the collectivity's information system. */
export interface HubeeRecipient {
  type: 'SI'
  companyRegister: string
  branchCode: string
}

/** A collectivity with every field, internal ones included (never sent as is to a client). */
export interface CollectivityRecord {
  siret: string
  name: string
  /** INSEE COG code of the commune. */
  cogCode: string
  /** Derived from `cogCode` (see `departementFromCog`). */
  departement: string
  postalCodes: string[]
  status: CollectivityStatus
  /** The software editor receiving on the collectivity's behalf, if any. */
  editor: string | null
  /** Origins (`scheme://host[:port]`) a journey's `redirect_uri` may point to. */
  allowedRedirectOrigins: string[]
  /** Where the API Particulier token is kept (e.g. a secret's name) — never the token itself. */
  apiParticulierTokenRef: string | null
  apiParticulierTokenExpiresAt: Date | null
  hubeeRecipient: HubeeRecipient
}

/** What is written: the derived fields (département, search text, HubEE recipient) are computed. */
export interface CollectivityInput {
  siret: string
  name: string
  cogCode: string
  postalCodes: string[]
  status: CollectivityStatus
  editor: string | null
  allowedRedirectOrigins: string[]
  apiParticulierTokenRef: string | null
  apiParticulierTokenExpiresAt: Date | null
  /** HubEE branch code; the COG code when omitted. */
  hubeeBranchCode?: string
}
