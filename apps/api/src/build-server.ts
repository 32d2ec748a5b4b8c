import { randomUUID } from 'node:crypto'
import { BlockList, isIP } from 'node:net'
import AjvCompiler from '@fastify/ajv-compiler'
import Fastify, { type FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { app, type AppOptions } from './app.js'
import { AccessLog, loggerOptions, stdoutDestination } from './logger.js'
import { clientErrorHandler, frameworkErrors } from './plugins/errors.js'

/**
 * An `X-Request-Id` is honoured only behind a trusted proxy (TRUST_PROXY, the proxy sets or overwrites
 * it) and only in this strict form; otherwise, and always for a direct client, the id is a fresh UUID:
 * a client never chooses the log's `reqId` nor the problem's `instance`.
 */
const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/
// `unicodeRegExp`: patterns are compiled with the `u` flag (the contracts' `\p{…}` classes need it).
const ajvOptions = {
  allErrors: true,
  removeAdditional: false,
  useDefaults: true,
  unicodeRegExp: true,
} as const
const compilerFactory = AjvCompiler()

/** Whether the TCP peer is a proxy TRUST_PROXY trusts (every peer with `true`, only the named ones otherwise). */
function trustedPeer(trust: boolean | string[]): (address: string | undefined) => boolean {
  if (typeof trust === 'boolean') return () => trust
  const list = new BlockList()
  for (const network of trust) {
    const [prefix = '', length = ''] = network.split('/')
    list.addSubnet(prefix, Number(length), isIP(prefix) === 6 ? 'ipv6' : 'ipv4')
  }
  return (address) => {
    if (!address) return false
    const family = isIP(address)
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4')
  }
}

export interface ServerOptions {
  /** Where the JSON log lines go (default: stdout). */
  logStream?: { write(line: string): unknown }
}

/** A Fastify instance with the app mounted, not listening yet. */
export async function buildServer(
  options: AppOptions,
  { logStream }: ServerOptions = {},
): Promise<FastifyInstance> {
  const { config } = options
  const fromTrustedProxy = trustedPeer(config.http.trustProxy)
  const server = Fastify({
    logger: { ...loggerOptions(config.logLevel), stream: logStream ?? stdoutDestination() },
    // One access line per request, written when the response is sent, instead of Fastify's two
    // ("incoming request" + "request completed").
    logController: new AccessLog(),
    trustProxy: config.http.trustProxy,
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.requestTimeoutMs,
    keepAliveTimeout: 5_000,
    bodyLimit: 64 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return fromTrustedProxy(req.socket.remoteAddress) &&
        typeof given === 'string' &&
        requestIdPattern.test(given)
        ? given
        : randomUUID()
    },
    // Query strings, params and headers are text: coerced to the schema's types. JSON bodies are
    // typed already: never coerced (`{"externalId": 12}` is an error, not "12").
    schemaController: {
      compilersFactory: {
        buildValidator: (externalSchemas) => {
          const body = compilerFactory(externalSchemas, {
            customOptions: { ...ajvOptions, coerceTypes: false },
          })
          const text = compilerFactory(externalSchemas, {
            customOptions: { ...ajvOptions, coerceTypes: 'array' },
          })
          return (route) => (route.httpPart === 'body' ? body(route) : text(route))
        },
      },
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Errors raised before any route (bad URL encoding, over-long parameter, oversized headers): the
    // same problem+json as the error handler's, from the same catalog.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>()
  server.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id)
  })
  await server.register(app, options)
  return server
}
