import { demoClientEncryption, startSandbox } from './index.js'

const port = Number(process.env.SANDBOX_PORT ?? 4000)
const sandbox = await startSandbox({
  port,
  host: process.env.SANDBOX_HOST ?? '0.0.0.0',
  publicUrl: process.env.SANDBOX_PUBLIC_URL,
  franceConnectDemoClientEncryption: demoClientEncryption(),
})
process.stdout.write(`Sandbox listening on ${sandbox.url}\n`)

const stop = () => {
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
