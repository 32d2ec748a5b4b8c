import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'
import pino from 'pino'

/**
 * Never logged: cookies, credentials, and personal data, by the names of the fields that carry them
 * wherever they sit in a logged object (one level down: `{ err }`, `{ user }`…). Not `code`: an
 * error's `code` (ECONNREFUSED, FST_*, a provider's code) is what one debugs with; OAuth codes and
 * states only travel in query strings, and request URLs are logged without their query string.
 */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.cookie',
  '*.access_token',
  '*.accessToken',
  '*.id_token',
  '*.idToken',
  '*.refresh_token',
  '*.client_secret',
  '*.clientSecret',
  '*.token',
  '*.sessionToken',
  '*.loginCode',
  '*.secret',
  '*.given_name',
  '*.given_name_array',
  '*.family_name',
  '*.birthdate',
  '*.birthplace',
  '*.birthcountry',
  '*.gender',
  '*.nom_naissance',
  '*.nom_usage',
  '*.prenoms',
  '*.date_naissance',
  '*.allocataires',
  '*.enfants',
  '*.adresse',
  '*.quotient_familial',
  '*.identity',
  '*.quotientFamilial',
  '*.personalData',
  '*.rawQuotientFamilial',
]

export function loggerOptions(level: string) {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req: (req: { id: string; method: string; url: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
  }
}

let destination: pino.DestinationStream | undefined

/** Bytes of log lines gathered before a write, and the longest a line waits when traffic is low. */
const LOG_BATCH_BYTES = 8 * 1024
const LOG_FLUSH_MS = 1_000

/**
 * Standard output, written asynchronously and in batches: lines are gathered until 8 kB or for at
 * most one second, then handed to the kernel in one write without blocking the event loop (one
 * write per line cost the API a tenth of its CPU). One per process; flushed synchronously when the
 * process exits, so a shutdown or a crash keeps its last lines.
 */
export function stdoutDestination(): pino.DestinationStream {
  if (!destination) {
    const stream = pino.destination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES })
    setInterval(() => {
      try {
        stream.flush()
      } catch {
        // Not open yet, or a write in flight: the next tick flushes.
      }
    }, LOG_FLUSH_MS).unref()
    process.once('exit', () => {
      try {
        stream.flushSync()
      } catch {
        // Nothing more can be done while exiting.
      }
    })
    destination = stream
  }
  return destination
}

/**
 * The access log: one line per request, written when its response has been sent — its id (`reqId`,
 * from the request's child logger), method, path without the query string, status and time
 * (`request completed`, or `request errored` with the error). Fastify's own "incoming request" and
 * "Route … not found" lines are not written: the access line says it all, once.
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const line = { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}
