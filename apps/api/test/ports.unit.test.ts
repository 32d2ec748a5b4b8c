import { DrivenClock } from '@qf/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { HttpApiParticulier } from '../src/adapters/api-particulier/http-api-particulier.js'
import { InMemoryQuotientFamilialProvider } from '../src/adapters/in-memory/index.js'
import { UndiciHubee } from '../src/adapters/hubee/undici-hubee.js'
import { PgBossJobQueue } from '../src/adapters/pg-boss/pg-boss-job-queue.js'
import { loadConfig } from '../src/config/load.js'
import { buildPorts } from '../src/ports.js'

const context = {
  config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
  databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
  logError: () => undefined,
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the composition root (ports.ts)', () => {
  it('builds the adapters the configuration names, and closes what it built (the undici agent)', async () => {
    const closeAgent = vi.spyOn(HttpApiParticulier.prototype, 'close')
    const stopQueue = vi.spyOn(PgBossJobQueue.prototype, 'stop')
    const closeHub = vi.spyOn(UndiciHubee.prototype, 'close')
    const built = buildPorts(context)
    expect(built.ports.quotientFamilial).toBeInstanceOf(HttpApiParticulier)
    expect(built.ports.jobQueue).toBeInstanceOf(PgBossJobQueue)
    expect(built.ports.dossierHub).toBeInstanceOf(UndiciHubee)
    await built.close()
    expect(closeAgent).toHaveBeenCalledTimes(1)
    expect(closeHub).toHaveBeenCalledTimes(1)
    expect(stopQueue).toHaveBeenCalledTimes(1)
  })

  it('uses an override as given, and never closes it', async () => {
    const closeAgent = vi.spyOn(HttpApiParticulier.prototype, 'close')
    const fake = new InMemoryQuotientFamilialProvider()
    const clock = new DrivenClock()
    const built = buildPorts(context, { quotientFamilial: fake, clock })
    expect(built.ports.quotientFamilial).toBe(fake)
    expect(built.ports.clock).toBe(clock)
    await built.close()
    expect(closeAgent).not.toHaveBeenCalled()
  })
})
