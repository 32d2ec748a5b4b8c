// The sandbox as its own process for the bench: `tsx bench/sandbox-process.ts`, configured by
// BENCH_SANDBOX (JSON: port and the FranceConnect relying parties to register). Prints one JSON line
// `{"url": …}` once listening; SIGTERM closes it.
import { startSandbox, type FranceConnectClient } from '@qf/sandbox'

const options = JSON.parse(process.env.BENCH_SANDBOX ?? '{}') as {
  port?: number
  franceConnectClients?: FranceConnectClient[]
}
const sandbox = await startSandbox({
  port: options.port ?? 0,
  host: '127.0.0.1',
  publicUrl: `http://127.0.0.1:${options.port ?? 0}`,
  franceConnectClients: options.franceConnectClients ?? [],
})
process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`)
const stop = () => {
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
