import type { FormulaireQfPivotIdentity, PivotIdentity } from '@qf/contracts'

/** What one sending carries to the collectivity: the sealed dossier the delivery job opens. */
export interface DossierContent {
  /** The démarche reference (13 characters). */
  reference: string
  /** When the citizen clicked "Transmettre". */
  submittedAt: Date
  collectivity: { siret: string; name: string; cog: string }
  /** The editor's id of the citizen (`external_id` of the link), or null. */
  externalId: string | null
  /** The FranceConnect `identite_pivot` claims, as FranceConnect returned them (snake_case). */
  pivotIdentity: FormulaireQfPivotIdentity
  /** API Particulier v3's `data`, as received (without `version`). */
  quotientFamilial: Record<string, unknown>
}

/** One file of the folder. */
export interface DossierAttachment {
  fileName: string
  mimeType: string
  bytes: Buffer
}

/** The dossier cannot be rendered (its data is not in the expected shape): retrying will not help. */
export class DossierContentError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DossierContentError'
  }
}

/** The journey keeps the identity in camelCase: back to the claims FranceConnect returned. */
export function pivotIdentityClaims(identity: PivotIdentity): FormulaireQfPivotIdentity {
  return {
    family_name: identity.familyName,
    given_name: identity.givenName,
    gender: identity.gender,
    birthdate: identity.birthdate,
    birthplace: identity.birthplace,
    birthcountry: identity.birthcountry,
  }
}
