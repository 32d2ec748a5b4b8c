import pino from 'pino'
import { buildServer } from './build-server.js'
import { ConfigError, loadConfig } from './config/load.js'
import { loggerOptions, stdoutDestination } from './logger.js'
import { migrate, openDatabase, waitForDatabase } from './open-database.js'
import { loginCallbackBudgetMs } from './ports.js'

/** The thin shell: configuration → database → migrations → app → listen; graceful close on signals. */
async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(78)
    }
    throw err
  }
  const bootLog = pino(loggerOptions(config.logLevel), stdoutDestination())
  const database = await openDatabase(config)
  if (!database.embedded)
    await waitForDatabase(database.url, { waitMs: config.database.waitMs, log: bootLog })
  await migrate(database.url)
  const server = await buildServer({ config, databaseUrl: database.url })

  let closing = false
  const close = async (signal: string) => {
    if (closing) return
    closing = true
    // In-flight requests finish (a login callback may wait on FranceConnect and API Particulier for
    // loginCallbackBudgetMs), running jobs get SHUTDOWN_GRACE_MS; past the longer of the two (+ 5 s
    // for the connections to close), the process ends anyway, with exit code 1.
    const drainMs = Math.max(config.http.shutdownGraceMs, loginCallbackBudgetMs)
    server.log.info({ signal, drainMs }, 'shutting down')
    const timer = setTimeout(() => {
      server.log.error({ drainMs }, 'shutdown did not finish in time: exiting')
      process.exit(1)
    }, drainMs + 5_000)
    timer.unref()
    try {
      await server.close()
      await database.embedded?.stop()
      process.exit(0)
    } catch (err) {
      server.log.error({ err }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.once('SIGTERM', () => void close('SIGTERM'))
  process.once('SIGINT', () => void close('SIGINT'))

  await server.listen({ host: config.http.host, port: config.http.port })
}

main().catch((err: unknown) => {
  process.stderr.write(
    `API failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  )
  process.exit(1)
})
