// Bundles the CLI and the library into dist/ (the workspace's @qf/contracts ships TypeScript sources,
// so it is bundled in); npm dependencies stay external, loaded from node_modules at run time.
import { chmodSync, readFileSync } from 'node:fs'
import { build } from 'esbuild'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@qf/'))

await build({
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  logLevel: 'warning',
})
chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755)
process.stdout.write('Built packages/editor-kit/dist (cli.js, index.js)\n')
