import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const eslint = new ESLint({ cwd: root })

/** The boundary errors ESLint (the project's own configuration) reports for `source` at `filePath`. */
async function refusals(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {}\n`, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

const refused: [where: string, file: string, source: string][] = [
  ['db/ importing a module', 'apps/api/src/db/x.ts', "import '../modules/journey/index.js'"],
  [
    'db/tables importing a module',
    'apps/api/src/db/tables/x.ts',
    "import '../../modules/collectivities/record.js'",
  ],
  [
    'a module importing an adapter',
    'apps/api/src/modules/journey/x.ts',
    "import '../../adapters/pg-boss/pg-boss-job-queue.js'",
  ],
  [
    'a module importing another’s internals',
    'apps/api/src/modules/journey/x.ts',
    "import '../collectivities/repository.js'",
  ],
  ['a module importing the composition root', 'apps/api/src/modules/journey/x.ts', "import '../../ports.js'"],
  [
    'a plugin importing an adapter',
    'apps/api/src/plugins/x.ts',
    "import '../adapters/api-particulier/errors.js'",
  ],
  ['production code importing the test kit', 'apps/api/src/x.ts', "import '@qf/testing'"],
  ['the SPA importing the API', 'apps/web/src/views/X.ts', "import '../../../api/src/app.js'"],
  ['the SPA importing a package other than contracts', 'apps/web/src/x.ts', "import '@qf/testing'"],
  ['the sandbox importing the API', 'apps/sandbox/src/x.ts', "import '../../api/src/app.js'"],
  ['the sandbox importing the contracts', 'apps/sandbox/src/x.ts', "import '@qf/contracts'"],
  [
    'the API’s tests importing sandbox test helpers',
    'apps/api/test/x.test.ts',
    "import '../../sandbox/test/helpers/x.js'",
  ],
  [
    'the bench importing the API’s test helpers',
    'bench/x.ts',
    "import '../apps/api/test/helpers/journey-world.js'",
  ],
]

const allowed: [where: string, file: string, source: string][] = [
  [
    'a module importing another’s index',
    'apps/api/src/modules/journey/x.ts',
    "import '../collectivities/index.js'",
  ],
  [
    'a module importing a port and the contracts',
    'apps/api/src/modules/journey/x.ts',
    "import '../../ports/clock.js'\nimport '@qf/contracts'",
  ],
  [
    'the composition root importing an adapter',
    'apps/api/src/ports.ts',
    "import './adapters/pg-boss/pg-boss-job-queue.js'",
  ],
  ['db/ importing its own files', 'apps/api/src/db/tables/x.ts', "import '../connection.js'"],
  [
    'the SPA importing its own api/ and the contracts',
    'apps/web/src/views/X.ts',
    "import '../api/client.js'\nimport '@qf/contracts/journey-errors'",
  ],
  ['the sandbox’s tests importing @qf/testing', 'apps/sandbox/test/x.test.ts', "import '@qf/testing'"],
]

describe('import boundaries (eslint.config.js)', () => {
  it.each(refused)('refuses %s', async (_where, file, source) => {
    expect(await refusals(file, source)).toHaveLength(source.split('\n').length)
  })

  it.each(allowed)('allows %s', async (_where, file, source) => {
    expect(await refusals(file, source)).toEqual([])
  })
})
