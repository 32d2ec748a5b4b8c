import { ConfigError, loadConfig } from './config/load.js'
import { migrate, openDatabase } from './open-database.js'

/** `pnpm migrate`: brings the configured database (or the embedded one) to the latest migration. */
try {
  const config = loadConfig()
  const database = await openDatabase(config)
  const applied = await migrate(database.url)
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database already up to date.\n')
  await database.embedded?.stop()
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`)
  process.exit(1)
}
