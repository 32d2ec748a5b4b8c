import { sql, type Selectable, type SqlBool } from 'kysely'
import type { DbOrTrx } from '../../db/connection.js'
import { departementFromCog } from './departement.js'
import type { CollectivityInput, CollectivityRecord, ContactRecord } from './record.js'
import { parseSearchQuery, toSearchText } from './search-text.js'
import type { CollectivitiesTable } from '../../db/tables/collectivities.js'
import type { CollectivityLifecycle } from '@qf/contracts'

type CollectivityRow = Selectable<CollectivitiesTable>

/** The one row → domain mapping. */
export function toCollectivityRecord(row: CollectivityRow): CollectivityRecord {
  return {
    siret: row.siret,
    name: row.name,
    cogCode: row.cog_code,
    departement: row.departement,
    postalCodes: row.postal_codes,
    lifecycle: row.lifecycle,
    authorizedBy: row.authorized_by,
    suspendedBy: row.suspended_by,
    editor:
      row.editor !== null && row.editor_siret !== null ? { siret: row.editor_siret, name: row.editor } : null,
    allowedRedirectOrigins: row.allowed_redirect_origins,
    hubeeRecipient: { type: 'SI', companyRegister: row.siret, branchCode: row.hubee_branch_code },
    contacts: { requester: row.contacts.requester ?? null, dpo: row.contacts.dpo ?? null },
    apiParticulierToken:
      row.api_particulier_token_sealed !== null && row.api_particulier_token_expires_at !== null
        ? {
            sealed: row.api_particulier_token_sealed,
            expiresAt: row.api_particulier_token_expires_at,
            source: row.api_particulier_token_source ?? 'admin',
            expiringSince: row.api_particulier_token_expiring_since,
          }
        : null,
    hubeeSubscription: row.hubee_subscription,
    datapassId: row.datapass_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** The collectivity with this SIRET if it is offered to citizens (`active`), else undefined. */
export async function findOfferedBySiret(
  db: DbOrTrx,
  siret: string,
): Promise<CollectivityRecord | undefined> {
  const row = await db
    .selectFrom('collectivities')
    .selectAll()
    .where('siret', '=', siret)
    .where('lifecycle', '=', 'active')
    .executeTakeFirst()
  return row && toCollectivityRecord(row)
}

/** The collectivity with this SIRET whatever its lifecycle, or undefined. */
export async function findBySiret(db: DbOrTrx, siret: string): Promise<CollectivityRecord | undefined> {
  const row = await db.selectFrom('collectivities').selectAll().where('siret', '=', siret).executeTakeFirst()
  return row && toCollectivityRecord(row)
}

export interface CollectivitySearch {
  /** Part of the name (accents and case ignored), a postal code prefix, or a département code. */
  q?: string | undefined
  limit: number
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Offered (`active`) collectivities matching the search (read by `parseSearchQuery`), sorted by name, at most `limit`. */
export async function searchOffered(
  db: DbOrTrx,
  { q, limit }: CollectivitySearch,
): Promise<CollectivityRecord[]> {
  const term = q?.trim() ?? ''
  let query = db.selectFrom('collectivities').selectAll().where('lifecycle', '=', 'active')
  if (term) {
    const { name, codes, arrondissementPostalCodes } = parseSearchQuery(term)
    if (!name && codes.length === 0) return []
    const postalCodes = sql.ref('collectivities.postal_codes')
    query = query.where((eb) =>
      eb.and([
        ...(name ? [eb('search_name', 'like', `%${escapeLike(name)}%`)] : []),
        ...(codes.length > 0
          ? [
              eb.or(
                codes.flatMap((code) => [
                  eb('departement', '=', code.toUpperCase()),
                  ...(/^\d+$/.test(code)
                    ? [
                        sql<SqlBool>`exists (select 1 from unnest(${postalCodes}) as p(code) where p.code like ${`${code}%`})`,
                      ]
                    : []),
                ]),
              ),
            ]
          : []),
        ...(arrondissementPostalCodes.length > 0
          ? [sql<SqlBool>`${postalCodes} && ${sql.val(arrondissementPostalCodes)}::text[]`]
          : []),
      ]),
    )
  }
  const rows = await query.orderBy('search_name').orderBy('siret').limit(limit).execute()
  return rows.map(toCollectivityRecord)
}

/** The registry's filters (admin API, CLI): every lifecycle state. */
export interface RegistryFilter {
  lifecycle?: CollectivityLifecycle | undefined
  /** Offered (`active`) or not: what the former `status` filter meant. */
  offered?: boolean | undefined
  editorSiret?: string | undefined
  departement?: string | undefined
  /** Only the collectivities the renewal job marked (token expiring within 90 days, or expired). */
  tokenExpiring?: boolean | undefined
  limit: number
  offset?: number | undefined
}

/** Collectivities matching the registry's filters, sorted by name then SIRET. */
export async function listRegistry(db: DbOrTrx, filter: RegistryFilter): Promise<CollectivityRecord[]> {
  let query = db.selectFrom('collectivities').selectAll()
  if (filter.lifecycle) query = query.where('lifecycle', '=', filter.lifecycle)
  if (filter.offered !== undefined) query = query.where('lifecycle', filter.offered ? '=' : '<>', 'active')
  if (filter.editorSiret) query = query.where('editor_siret', '=', filter.editorSiret)
  if (filter.departement) query = query.where('departement', '=', filter.departement.toUpperCase())
  if (filter.tokenExpiring === true)
    query = query.where('api_particulier_token_expiring_since', 'is not', null)
  if (filter.tokenExpiring === false) query = query.where('api_particulier_token_expiring_since', 'is', null)
  const rows = await query
    .orderBy('search_name')
    .orderBy('siret')
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute()
  return rows.map(toCollectivityRecord)
}

/** The columns written from a `CollectivityInput` (derived ones computed here). */
function inputColumns(c: CollectivityInput) {
  return {
    name: c.name,
    cog_code: c.cogCode,
    departement: departementFromCog(c.cogCode),
    postal_codes: c.postalCodes,
    editor: c.editor?.name ?? null,
    editor_siret: c.editor?.siret ?? null,
    allowed_redirect_origins: c.allowedRedirectOrigins,
    hubee_branch_code: c.hubeeBranchCode ?? c.cogCode,
    search_name: toSearchText(c.name),
  }
}

/** Inserts or updates (by SIRET) a collectivity; the derived columns are computed here. */
export async function upsertCollectivity(db: DbOrTrx, c: CollectivityInput): Promise<CollectivityRecord> {
  const values = inputColumns(c)
  const row = await db
    .insertInto('collectivities')
    .values({ siret: c.siret, ...values })
    .onConflict((oc) => oc.column('siret').doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow()
  return toCollectivityRecord(row)
}

export interface RegistryWrite extends CollectivityInput {
  contacts?: { requester: ContactRecord | null; dpo: ContactRecord | null } | undefined
  hubeeSubscription?: CollectivityRecord['hubeeSubscription'] | undefined
  datapassId?: number | null | undefined
}

function registryColumns(c: RegistryWrite) {
  return {
    ...inputColumns(c),
    ...(c.contacts !== undefined ? { contacts: JSON.stringify(c.contacts) } : {}),
    ...(c.hubeeSubscription !== undefined
      ? { hubee_subscription: c.hubeeSubscription === null ? null : JSON.stringify(c.hubeeSubscription) }
      : {}),
    ...(c.datapassId !== undefined ? { datapass_id: c.datapassId } : {}),
  }
}

/** Inserts a new collectivity; `undefined` when that SIRET exists already. */
export async function insertCollectivity(
  db: DbOrTrx,
  c: RegistryWrite,
): Promise<CollectivityRecord | undefined> {
  const row = await db
    .insertInto('collectivities')
    .values({ siret: c.siret, ...registryColumns(c) })
    .onConflict((oc) => oc.column('siret').doNothing())
    .returningAll()
    .executeTakeFirst()
  return row && toCollectivityRecord(row)
}

/** Replaces the written fields of an existing collectivity (tokens and marks untouched). */
export async function replaceCollectivity(
  db: DbOrTrx,
  c: RegistryWrite,
): Promise<CollectivityRecord | undefined> {
  const row = await db
    .updateTable('collectivities')
    .set({ ...registryColumns(c), updated_at: sql<Date>`now()` })
    .where('siret', '=', c.siret)
    .returningAll()
    .executeTakeFirst()
  return row && toCollectivityRecord(row)
}

/** Upsert that keeps the allowed origins and token of an existing row (onboarding); the lifecycle is not written here. */
export async function upsertOnboarded(db: DbOrTrx, c: RegistryWrite & { at: Date }): Promise<void> {
  const columns = registryColumns(c)
  const { allowed_redirect_origins: _kept, ...onUpdate } = columns
  await db
    .insertInto('collectivities')
    .values({ siret: c.siret, ...columns, updated_at: c.at })
    .onConflict((oc) => oc.column('siret').doUpdateSet({ ...onUpdate, updated_at: c.at }))
    .execute()
}

/** Stores the collectivity's token (already sealed) with its expiry; clears the renewal mark. */
export async function storeApiParticulierToken(
  db: DbOrTrx,
  siret: string,
  token: { sealed: string; expiresAt: Date; source: 'jwt' | 'admin' },
  expiringSince: Date | null,
): Promise<CollectivityRecord | undefined> {
  const row = await db
    .updateTable('collectivities')
    .set({
      api_particulier_token_sealed: token.sealed,
      api_particulier_token_expires_at: token.expiresAt,
      api_particulier_token_source: token.source,
      api_particulier_token_expiring_since: expiringSince,
      updated_at: sql<Date>`now()`,
    })
    .where('siret', '=', siret)
    .returningAll()
    .executeTakeFirst()
  return row && toCollectivityRecord(row)
}

/** Every sealed token (for the re-seal task): SIRET and sealed value. */
export async function sealedTokens(db: DbOrTrx): Promise<{ siret: string; sealed: string }[]> {
  const rows = await db
    .selectFrom('collectivities')
    .select(['siret', 'api_particulier_token_sealed'])
    .where('api_particulier_token_sealed', 'is not', null)
    .orderBy('siret')
    .execute()
  return rows.flatMap((r) =>
    r.api_particulier_token_sealed ? [{ siret: r.siret, sealed: r.api_particulier_token_sealed }] : [],
  )
}

/** Replaces one sealed token in place (re-seal), only if it is still the value read. */
export async function replaceSealedToken(
  db: DbOrTrx,
  siret: string,
  from: string,
  to: string,
): Promise<boolean> {
  const result = await db
    .updateTable('collectivities')
    .set({ api_particulier_token_sealed: to })
    .where('siret', '=', siret)
    .where('api_particulier_token_sealed', '=', from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * The renewal marks as of `now`: every token expiring before `horizon` gets marked (when not yet),
 * every other one unmarked; only the collectivity `siret` when given. Returns how many are marked
 * afterwards (all collectivities).
 */
export async function markExpiringTokens(
  db: DbOrTrx,
  now: Date,
  horizon: Date,
  siret?: string,
): Promise<number> {
  await db
    .updateTable('collectivities')
    .set({ api_particulier_token_expiring_since: now })
    .where('api_particulier_token_expires_at', '<', horizon)
    .where('api_particulier_token_expiring_since', 'is', null)
    .$if(siret !== undefined, (q) => q.where('siret', '=', siret ?? ''))
    .execute()
  await db
    .updateTable('collectivities')
    .set({ api_particulier_token_expiring_since: null })
    .where((eb) =>
      eb.or([
        eb('api_particulier_token_expires_at', '>=', horizon),
        eb('api_particulier_token_expires_at', 'is', null),
      ]),
    )
    .where('api_particulier_token_expiring_since', 'is not', null)
    .$if(siret !== undefined, (q) => q.where('siret', '=', siret ?? ''))
    .execute()
  return countExpiringTokens(db)
}

/** Replaces the cached HubEE subscription of a collectivity (read back from HubEE's referential). */
export async function storeHubeeSubscription(
  db: DbOrTrx,
  siret: string,
  subscription: CollectivityRecord['hubeeSubscription'],
): Promise<void> {
  await db
    .updateTable('collectivities')
    .set({
      hubee_subscription: subscription === null ? null : JSON.stringify(subscription),
      updated_at: sql<Date>`now()`,
    })
    .where('siret', '=', siret)
    .execute()
}

/** How many collectivities are marked (their token expires within 90 days); `offeredOnly`: the `active` ones. */
export async function countExpiringTokens(db: DbOrTrx, offeredOnly = false): Promise<number> {
  let query = db
    .selectFrom('collectivities')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('api_particulier_token_expiring_since', 'is not', null)
  if (offeredOnly) query = query.where('lifecycle', '=', 'active')
  const row = await query.executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Sets the collectivity's editor (DataPass `transfer`); `undefined` when the SIRET is unknown. */
export async function setEditor(
  db: DbOrTrx,
  siret: string,
  editor: CollectivityRecord['editor'],
  at: Date,
): Promise<CollectivityRecord | undefined> {
  const row = await db
    .updateTable('collectivities')
    .set({ editor: editor?.name ?? null, editor_siret: editor?.siret ?? null, updated_at: at })
    .where('siret', '=', siret)
    .returningAll()
    .executeTakeFirst()
  return row && toCollectivityRecord(row)
}
