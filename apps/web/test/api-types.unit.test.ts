import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { generateApiTypes, TYPES_FILE } from '../scripts/api-types.js'

describe('SPA API types', () => {
  it('src/api/openapi.gen.ts is what openapi.yaml generates (run `pnpm openapi:write` after an API change)', async () => {
    expect(await readFile(TYPES_FILE, 'utf8')).toBe(await generateApiTypes())
  })
})
