// Generates src/api/openapi.gen.ts (the SPA client's types) from the root openapi.yaml with
// openapi-typescript. `pnpm --filter @qf/web api:types` (also run by the root `pnpm openapi:write`);
// test/api-types.unit.test.ts fails when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { format, resolveConfig } from 'prettier'

export const OPENAPI_FILE = fileURLToPath(new URL('../../../openapi.yaml', import.meta.url))
export const TYPES_FILE = fileURLToPath(new URL('../src/api/openapi.gen.ts', import.meta.url))

const HEADER =
  '// Generated from openapi.yaml by apps/web/scripts/api-types.ts: do not edit.\n' +
  '// Regenerate with `pnpm openapi:write` (root) or `pnpm --filter @qf/web api:types`.\n'

/** The TypeScript the committed openapi.yaml gives, formatted like the rest of the repository. */
export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS(await readFile(OPENAPI_FILE, 'utf8'), { exportType: true })
  const options = (await resolveConfig(TYPES_FILE)) ?? {}
  return format(HEADER + astToString(ast), { ...options, filepath: TYPES_FILE })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(TYPES_FILE, await generateApiTypes())
  process.stdout.write(`Wrote ${TYPES_FILE}\n`)
}
