import { sql, type Selectable, type SqlBool } from 'kysely'
import type { DbOrTrx } from '../../db/connection.js'
import { departementFromCog } from './departement.js'
import type { CollectivityInput, CollectivityRecord } from './record.js'
import { toSearchText } from './search-text.js'
import type { CollectivitiesTable } from '../../db/tables/collectivities.js'

type CollectivityRow = Selectable<CollectivitiesTable>

/** The one row → domain mapping. */
export function toCollectivityRecord(row: CollectivityRow): CollectivityRecord {
  return {
    siret: row.siret,
    name: row.name,
    cogCode: row.cog_code,
    departement: row.departement,
    postalCodes: row.postal_codes,
    status: row.status,
    editor: row.editor,
    allowedRedirectOrigins: row.allowed_redirect_origins,
    apiParticulierTokenRef: row.api_particulier_token_ref,
    apiParticulierTokenExpiresAt: row.api_particulier_token_expires_at,
    hubeeRecipient: { type: 'SI', companyRegister: row.siret, branchCode: row.hubee_branch_code },
  }
}

/** The active collectivity with this SIRET, or undefined (unknown or inactive). */
export async function findActiveBySiret(db: DbOrTrx, siret: string): Promise<CollectivityRecord | undefined> {
  const row = await db
    .selectFrom('collectivities')
    .selectAll()
    .where('siret', '=', siret)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return row && toCollectivityRecord(row)
}

export interface CollectivitySearch {
  /** Part of the name (accents and case ignored), a postal code prefix, or a département code. */
  q?: string | undefined
  limit: number
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Active collectivities matching the search, sorted by name, at most `limit`. */
export async function searchActive(
  db: DbOrTrx,
  { q, limit }: CollectivitySearch,
): Promise<CollectivityRecord[]> {
  const term = q?.trim() ?? ''
  let query = db.selectFrom('collectivities').selectAll().where('status', '=', 'active')
  if (term) {
    const nameTerm = toSearchText(term)
    const postalPrefix = /^\d{1,5}$/.test(term) ? term : undefined
    query = query.where((eb) =>
      eb.or([
        ...(nameTerm ? [eb('search_name', 'like', `%${escapeLike(nameTerm)}%`)] : []),
        eb('departement', '=', term.toUpperCase()),
        ...(postalPrefix
          ? [
              sql<SqlBool>`exists (select 1 from unnest(${sql.ref('collectivities.postal_codes')}) as p(code) where p.code like ${`${postalPrefix}%`})`,
            ]
          : []),
      ]),
    )
  }
  const rows = await query.orderBy('search_name').orderBy('siret').limit(limit).execute()
  return rows.map(toCollectivityRecord)
}

/** Inserts or updates (by SIRET) a collectivity; the derived columns are computed here. */
export async function upsertCollectivity(db: DbOrTrx, c: CollectivityInput): Promise<CollectivityRecord> {
  const values = {
    name: c.name,
    cog_code: c.cogCode,
    departement: departementFromCog(c.cogCode),
    postal_codes: c.postalCodes,
    status: c.status,
    editor: c.editor,
    allowed_redirect_origins: c.allowedRedirectOrigins,
    api_particulier_token_ref: c.apiParticulierTokenRef,
    api_particulier_token_expires_at: c.apiParticulierTokenExpiresAt,
    hubee_branch_code: c.hubeeBranchCode ?? c.cogCode,
    search_name: toSearchText(c.name),
  }
  const row = await db
    .insertInto('collectivities')
    .values({ siret: c.siret, ...values })
    .onConflict((oc) => oc.column('siret').doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow()
  return toCollectivityRecord(row)
}
