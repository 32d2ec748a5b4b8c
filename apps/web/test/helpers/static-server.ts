import { startDistServer, type DistServer, type RequestHandler } from '../../scripts/serve-dist.js'

export type { RequestHandler } from '../../scripts/serve-dist.js'

export interface StaticServerOptions {
  /** Tried first for every request, e.g. a fake API on `/api` (same origin, like the nginx proxy). */
  handle?: RequestHandler
}

export type StaticServer = DistServer

/**
 * Serves a built SPA as in production (the server `npm run demo` uses, like the nginx image): files as
 * they are, any other path without an extension gets index.html, missing assets get 404.
 */
export function startStaticServer(rootDir: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  return startDistServer({ root: rootDir, ...(options.handle ? { handle: options.handle } : {}) })
}
