// Serves the SPA's production build as the nginx image does (apps/web/nginx): fingerprinted assets
// cached for a year, every route without a file falling back to index.html (never cached), gzip for
// text, the same security headers, and the API's public paths forwarded to API_URL. Used by
// `npm run demo`, `npm run lighthouse` and the browser tests (with a fake API in front).
//   node --import tsx apps/web/scripts/serve-dist.ts [distDir]   (PORT=5173, API_URL=http://localhost:3000)
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

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
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.webmanifest'])

/** The API paths nginx forwards (same origin for the browser: first-party cookie, no CORS). */
const API_PATH = /^\/(api(\/|$)|health$|ready$|docs(\/|$)|openapi\.json$)/

/** As apps/web/nginx/security-headers.conf. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
}

/** Answers a request itself (returns true) or lets the server go on (returns false). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>

export interface DistServerOptions {
  /** The build output (index.html, assets/). */
  root: string
  /** 0 for any free port. */
  port?: number
  host?: string
  /** Where /api… goes; without it (and without `handle`) those paths are 404. */
  apiUrl?: string
  /** Tried first for every request (e.g. a fake API in the browser tests). */
  handle?: RequestHandler
  /** The SPA's public URL (WEB_PUBLIC_URL): when it is https, the SPA's files carry HSTS, as with nginx. */
  publicUrl?: string
}

/** As nginx's `$spa_hsts` (15-hsts.envsh): HSTS only for an https public URL. */
export const hstsFor = (publicUrl: string | undefined): Record<string, string> =>
  publicUrl?.startsWith('https://')
    ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }
    : {}

export interface DistServer {
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

const gzipped = new Map<string, Buffer>()

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  cacheControl: string,
  extra: Record<string, string>,
) {
  const extension = extname(file)
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    ...extra,
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'cache-control': cacheControl,
  }
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  if (COMPRESSIBLE.has(extension)) headers.vary = 'Accept-Encoding'
  if (COMPRESSIBLE.has(extension) && acceptsGzip) {
    let body = gzipped.get(file)
    if (!body) {
      body = gzipSync(await readFile(file), { level: 6 })
      gzipped.set(file, body)
    }
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': String(body.length) })
    res.end(req.method === 'HEAD' ? undefined : body)
    return
  }
  res.writeHead(200, headers)
  if (req.method === 'HEAD') res.end()
  else createReadStream(file).pipe(res)
}

function proxy(req: IncomingMessage, res: ServerResponse, apiUrl: string): void {
  const target = new URL(req.url ?? '/', apiUrl)
  const upstream = httpRequest(
    target,
    {
      method: req.method,
      headers: {
        ...req.headers,
        host: req.headers.host ?? target.host,
        'x-forwarded-for': req.socket.remoteAddress ?? '',
        'x-forwarded-proto': 'http',
        'x-forwarded-host': req.headers.host ?? '',
      },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    },
  )
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('API unreachable')
  })
  req.pipe(upstream)
}

/** Starts the server; resolves once it listens. */
export async function startDistServer(options: DistServerOptions): Promise<DistServer> {
  const root = resolve(options.root)
  const indexFile = join(root, 'index.html')
  if (!(await isFile(indexFile))) throw new Error(`${indexFile} is missing: build the SPA first`)
  const hsts = hstsFor(options.publicUrl)

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (options.handle && (await options.handle(req, res))) return
      const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname
      if (options.apiUrl && API_PATH.test(urlPath)) return proxy(req, res, options.apiUrl)
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end()
        return
      }
      const file = fileFor(root, urlPath)
      if (file && (await isFile(file))) {
        const immutable = urlPath.startsWith('/assets/')
        return sendFile(req, res, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache', hsts)
      }
      if (file && extname(urlPath) === '') return sendFile(req, res, indexFile, 'no-cache', hsts)
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolveListen())
  })
  const { port } = server.address() as AddressInfo
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'

  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolveClose()))
      }),
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url))
  const served = await startDistServer({
    root,
    port: Number(process.env.PORT ?? 5173),
    host: process.env.HOST ?? 'localhost',
    apiUrl: process.env.API_URL ?? 'http://localhost:3000',
    ...(process.env.WEB_PUBLIC_URL ? { publicUrl: process.env.WEB_PUBLIC_URL } : {}),
  })
  process.stdout.write(
    `SPA (production build from ${root}) on ${served.url}, API paths → ${process.env.API_URL ?? 'http://localhost:3000'}\n`,
  )
  const stop = () => void served.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
