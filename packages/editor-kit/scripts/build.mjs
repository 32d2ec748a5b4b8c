// Builds the kit.
// - `node scripts/build.mjs`: the esbuild bundles in dist/ (cli.js, index.js, webhook.js, csv.js), what the
//   monorepo runs (`node packages/editor-kit/dist/cli.js`). The workspace's @qf/contracts ships TypeScript
//   sources, so it is bundled in; npm dependencies stay external, loaded from node_modules at run time.
// - `node scripts/build.mjs --package`: the installable npm package in publish/ (the same bundles in
//   publish/dist, the type declarations by tsc, its own package.json: exports → built files, runtime
//   dependencies only, bin, version), which
//   `npm pack ./publish` turns into qf-editor-kit-<version>.tgz (ADR 0033).
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const runtimeDependencies = Object.fromEntries(
  Object.entries(pkg.dependencies).filter(([name]) => !name.startsWith('@qf/')),
)

/** Entry points: the bundle name, its source, and (for the package) its subpath export. */
const entries = [
  { name: 'cli', source: 'src/cli.ts' },
  { name: 'index', source: 'src/index.ts', subpath: '.' },
  { name: 'webhook', source: 'src/webhook/signature.ts', subpath: './webhook' },
  { name: 'csv', source: 'src/csv.ts', subpath: './csv' },
]

// The package is built into publish/ on its own (never copied from dist/, which another build — a test's —
// may be rewriting at the same moment).
const packaging = process.argv.includes('--package')
const out = join(root, 'publish')
const dist = packaging ? join(out, 'dist') : join(root, 'dist')
if (packaging) rmSync(out, { recursive: true, force: true })

await build({
  entryPoints: Object.fromEntries(entries.map((e) => [e.name, e.source])),
  outdir: dist,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: Object.keys(runtimeDependencies),
  logLevel: 'warning',
})
chmodSync(join(dist, 'cli.js'), 0o755)
process.stdout.write(
  `Built ${relative(join(root, '..', '..'), dist)} (cli.js, index.js, webhook.js, csv.js)\n`,
)

if (packaging) {
  // Declarations of the kit and of the contracts it bundles; the kit's `@qf/contracts` imports are
  // rewritten to the bundled copy's declarations, so the package needs no workspace package.
  const types = join(dist, 'types')
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', types], {
    stdio: 'inherit',
  })
  const contractsIndex = join(types, 'contracts', 'src', 'index.d.ts')
  const walk = (dir) =>
    readdirSync(dir).flatMap((n) =>
      statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)],
    )
  for (const file of walk(join(types, 'editor-kit'))) {
    const target = relative(dirname(file), contractsIndex).replace(/\.d\.ts$/, '.js')
    const spec = target.startsWith('.') ? target : `./${target}`
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll(`'@qf/contracts'`, `'${spec}'`))
  }

  for (const part of ['schema', 'config', 'README.md', 'CHANGELOG.md'])
    cpSync(join(root, part), join(out, part), { recursive: true })
  const typesOf = (source) => `./dist/types/editor-kit/${source.replace(/\.ts$/, '.d.ts')}`
  const manifest = {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    type: 'module',
    engines: { node: '>=20.19' },
    bin: { 'qf-editeur': './dist/cli.js' },
    types: typesOf('src/index.ts'),
    exports: {
      ...Object.fromEntries(
        entries
          .filter((e) => e.subpath)
          .map((e) => [e.subpath, { types: typesOf(e.source), default: `./dist/${e.name}.js` }]),
      ),
      './schema/*': './schema/*',
      './package.json': './package.json',
    },
    files: ['dist', 'schema', 'config', 'README.md', 'CHANGELOG.md'],
    dependencies: runtimeDependencies,
  }
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  process.stdout.write(`Built the npm package in packages/editor-kit/publish (${pkg.name}@${pkg.version})\n`)
}
