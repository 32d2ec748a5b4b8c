import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BodyTooLargeError, HttpClient } from '../src/http.js'

let server: Server
let url = ''
let sent = 0
beforeAll(async () => {
  // An endless attachment (what a malicious HubEE could send): 64 kB chunks until the client hangs up.
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    const chunk = Buffer.alloc(64 * 1024, 1)
    const push = () => {
      while (!res.destroyed && sent < 300 * 1024 * 1024) {
        sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', push)
      }
      res.end()
    }
    req.socket.on('close', () => res.destroy())
    push()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.address()
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/attachment`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('HttpClient with a size cap (issue 21, L7)', () => {
  it('stops reading an answer past maxBytes, without holding it whole', async () => {
    const http = new HttpClient('HubEE', 10_000)
    try {
      const before = process.memoryUsage().rss
      await expect(http.send({ method: 'GET', url, maxBytes: 2 * 1024 * 1024 })).rejects.toBeInstanceOf(
        BodyTooLargeError,
      )
      // Far less than the 300 MB the server would send was read (it stops at the cap, give or take the buffers).
      expect(sent).toBeLessThan(64 * 1024 * 1024)
      expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024)
    } finally {
      await http.close()
    }
  })
})
