import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
}

/** Answers a request itself (returns true) or lets the static files serve it (returns false). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>

export interface StaticServerOptions {
  /** Tried first for every request, e.g. a fake API on `/api` (same origin, like the nginx proxy). */
  handle?: RequestHandler
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string
  close(): Promise<void>
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/** Maps a URL path to a file under root, or undefined if it would escape root. */
function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  const candidate = resolve(join(root, normalize(decoded)))
  return candidate === root || candidate.startsWith(root + sep) ? candidate : undefined
}

function send(res: ServerResponse, req: IncomingMessage, status: number, file: string): void {
  res.writeHead(status, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
  })
  if (req.method === 'HEAD') res.end()
  else createReadStream(file).pipe(res)
}

/**
 * Serves a built SPA like the production nginx: existing files as they are, any other path without a
 * file extension gets index.html (client-side routing), missing assets get 404.
 */
export async function startStaticServer(
  rootDir: string,
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const root = resolve(rootDir)
  const indexFile = join(root, 'index.html')

  const server = createServer((req, res) => {
    void (async () => {
      if (options.handle && (await options.handle(req, res))) return
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end()
        return
      }
      const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname
      const file = fileFor(root, urlPath)
      if (file && (await isFile(file))) return send(res, req, 200, file)
      if (file && extname(urlPath) === '') return send(res, req, 200, indexFile)
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolveListen())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolveClose()))
      }),
  }
}
