import { randomBytes, timingSafeEqual } from 'node:crypto'
import { apiKeyPrefix, apiKeyScopePattern } from '@qf/contracts'
import type { Selectable } from 'kysely'
import type { DbOrTrx } from '../../db/connection.js'
import type { ApiKeysTable } from '../../db/tables/api-keys.js'
import { hashSecret, newSecret } from '../../lib/secrets.js'

/**
 * Who calls the admin API: ops (`admin`), or one editor limited to its collectivities. `keyId`: the
 * API key's id when the call came with one (recorded as the actor of lifecycle transitions).
 */
export type Scope = { kind: 'admin'; keyId?: string } | { kind: 'editor'; siret: string; keyId?: string }

export interface ApiKeyRecord {
  id: string
  scope: Scope
  label: string
  createdAt: Date
  revokedAt: Date | null
  lastUsedAt: Date | null
}

export const scopeText = (scope: Scope) => (scope.kind === 'admin' ? 'admin' : `editor:${scope.siret}`)

/** `admin` | `editor:<SIRET>` → the scope, `null` when it is neither. */
export function parseScope(text: string): Scope | null {
  if (!new RegExp(apiKeyScopePattern).test(text)) return null
  return text === 'admin' ? { kind: 'admin' } : { kind: 'editor', siret: text.slice('editor:'.length) }
}

function toApiKeyRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  const scope = parseScope(row.scope)
  if (!scope) throw new Error(`api key ${row.id} has an unknown scope`)
  return {
    id: row.id,
    scope,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  }
}

const idAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** 12 characters of `[a-z0-9]`, unbiased (rejection sampling). */
function newKeyId(): string {
  let id = ''
  while (id.length < 12) {
    for (const byte of randomBytes(16)) {
      if (byte < 252 && id.length < 12) id += idAlphabet[byte % 36]
    }
  }
  return id
}

/**
 * Creates an API key: `qf_<id>_<secret>` (256-bit secret). Only the SHA-256 of the whole key is
 * stored; the key itself is returned once, here, and never again.
 */
export async function createApiKey(
  db: DbOrTrx,
  input: { scope: Scope; label: string },
): Promise<{ key: string; record: ApiKeyRecord }> {
  const id = newKeyId()
  const key = `${apiKeyPrefix}${id}_${newSecret()}`
  const row = await db
    .insertInto('api_keys')
    .values({ id, secret_hash: hashSecret(key), scope: scopeText(input.scope), label: input.label })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { key, record: toApiKeyRecord(row) }
}

export async function listApiKeys(db: DbOrTrx): Promise<ApiKeyRecord[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute()
  return rows.map(toApiKeyRecord)
}

/** Revokes a key (idempotent); `false` when there is no such key. */
export async function revokeApiKey(db: DbOrTrx, id: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('api_keys')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)) }))
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

const keyPattern = /^qf_([a-z0-9]{8,16})_[A-Za-z0-9_-]{20,}$/

/**
 * The key presented as `Authorization: Bearer qf_…` → its record (not revoked), `null` otherwise.
 * Looked up by id, compared by hash in constant time; `last_used_at` is updated (at most once a minute).
 */
export async function verifyApiKey(db: DbOrTrx, presented: string, at: Date): Promise<ApiKeyRecord | null> {
  const match = keyPattern.exec(presented)
  if (!match?.[1]) return null
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', match[1]).executeTakeFirst()
  if (!row || row.revoked_at !== null) return null
  const expected = Buffer.from(row.secret_hash)
  const given = Buffer.from(hashSecret(presented))
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  if (!row.last_used_at || at.getTime() - row.last_used_at.getTime() > 60_000)
    await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', row.id).execute()
  return toApiKeyRecord({ ...row, last_used_at: at })
}
