import {
  CogCode,
  PostalCode,
  Siret,
  type CollectivityAuthorization,
  type CollectivityLifecycle,
} from '@qf/contracts'
import type { SuspendedBy } from '../../db/tables/collectivities.js'
import { Type, type Static } from '@sinclair/typebox'

/**
 * A collectivity's public and routing fields as they are written (the demo seed's JSON and the
 * registry's writes are checked against this very schema); the lifecycle is not written here
 * (only `lifecycle.ts` changes it); the derived fields (département, search
 * text, HubEE recipient) are computed on write. Secrets (the API Particulier token) are written apart,
 * sealed (`setApiParticulierToken`).
 */
export const CollectivityInput = Type.Object({
  siret: Siret,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  /** INSEE COG code of the commune. */
  cogCode: CogCode,
  postalCodes: Type.Array(PostalCode),
  /** The software editor receiving on the collectivity's behalf, if any. */
  editor: Type.Union([Type.Object({ siret: Siret, name: Type.String({ minLength: 1 }) }), Type.Null()]),
  /** Origins (`scheme://host[:port]`) a journey's `redirect_uri` may point to. */
  allowedRedirectOrigins: Type.Array(Type.String({ pattern: '^https?://[^/\\s]+$' })),
  /** HubEE branch code; the COG code when omitted. */
  hubeeBranchCode: Type.Optional(Type.String({ minLength: 1 })),
})
export type CollectivityInput = Static<typeof CollectivityInput>

/** How HubEE addresses a case to the collectivity's information system. */
export interface HubeeRecipient {
  type: 'SI'
  companyRegister: string
  branchCode: string
}

export interface ContactRecord {
  email: string
  givenName: string | null
  familyName: string | null
  phoneNumber: string | null
  jobTitle: string | null
}

/** The collectivity's API Particulier token: sealed (never leaves the API), with its expiry. */
export interface SealedTokenRecord {
  sealed: string
  expiresAt: Date
  source: 'jwt' | 'admin'
  /** Set by the daily renewal job while it expires within 90 days. */
  expiringSince: Date | null
}

/** A collectivity with every field, internal ones included (never sent as is to a client). */
export type CollectivityRecord = Omit<CollectivityInput, 'hubeeBranchCode'> & {
  /** Derived from `cogCode` (see `departementFromCog`). */
  departement: string
  /** Written by the lifecycle only (`lifecycle.ts`); offered to citizens ⇔ `active`. */
  lifecycle: CollectivityLifecycle
  authorizedBy: CollectivityAuthorization
  suspendedBy: SuspendedBy | null
  hubeeRecipient: HubeeRecipient
  contacts: { requester: ContactRecord | null; dpo: ContactRecord | null }
  apiParticulierToken: SealedTokenRecord | null
  hubeeSubscription: {
    organizationId: string
    subscriptionId: string
    accessMode: 'API' | 'PORTAIL'
    status: 'Actif' | 'Inactif'
  } | null
  datapassId: number | null
  createdAt: Date
  updatedAt: Date
}

/** The sealing context of a collectivity's API Particulier token (bound as AAD: a value moved to another row does not open). */
export const apiParticulierTokenContext = (siret: string) => `collectivity:${siret}:api_particulier_token`
