/** HubEE's process code of the quotient familial form. */
export const formulaireQfProcessCode = 'FormulaireQF'

/** `SI-<SIRET>-<COG>`: a recipient organization's id in HubEE's referential (and its SI client id). */
export const hubeeOrganizationId = (siret: string, cog: string) => `SI-${siret}-${cog}`

/** What HubEE needs to register a collectivity as a recipient organization (type `SI`). */
export interface HubeeOrganizationInput {
  siret: string
  /** INSEE COG code of the commune: HubEE's `branchCode`. */
  cog: string
  name: string
  postalCode: string
  /** The commune's name (HubEE's `territory`). */
  territory: string
  /** Contact address of the organization at HubEE. */
  email: string
  phoneNumber?: string | null
}

export interface HubeeOrganization {
  /** `SI-<SIRET>-<COG>`. */
  id: string
  siret: string
  cog: string
  name: string
  status: string
}

/** The software editor that receives the collectivity's files on its behalf (HubEE delegation actor `EDT`). */
export interface EditorDelegation {
  siret: string
  name: string
  /** The editor's technical contact, when known (HubEE's `delegationActor.email`). */
  email: string | null
}

export interface HubeeContact {
  email: string
  firstName?: string | null
  lastName?: string | null
  function?: string | null
  phoneNumber?: string | null
}

export interface FormulaireQfSubscriptionRequest {
  siret: string
  cog: string
  /** DataPass's authorization request id (HubEE's `datapassId`). */
  datapassId: number
  /** The collectivity's local administrator at HubEE (from DataPass: the business contact). */
  localAdministrator: HubeeContact
  /**
   * An editor receives on the collectivity's behalf: `accessMode` `API` with a delegation actor of
   * type `EDT`. `null`: the collectivity reads its files on HubEE's portal (`PORTAIL`).
   */
  editor: EditorDelegation | null
}

export interface HubeeSubscription {
  id: string
  siret: string
  cog: string
  /** `Actif`, `Inactif`, `Refusé`, `Suspendu`. */
  status: string
  accessMode: 'API' | 'PORTAIL' | null
  /** The delegated editor's SIRET, when the subscription has one. */
  editorSiret: string | null
}

/**
 * - `unavailable`: HubEE is down, slow or unreachable (5xx, timeout, reset): retry later;
 * - `rejected`: HubEE refused our ADMIN credentials (a configuration error);
 * - `invalid`: HubEE refused the request (400: e.g. unknown organization, bad field).
 */
export type HubeeReferentialFailure = 'unavailable' | 'rejected' | 'invalid'

export type HubeeReferentialResult<T> =
  | { ok: true; value: T }
  | { ok: false; failure: HubeeReferentialFailure; status: number | null; message: string | null }

/** HubEE's referential (scope ADMIN or DATAPASS): recipient organizations and their `FormulaireQF` subscriptions. */
export interface HubeeReferential {
  /** Finds `SI-<SIRET>-<COG>`, creating it when missing (idempotent). */
  ensureOrganization(
    input: HubeeOrganizationInput,
  ): Promise<HubeeReferentialResult<HubeeOrganization & { created: boolean }>>
  /**
   * Finds the organization's `FormulaireQF` subscription, creating it when missing (`Inactif`: HubEE
   * activates it by hand since July 2026), with the access mode and editor the request implies
   * (updating one with another access mode or editor, keeping its status). Idempotent: a
   * subscription that already matches is left as is. The answer carries the status HubEE holds.
   */
  ensureFormulaireQfSubscription(
    request: FormulaireQfSubscriptionRequest,
  ): Promise<HubeeReferentialResult<HubeeSubscription & { changed: boolean }>>
  /** The organization's `FormulaireQF` subscription, `null` when it has none. */
  findFormulaireQfSubscription(
    siret: string,
    cog: string,
  ): Promise<HubeeReferentialResult<HubeeSubscription | null>>
}

/** Worth retrying later (a job), as opposed to a final answer. */
export const isTransientHubeeFailure = (f: HubeeReferentialFailure) => f === 'unavailable'

/** The access mode a subscription request implies. */
export const accessModeFor = (request: Pick<FormulaireQfSubscriptionRequest, 'editor'>) =>
  request.editor ? ('API' as const) : ('PORTAIL' as const)

/** A subscription (active or not) that already gives the access mode and editor the request asks for. */
export const subscriptionMatches = (s: HubeeSubscription, request: FormulaireQfSubscriptionRequest) =>
  s.accessMode === accessModeFor(request) && s.editorSiret === (request.editor?.siret ?? null)
