// The kit as a vendor gets it: `npm pack` of the built package, installed with npm in an empty folder
// outside the monorepo (its runtime dependencies come from the npm registry), then its bin, its ESM
// import, its type declarations (tsc, strict, NodeNext) and a pull from the sandbox.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hubeeSiSecret } from '@qf/sandbox'
import { majastres, startWorld, type World } from './helpers/world.js'

const run = promisify(execFile)
const packageDir = fileURLToPath(new URL('..', import.meta.url))
const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string }
const tsc = createRequire(join(packageDir, 'package.json')).resolve('typescript/bin/tsc')
const nodeTypes = fileURLToPath(new URL('../../../node_modules/@types', import.meta.url))

let consumer: string
let world: World | undefined

/** Runs a command in the consumer folder, as a vendor's shell would (no monorepo on the path). */
async function sh(file: string, args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(file, args, {
      cwd: consumer,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? consumer, ...env },
      timeout: 180_000,
    })
    return { code: 0, stdout: r.stdout, stderr: r.stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

beforeAll(async () => {
  consumer = await mkdtemp(join(tmpdir(), 'qf-vendor-'))
  await run(process.execPath, [join(packageDir, 'scripts', 'build.mjs'), '--package'], {
    cwd: packageDir,
    timeout: 240_000,
  })
  const packed = await run('npm', ['pack', join(packageDir, 'publish'), '--pack-destination', consumer], {
    cwd: consumer,
    timeout: 60_000,
  })
  const tarball = packed.stdout.trim().split('\n').pop() ?? ''
  expect(tarball).toBe(`qf-editor-kit-${manifest.version}.tgz`)
  await writeFile(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'logiciel-cantine', private: true, type: 'module' }),
  )
  const installed = await sh('npm', [
    'install',
    `./${tarball}`,
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
  ])
  expect(installed.stderr).not.toMatch(/ERR!/)
  expect(installed.code).toBe(0)
}, 400_000)
afterAll(async () => {
  await world?.close()
  if (consumer) await rm(consumer, { recursive: true, force: true })
})

describe('the kit installed from its tarball in an empty folder', { timeout: 180_000 }, () => {
  it('installs only what it declares: no workspace package, its two runtime dependencies', async () => {
    const installed = JSON.parse(
      await readFile(join(consumer, 'node_modules', '@qf', 'editor-kit', 'package.json'), 'utf8'),
    ) as Record<string, unknown>
    expect(installed).toMatchObject({
      name: '@qf/editor-kit',
      version: manifest.version,
      bin: { 'qf-editeur': './dist/cli.js' },
    })
    expect(Object.keys(installed.dependencies as object).sort()).toEqual(['@sinclair/typebox', 'undici'])
    expect(await readdir(join(consumer, 'node_modules', '@qf'))).toEqual(['editor-kit'])
  })

  it('`npx qf-editeur --help` runs, in French, with the package version', async () => {
    const help = await sh('npx', ['--no', '--', 'qf-editeur', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain(`qf-editeur ${manifest.version} — kit éditeurs du Formulaire QF`)
    expect((await sh('npx', ['--no', '--', 'qf-editeur', '--version'])).stdout.trim()).toBe(manifest.version)
  })

  it('imports as ESM and its type declarations type-check (tsc strict, NodeNext)', async () => {
    await writeFile(
      join(consumer, 'vendor.ts'),
      [
        "import { reconcile, parseFormulaireQfDocument, type EditorUser, type FormulaireQfDocument, type ReconcileResult } from '@qf/editor-kit'",
        "import { signWebhook, verifyWebhook } from '@qf/editor-kit/webhook'",
        "import { decodeCsv, parseCsvTable } from '@qf/editor-kit/csv'",
        'export async function match(doc: FormulaireQfDocument, users: EditorUser[]): Promise<string | null> {',
        '  const result: ReconcileResult = await reconcile(doc, users)',
        "  return result.status === 'matched' ? result.userId : null",
        '}',
        "const checked = parseFormulaireQfDocument('{}')",
        'export const errors: string[] = checked.ok ? [] : checked.errors',
        'export const header: string[] = parseCsvTable(decodeCsv(new Uint8Array([0x69, 0x64])).text).header',
        "export const ok: boolean = verifyWebhook('{}', signWebhook('{}', 'un-secret-de-16-car'), ['un-secret-de-16-car']).ok",
        '// @ts-expect-error: a number is no dossier (the declarations are real types, not any)',
        'void reconcile(42, [])',
        '',
      ].join('\n'),
    )
    await writeFile(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [nodeTypes],
        },
        files: ['vendor.ts'],
      }),
    )
    const typecheck = await sh(process.execPath, [tsc, '-p', 'tsconfig.json'])
    expect(typecheck.stdout + typecheck.stderr).toBe('')
    expect(typecheck.code).toBe(0)
    const imported = await sh(process.execPath, [
      '--input-type=module',
      '-e',
      "const kit = await import('@qf/editor-kit'); const w = await import('@qf/editor-kit/webhook'); console.log(typeof kit.pull, typeof kit.reconcile, typeof w.verifyWebhook, kit.formulaireQfJsonSchema().$id)",
    ])
    expect(imported.stderr).toBe('')
    expect(imported.stdout.trim()).toMatch(
      /^function function function urn:qf:schema:formulaire-qf:\d+\.\d+\.\d+$/,
    )
  })

  it('pulls a dossier from the sandbox with the installed bin', async () => {
    world = await startWorld()
    const dep = await world.depositor.deposit(majastres)
    await writeFile(
      join(consumer, 'qf-editeur.json'),
      JSON.stringify({
        hubee: {
          apiUrl: `${world.sandbox.url}/hubee`,
          tokenUrl: `${world.sandbox.url}/hubee-auth/oauth2/token`,
        },
        subscriptions: [{ ...majastres, hubeeClientSecret: hubeeSiSecret }],
      }),
    )
    const pulled = await sh('npx', ['--no', '--', 'qf-editeur', 'pull'])
    expect(pulled.stderr).toBe('')
    expect(pulled.code).toBe(0)
    expect(pulled.stdout).toContain(`dossier ${dep.reference}`)
    expect(await readdir(join(consumer, '.qf-editeur', 'dossiers'))).toEqual([dep.reference])
  })
})
