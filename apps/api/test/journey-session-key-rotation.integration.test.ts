import { randomUUID } from 'node:crypto'
import { problemTypes } from '@qf/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../src/db/connection.js'
import { SealedBox } from '../src/lib/sealed-box.js'
import { hashSecret, newSecret } from '../src/lib/secrets.js'
import { sessionRepository } from '../src/modules/journey/index.js'
import { buildTestServer } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

const oldKey = Buffer.alloc(32, 5)
const newKey = Buffer.alloc(32, 6)
let database: TestDatabase
let db: Db

beforeAll(async () => {
  database = await createTestDatabase()
  db = createDb(database.url, 1)
})
afterAll(async () => {
  await db?.destroy()
  await database?.drop()
})

/** A session sealed with the legacy single key (`k0`), as before the keyring; returns its bearer secret. */
async function sessionUnderOldKey(): Promise<{ id: string; secret: string }> {
  const id = randomUUID()
  const secret = newSecret()
  const now = new Date()
  const sessions = sessionRepository(db, new SealedBox(oldKey))
  await sessions.insert(
    {
      id,
      secretHash: hashSecret(secret),
      siret: '21040107100019',
      externalId: null,
      redirectUri: null,
      frontendUrl: null,
      loginTicket: { hash: hashSecret(newSecret()), expiresAt: new Date(now.getTime() + 60_000) },
      expiresAt: new Date(now.getTime() + 1_800_000),
    },
    now,
  )
  await sessions.update(id, { logoutIdToken: 'an-id-token' }, now)
  return { id, secret }
}

const current = async (env: Record<string, string>, secret: string) => {
  const server = await buildTestServer(database.url, env)
  try {
    return await server.inject({
      method: 'GET',
      url: '/api/v1/sessions/current',
      headers: { authorization: `Bearer ${secret}` },
    })
  } finally {
    await server.close()
  }
}

describe('journey sessions across a SESSION_ENCRYPTION_KEYS rotation', () => {
  it('open while the old key is kept second', async () => {
    const { secret } = await sessionUnderOldKey()
    const res = await current(
      { SESSION_ENCRYPTION_KEYS: `k2026-12:${newKey.toString('base64')},k0:${oldKey.toString('base64')}` },
      secret,
    )
    expect(res.statusCode).toBe(200)
  })

  it('end as expired (401 problem+json, row deleted), never a 500, once the old key is dropped', async () => {
    const { id, secret } = await sessionUnderOldKey()
    const res = await current({ SESSION_ENCRYPTION_KEYS: `k2026-12:${newKey.toString('base64')}` }, secret)
    expect(res.statusCode).toBe(401)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ type: problemTypes.sessionExpired, status: 401 })
    const row = await db.selectFrom('journey_sessions').select('id').where('id', '=', id).executeTakeFirst()
    expect(row).toBeUndefined()
  })
})
