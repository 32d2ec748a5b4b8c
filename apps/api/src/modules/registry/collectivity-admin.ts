import {
  CollectivityContacts,
  CollectivityEditor,
  CollectivityContact,
  CollectivityWrite,
  isValidCog,
  isValidSiret,
  CollectivityUpdate,
  type ApiParticulierTokenWrite,
  type InvalidParam,
} from '@qf/contracts'
import AjvCompiler from '@fastify/ajv-compiler'
import type { FastifySchemaValidationError } from 'fastify/types/schema.js'
import type { Db, DbOrTrx } from '../../db/connection.js'
import { AppError } from '../../errors/catalog.js'
import { toInvalidParams } from '../../errors/validation.js'
import type { SealedBox } from '../../lib/sealed-box.js'
import { apiParticulierTokenExpiry } from '../../lib/token-expiry.js'
import type { Clock } from '../../ports/clock.js'
import {
  apiParticulierTokenContext,
  changeLifecycle,
  checkHubeeSubscription,
  findBySiret,
  listTransitions,
  recordCreation,
  insertCollectivity,
  listRegistry,
  replaceCollectivity,
  storeApiParticulierToken,
  type CollectivityRecord,
  type HubeeCheckDeps,
  type LifecycleActor,
  type RegistryFilter,
  type RegistryWrite,
  type TransitionRecord,
} from '../collectivities/index.js'
import type { Scope } from './api-keys.js'
import { authorize, editorOf, forbidden } from './scope.js'

export interface RegistryDeps {
  db: Db
  /** Seals the collectivities' API Particulier tokens (the `SECRETS_ENCRYPTION_KEYS` keyring). */
  box: SealedBox
  clock: Clock
}

/** A token expiring within this many days is marked for renewal. */
export const renewalHorizonDays = 90
export const renewalHorizon = (now: Date) => new Date(now.getTime() + renewalHorizonDays * 86_400_000)

/**
 * The HTTP layer's own validator (Ajv with the `u` flag the contracts' `\p{…}` patterns need), for
 * what does not come through a route (an import's CSV rows, the CLI): the same rules and messages.
 */
