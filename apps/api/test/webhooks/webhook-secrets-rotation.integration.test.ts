import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../src/db/connection.js'
import { SealedBox } from '../../src/lib/sealed-box.js'
import { resealWebhookSecrets, webhookRepository } from '../../src/modules/webhooks/index.js'
import { createTestDatabase, type TestDatabase } from '../helpers/database.js'

const oldKey = { id: 'k2025', key: randomBytes(32) }
const newKey = { id: 'k2026', key: randomBytes(32) }
const editor = { kind: 'editor' as const, siret: '44306184100047' }

let database: TestDatabase
let db: Db

beforeAll(async () => {
  database = await createTestDatabase()
  db = createDb(database.url, 2)
})
afterAll(async () => {
  await db?.destroy()
  await database?.drop()
})

describe('key rotation of the webhook secrets (docs/operations-secrets.md, step 3)', () => {
  it('re-seals every secret under the current key, after which the old key can be retired', async () => {
    await webhookRepository(db, new SealedBox({ current: oldKey })).upsertEndpoint(
      editor,
      {
        url: 'https://editeur.example/webhooks/qf',
        secret: 'secret-of-the-editor-0123456789',
        active: true,
        editorSiret: editor.siret,
      },
      new Date(),
    )
    const both = new SealedBox({ current: newKey, previous: [oldKey] })
    const [before] = await webhookRepository(db, both).sealedSecrets()
    expect(before?.sealed).toMatch(/^v2\.k2025\./)

    expect(await resealWebhookSecrets({ db, box: both })).toEqual({ resealed: 1, left: 0 })
    expect(await resealWebhookSecrets({ db, box: both })).toEqual({ resealed: 0, left: 0 })

    const onlyNew = new SealedBox({ current: newKey })
    const [after] = await webhookRepository(db, onlyNew).sealedSecrets()
    expect(after?.sealed).toMatch(/^v2\.k2026\./)
    expect(onlyNew.open<string>(after?.sealed ?? '', `webhook-endpoint:${after?.id}`)).toBe(
      'secret-of-the-editor-0123456789',
    )
  })
})
