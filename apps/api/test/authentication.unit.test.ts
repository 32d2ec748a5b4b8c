import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { openapiSchemas, problemTypes } from '@qf/contracts'
import * as contracts from '@qf/contracts'
import { AppError } from '../src/errors/catalog.js'
import { authenticationPlugin } from '../src/plugins/authentication.js'
import { errorsPlugin } from '../src/plugins/errors.js'
import { generateOpenApiDocument } from '../src/openapi-document.js'

const security = [{ sessionToken: [] }]

async function appWith(routes: { url: string; operationId?: string }[], publicOperations: string[]) {
  const app = Fastify()
  await app.register(errorsPlugin)
  await app.register(
    async (api) => {
      await api.register(authenticationPlugin, {
        publicOperations,
        security,
        async authenticate(request) {
          if (request.headers.authorization !== 'Bearer ok') throw new AppError('sessionMissing')
        },
      })
      for (const r of routes)
        api.get(r.url, { schema: r.operationId ? { operationId: r.operationId } : {} }, async () => ({
          ok: 1,
        }))
    },
    { prefix: '/api/v1' },
  )
  return app
}

describe('authentication: deny by default under a prefix', () => {
  it('a route not listed as public needs a credential (401 problem); a listed one does not', async () => {
    const app = await appWith(
      [
        { url: '/open', operationId: 'open' },
        { url: '/forgotten', operationId: 'forgotten' },
      ],
      ['open'],
    )
    expect((await app.inject('/api/v1/open')).statusCode).toBe(200)
    const denied = await app.inject('/api/v1/forgotten')
    expect(denied.statusCode).toBe(401)
    expect(denied.json()).toMatchObject({ type: problemTypes.sessionMissing })
    expect((await app.inject({ method: 'HEAD', url: '/api/v1/forgotten' })).statusCode).toBe(401)
    const allowed = await app.inject({ url: '/api/v1/forgotten', headers: { authorization: 'Bearer ok' } })
    expect(allowed.statusCode).toBe(200)
    await app.close()
  })

  it('refuses at boot a route without operationId, and a public operation that has no route', async () => {
    await expect(appWith([{ url: '/anonymous' }], [])).rejects.toThrow(/no operationId/)
    const app = await appWith([{ url: '/open', operationId: 'open' }], ['open', 'typo'])
    await expect(app.ready()).rejects.toThrow(/typo/)
  })

  it('documents each /api/v1 operation as public (listed) or protected', async () => {
    const doc = (await generateOpenApiDocument()) as {
      paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>>
    }
    const ops = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([, methods]) => Object.values(methods))
    const protectedBy = (scheme: string) =>
      ops
        .filter((o) => JSON.stringify(o.security ?? []).includes(`"${scheme}"`))
        .map((o) => o.operationId)
        .sort()
    expect(protectedBy('sessionCookie')).toEqual([
      'getCurrentSession',
      'logoutCurrentSession',
      'renewLoginUrl',
      'submitCurrentSession',
    ])
    // The admin API and the QF lookup: an API key on every operation, none public.
    expect(protectedBy('apiKey')).toEqual(
      [
        'checkCollectivityHubee',
        'createCollectivity',
        'deactivateCollectivity',
        'getAdminCollectivity',
        'getCollectivityHealth',
        'getCollectivityWebhook',
        'getEditorHealth',
        'getEditorWebhook',
        'getOnboarding',
        'importCollectivities',
        'listAdminCollectivities',
        'listAudit',
        'listCollectivityTransitions',
        'listExpiringTokens',
        'listOnboardings',
        'listWebhookDeliveries',
        'lookupQuotientFamilial',
        'removeCollectivityWebhook',
        'removeEditorWebhook',
        'repairCollectivity',
        'retryOnboarding',
        'setApiParticulierToken',
        'setCollectivityWebhook',
        'setEditorWebhook',
        'updateCollectivity',
      ].sort(),
    )
    const adminOps = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/admin/'))
      .flatMap(([, methods]) => Object.values(methods))
    expect(adminOps.every((o) => JSON.stringify(o.security) === '[{"apiKey":[]}]')).toBe(true)
    expect(ops.every((o) => Array.isArray(o.security))).toBe(true)
  })
})

describe('OpenAPI shared schemas', () => {
  it('every contract schema with an $id is in the exported list (no hand-maintained list)', () => {
    const values: unknown[] = Object.values(contracts)
    const withId = values.filter(
      (v) => typeof v === 'object' && v !== null && '$id' in v && typeof v.$id === 'string',
    )
    expect(withId.length).toBeGreaterThan(10)
    const listed: unknown[] = openapiSchemas
    for (const schema of withId) expect(listed).toContain(schema)
  })
})
