import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig as loadKitConfig, verifyWebhook, signWebhook } from '@qf/editor-kit'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../../src/config/load.js'
import { demoCollectivityInputs } from '../../src/modules/collectivities/index.js'
import { demoWebhookSecret } from '../../src/modules/webhooks/index.js'
import { buildTestServer } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/database.js'

const kitUrl = 'http://localhost:8787/webhooks/formulaire-qf'

let database: TestDatabase
let server: FastifyInstance
beforeAll(async () => {
  database = await createTestDatabase()
  server = await buildTestServer(database.url, { DEMO_SEED: 'true', DEMO_WEBHOOK_URL: kitUrl })
})
afterAll(async () => {
  await server?.close()
  await database?.drop()
})

describe('the demo’s webhook (DEMO_WEBHOOK_URL)', () => {
  it('gives every demo collectivity the kit’s endpoint', async () => {
    const rows = await server.db.selectFrom('webhook_endpoints').selectAll().orderBy('owner_siret').execute()
    expect(rows.map((r) => [r.owner_kind, r.owner_siret, r.url, r.active])).toEqual(
      demoCollectivityInputs()
        .map((c) => c.siret)
        .sort()
        .map((siret) => ['collectivity', siret, kitUrl, true]),
    )
  })

  it('signs with the secret of the kit’s sandbox configuration, so `qf-editeur serve --sandbox` accepts it', async () => {
    const kit = await loadKitConfig({ sandbox: true, env: {} })
    const body = '{"id":"x"}'
    expect(verifyWebhook(body, signWebhook(body, demoWebhookSecret), kit.webhook.secrets).ok).toBe(true)
    expect(kit.webhook.port).toBe(8787)
    expect(kit.webhook.path).toBe('/webhooks/formulaire-qf')
  })

  it('is refused in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_WEBHOOK_URL: kitUrl })).toThrow(/DEMO_WEBHOOK_URL/)
  })
})
