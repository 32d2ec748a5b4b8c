import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { generateOpenApiDocument, toYaml } from '../src/openapi-document.js'

type Operation = {
  operationId?: string
  tags?: string[]
  summary?: string
  responses?: Record<string, unknown>
}

describe('OpenAPI document', () => {
  it('the committed openapi.yaml is what the code generates (run `pnpm openapi:write` after a change)', async () => {
    const committed = await readFile(new URL('../../../openapi.yaml', import.meta.url), 'utf8')
    expect(committed).toBe(toYaml(await generateOpenApiDocument()))
  })

  it('documents every route with an operationId, tags, a summary and responses', async () => {
    const doc = (await generateOpenApiDocument()) as { paths: Record<string, Record<string, Operation>> }
    const ids = new Set<string>()
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`
        expect(op.operationId, where).toBeTruthy()
        expect(ids.has(op.operationId ?? ''), `${where}: duplicate operationId`).toBe(false)
        ids.add(op.operationId ?? '')
        expect(op.tags?.length, where).toBeGreaterThan(0)
        expect(op.summary, where).toBeTruthy()
        expect(Object.keys(op.responses ?? {}).length, where).toBeGreaterThan(0)
      }
    }
    expect(ids.has('getHealth')).toBe(true)
  })
})
