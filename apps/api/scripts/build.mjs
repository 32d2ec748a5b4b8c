// Bundles the API (and its workspace packages, which ship TypeScript sources) into dist/;
// npm dependencies stay external and are loaded from node_modules at run time.
import { readFileSync } from 'node:fs'
import { build } from 'esbuild'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@qf/'))

await build({
  entryPoints: { server: 'src/server.ts', migrate: 'src/migrate-cli.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  logLevel: 'warning',
})
process.stdout.write('Built apps/api/dist (server.js, migrate.js, cli.js)\n')
