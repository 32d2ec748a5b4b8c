import { startSandbox, type Sandbox } from '@qf/sandbox'
import { startJourneyWorld as startWorld, type JourneyWorld as World, type LogStream } from '@qf/testing'
import { inProcessApi } from '../../src/in-process.js'
import type { Ports } from '../../src/ports.js'

export {
  HAUTELUCE,
  MAJASTRES,
  PORTAL_ORIGIN,
  SPA_ORIGIN,
  currentSession,
  fullLogin,
  land,
  loginAtFranceConnect,
  openCallback,
} from '@qf/testing'

export type JourneyWorld = World<Sandbox>

/** The journey world of `@qf/testing` with this API in-process and the sandbox's stand-ins. */
export const startJourneyWorld = (
  options: {
    instances?: number
    ports?: Partial<Ports>
    /** Variables on top of the world's own (e.g. `LOG_LEVEL`). */
    env?: Record<string, string>
    /** Where the API instances write their log lines. */
    logStream?: LogStream
    /** An embedded PGlite even when DATABASE_URL names a server. */
    embedded?: boolean
  } = {},
) =>
  startWorld({
    api: inProcessApi,
    startSandbox,
    ...(options.instances ? { instances: options.instances } : {}),
    ...(options.ports ? { overrides: options.ports } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.embedded ? { embedded: true } : {}),
  })