const compileBody = AjvCompiler()(
  Object.fromEntries(
    [CollectivityEditor, CollectivityContact, CollectivityContacts].map((s) => [s.$id ?? '', s]),
  ),
  { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false, unicodeRegExp: true } },
)
type Check = ((v: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null }
const validators = {
  write: compileBody({
    schema: CollectivityWrite,
    method: 'POST',
    url: '/admin/collectivities',
    httpPart: 'body',
  }),
  update: compileBody({
    schema: CollectivityUpdate,
    method: 'PATCH',
    url: '/admin/collectivities/:siret',
    httpPart: 'body',
  }),
} as unknown as Record<'write' | 'update', Check>

/** The checks no schema can express: SIRET checksum (Luhn, La Poste), COG code. */
export function identifierErrors(
  write: { siret?: string; cogCode?: string; editor?: { siret: string } | null },
  prefix: string,
): InvalidParam[] {
  const errors: InvalidParam[] = []
  if (write.siret !== undefined && !isValidSiret(write.siret))
    errors.push({ name: `${prefix}.siret`, reason: 'n’est pas un SIRET valide (clé de contrôle)' })
  if (write.cogCode !== undefined && !isValidCog(write.cogCode))
    errors.push({ name: `${prefix}.cogCode`, reason: 'n’est pas un code COG de commune valide' })
  if (write.editor && !isValidSiret(write.editor.siret))
    errors.push({ name: `${prefix}.editor.siret`, reason: 'n’est pas un SIRET valide (clé de contrôle)' })
  return errors
}

/** Schema errors of a value (the same messages the HTTP layer gives), named under `prefix`. */
export function schemaErrors(
  value: unknown,
  prefix: string,
  kind: 'write' | 'update' = 'write',
): InvalidParam[] {
  const check = validators[kind]
  if (check(value)) return []
  return toInvalidParams(check.errors ?? [], prefix)
}

const invalid = (errors: InvalidParam[]) =>
  new AppError('validation', { detail: 'Certaines valeurs envoyées ne sont pas valides.', errors })

const emptyContacts = { requester: null, dpo: null }

/** The write a scope may make: an editor key writes only collectivities it serves (itself as editor). */
function editorFor(scope: Scope, given: CollectivityWrite['editor'], current: CollectivityRecord['editor']) {
  const own = editorOf(scope)
  const editor = given === undefined ? current : given
  if (own === null) return editor
  if (editor === null || editor === undefined)
    throw forbidden('Une clé d’éditeur ne peut écrire que les collectivités dont elle est l’éditeur.')
  if (editor.siret !== own)
    throw forbidden(`Cette clé d’éditeur ne peut pas désigner l’éditeur ${editor.siret}.`)
  return editor
}

/** The lifecycle actor of an API key (ops or an editor), with the key's id. */
export const actorOf = (scope: Scope): LifecycleActor => ({ kind: scope.kind, id: scope.keyId ?? null })

/**
 * The ops decision a write carries (`status`): `active` authorizes the collectivity (it is offered
 * once its HubEE subscription is read back `Actif`), `inactive` suspends it. Only an `admin` key may
 * decide: an editor key edits its collectivities' details, never what citizens are offered.
 */
export function decisionOf(scope: Scope, status: CollectivityWrite['status']): CollectivityWrite['status'] {
  if (status !== undefined && scope.kind !== 'admin')
    throw forbidden(
      'Une clé d’éditeur ne décide pas si une collectivité est proposée aux familles (`status`) : cela ' +
        'passe par DataPass et l’abonnement HubEE, ou par une clé `admin`.',
    )
  return status
}

/** Applies an ops decision through the lifecycle, in the caller's transaction; 409 when the lifecycle refuses it. */
export async function applyDecision(
  trx: DbOrTrx,
  scope: Scope,
  siret: string,
  status: CollectivityWrite['status'],
  at: Date,
): Promise<void> {
  if (status === undefined) return
  const change = await changeLifecycle(
    trx,
    siret,
    status === 'active' ? 'authorize' : 'suspend',
    actorOf(scope),
    status === 'active' ? 'ops decision (status: active)' : 'ops decision (status: inactive)',
    at,
  )
  if (change.outcome === 'refused')
    throw new AppError('lifecycleTransitionRefused', {
      detail: `La collectivité ${siret} est dans l’état « ${change.collectivity.lifecycle} » : « status: ${status} » n’y est pas permis.`,
    })
}

/** The registry write of a new collectivity (no editor — or the editor key's —, no origin); always created `draft`. */
export function newWrite(scope: Scope, write: CollectivityWrite): RegistryWrite {
  return {
    siret: write.siret,
    name: write.name.trim(),
    cogCode: write.cogCode,
    postalCodes: write.postalCodes,
    editor: editorFor(scope, write.editor ?? null, null),
    allowedRedirectOrigins: write.allowedRedirectOrigins ?? [],
    contacts: write.contacts ?? emptyContacts,
  }
}

/** The registry write of an update: what is given replaces, the rest is kept. */
export function updatedWrite(
  scope: Scope,
  current: CollectivityRecord,
  patch: CollectivityUpdate,
): RegistryWrite {
  return {
    siret: current.siret,
    name: patch.name?.trim() ?? current.name,
    cogCode: patch.cogCode ?? current.cogCode,
    postalCodes: patch.postalCodes ?? current.postalCodes,
    editor: editorFor(scope, patch.editor, current.editor),
    allowedRedirectOrigins: patch.allowedRedirectOrigins ?? current.allowedRedirectOrigins,
    contacts: patch.contacts ?? current.contacts,
    hubeeBranchCode:
      current.hubeeRecipient.branchCode === current.cogCode ? undefined : current.hubeeRecipient.branchCode,
  }
}

/** Whether a decision (`status`) is already what the lifecycle holds. */
const decisionHolds = (status: CollectivityWrite['status'], current: CollectivityRecord) =>
  status === undefined ||
  (status === 'active'
    ? current.authorizedBy !== null && current.lifecycle !== 'suspended'
    : current.lifecycle === 'suspended' && current.suspendedBy === 'ops')

/** Whether a write would change nothing of the stored collectivity (imports are idempotent). */
export function sameAsStored(
  write: RegistryWrite,
  current: CollectivityRecord,
  status?: CollectivityWrite['status'],
): boolean {
  const json = (v: unknown) => JSON.stringify(v)
  return (
    write.name === current.name &&
    write.cogCode === current.cogCode &&
    json(write.postalCodes) === json(current.postalCodes) &&
    decisionHolds(status, current) &&
    json(write.editor) === json(current.editor) &&
    json(write.allowedRedirectOrigins) === json(current.allowedRedirectOrigins) &&
    (write.contacts === undefined || json(write.contacts) === json(current.contacts))
  )
}

/** Creates a collectivity (`draft`, recorded), and applies the ops decision it carries, in one transaction. */
export async function createInTransaction(
  trx: DbOrTrx,
  scope: Scope,
  write: RegistryWrite,
  status: CollectivityWrite['status'],
  at: Date,
): Promise<CollectivityRecord | undefined> {
  const created = await insertCollectivity(trx, write)
  if (!created) return undefined
  await recordCreation(trx, write.siret, actorOf(scope), 'created through the admin API', at)
  await applyDecision(trx, scope, write.siret, status, at)
  return (await findBySiret(trx, write.siret)) ?? created
}

/** Updates a collectivity's details and applies the ops decision it carries, in one transaction. */
export async function updateInTransaction(
  trx: DbOrTrx,
  scope: Scope,
  write: RegistryWrite,
  status: CollectivityWrite['status'],
  at: Date,
): Promise<CollectivityRecord | undefined> {
  const updated = await replaceCollectivity(trx, write)
  if (!updated) return undefined
  await applyDecision(trx, scope, write.siret, status, at)
  return (await findBySiret(trx, write.siret)) ?? updated
}

export async function createCollectivity(
  deps: Pick<RegistryDeps, 'db' | 'clock'>,
  scope: Scope,
  write: CollectivityWrite,
): Promise<CollectivityRecord> {
  const errors = identifierErrors(write, 'body')
  if (errors.length) throw invalid(errors)
  const status = decisionOf(scope, write.status)
  const registryWrite = newWrite(scope, write)
  const created = await deps.db
    .transaction()
    .execute((trx) => createInTransaction(trx, scope, registryWrite, status, deps.clock.now()))
  if (!created)
    throw new AppError('collectivityExists', {
      detail: `Une collectivité porte déjà le SIRET ${write.siret} : modifiez-la plutôt.`,
    })
  return created
}

export async function getCollectivity(
  deps: Pick<RegistryDeps, 'db'>,
  scope: Scope,
  siret: string,
): Promise<CollectivityRecord> {
  return authorize(scope, siret, await findBySiret(deps.db, siret))
}

export async function updateCollectivity(
  deps: Pick<RegistryDeps, 'db' | 'clock'>,
  scope: Scope,
  siret: string,
  patch: CollectivityUpdate,
): Promise<CollectivityRecord> {
  const errors = identifierErrors(patch, 'body')
  if (errors.length) throw invalid(errors)
  const current = authorize(scope, siret, await findBySiret(deps.db, siret))
  const status = decisionOf(scope, patch.status)
  const write = updatedWrite(scope, current, patch)
  if (sameAsStored(write, current, status)) return current
  const updated = await deps.db
    .transaction()
    .execute((trx) => updateInTransaction(trx, scope, write, status, deps.clock.now()))
  if (!updated)
    throw new AppError('collectivityNotFound', { detail: `Aucune collectivité avec le SIRET ${siret}.` })
  return updated
}

/** Hides the collectivity from citizens (its page, search, journey): suspended by ops; everything else is kept. */
export async function deactivateCollectivity(
  deps: Pick<RegistryDeps, 'db' | 'clock'>,
  scope: Scope,
  siret: string,
): Promise<CollectivityRecord> {
  return updateCollectivity(deps, scope, siret, { status: 'inactive' })
}

/**
 * Ops read the collectivity's HubEE subscription back now (instead of waiting for the periodic
 * re-check): it is offered if it is authorized and HubEE says `Actif`. 503 when HubEE does not answer.
 */
export async function checkCollectivityHubee(
  deps: HubeeCheckDeps,
  scope: Scope,
  siret: string,
): Promise<CollectivityRecord> {
  if (scope.kind !== 'admin') throw forbidden('Seule une clé `admin` peut relire l’abonnement HubEE.')
  const current = authorize(scope, siret, await findBySiret(deps.db, siret))
  // The trigger is HubEE's answer (the ops key that asked is its id): a key never makes one offered.
  const result = await checkHubeeSubscription(deps, current, { kind: 'hubee_check', id: scope.keyId ?? null })
  if (result.outcome === 'unavailable')
    throw new AppError('unavailable', { detail: 'HubEE ne répond pas : réessayez plus tard.' })
  return (await findBySiret(deps.db, siret)) ?? current
}

/** A collectivity's lifecycle transitions, oldest first (ops, and its editor). */
export async function collectivityTransitions(
  deps: Pick<RegistryDeps, 'db'>,
  scope: Scope,
  siret: string,
): Promise<TransitionRecord[]> {
  const found = await findBySiret(deps.db, siret)
  // Ops also read what was recorded for a SIRET that is not (or never was) a collectivity here.
  const recorded = scope.kind === 'admin' && !found ? await listTransitions(deps.db, siret) : []
  if (recorded.length > 0) return recorded
  authorize(scope, siret, found)
  return listTransitions(deps.db, siret)
}

export async function listCollectivities(
  deps: Pick<RegistryDeps, 'db'>,
  scope: Scope,
  filter: RegistryFilter,
): Promise<CollectivityRecord[]> {
  const own = editorOf(scope)
  if (own !== null && filter.editorSiret !== undefined && filter.editorSiret !== own)
    throw forbidden(
      `Cette clé d’éditeur ne donne pas accès aux collectivités de l’éditeur ${filter.editorSiret}.`,
    )
  return listRegistry(deps.db, { ...filter, editorSiret: own ?? filter.editorSiret })
}

/**
 * Stores the collectivity's API Particulier token, sealed with the current key; its expiry is the
 * JWT's `exp` when it is one (a given date must then agree within a day), else the given date.
 */
export async function setApiParticulierToken(
  deps: RegistryDeps,
  scope: Scope,
  siret: string,
  input: ApiParticulierTokenWrite,
): Promise<CollectivityRecord> {
  authorize(scope, siret, await findBySiret(deps.db, siret))
  const given = input.expiresAt === undefined ? null : new Date(input.expiresAt)
  const expiry = apiParticulierTokenExpiry(input.token, given)
  if (!expiry.ok)
    throw new AppError('tokenExpiryInvalid', {
      code: expiry.reason,
      detail:
        expiry.reason === 'expiry_required'
          ? 'Ce jeton n’est pas un JWT : donnez sa date d’expiration (`expiresAt`).'
          : `La date donnée ne concorde pas avec celle du jeton (${expiry.jwtExpiresAt?.toISOString() ?? '?'}).`,
      errors: [
        {
          name: 'body.expiresAt',
          reason: expiry.reason === 'expiry_required' ? 'obligatoire' : 'ne concorde pas avec le jeton',
        },
      ],
    })
  const now = deps.clock.now()
  const stored = await storeApiParticulierToken(
    deps.db,
    siret,
    {
      sealed: deps.box.seal(input.token, apiParticulierTokenContext(siret)),
      expiresAt: expiry.expiresAt,
      source: expiry.source,
    },
    expiry.expiresAt.getTime() < renewalHorizon(now).getTime() ? now : null,
  )
  if (!stored)
    throw new AppError('collectivityNotFound', { detail: `Aucune collectivité avec le SIRET ${siret}.` })
  return stored
}

/** Opens a collectivity's token (the lookup); `null` when none is set. */
export function openApiParticulierToken(box: SealedBox, c: CollectivityRecord): string | null {
  return c.apiParticulierToken
    ? box.open<string>(c.apiParticulierToken.sealed, apiParticulierTokenContext(c.siret))
    : null
}
