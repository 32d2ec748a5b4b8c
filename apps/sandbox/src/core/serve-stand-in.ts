import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { StandIn, StandInContext } from './stand-in.js'

export interface ServedStandIn<S extends StandIn> {
  url: string
  standIn: S
  close(): Promise<void>
}

/** Serves one stand-in alone on 127.0.0.1 (free port), without the sandbox dispatcher and its faults. */
export async function serveStandIn<S extends StandIn>(
  create: (ctx: StandInContext) => S | Promise<S>,
  seed = true,
): Promise<ServedStandIn<S>> {
  const slot: { standIn?: S } = {}
  const server = createServer((req, res) => {
    if (!slot.standIn) {
      res.writeHead(503).end()
      return
    }
    slot.standIn.handle(req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const served = await create({ publicUrl: url, seed })
  slot.standIn = served
  return {
    url,
    standIn: served,
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
      await served.close()
    },
  }
}
