import { runCli } from './cli/run.js'
import { ConfigError, loadConfig } from './config/load.js'
import { openDatabase } from './open-database.js'

/** `npm run cli -- …`: the operations CLI (a thin shell over `cli/run.ts`). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('token (then Enter, Ctrl-D): ')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array))
  return Buffer.concat(chunks).toString('utf8')
}

try {
  const config = loadConfig()
  const database = await openDatabase(config)
  const code = await runCli(
    process.argv.slice(2),
    { config, databaseUrl: database.url, cwd: process.env.INIT_CWD ?? process.cwd() },
    {
      stdout: process.stdout,
      stderr: process.stderr,
      readStdin,
    },
  )
  await database.embedded?.stop()
  process.exit(code)
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`)
  process.exit(1)
}
