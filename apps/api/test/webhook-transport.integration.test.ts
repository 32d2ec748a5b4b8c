import type { LookupFunction } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UndiciWebhookTransport } from '../src/adapters/webhook/undici-webhook-transport.js'
import { parseNetworks } from '../src/lib/url-policy.js'
import { startScriptedReceiver } from './webhooks/helpers.js'

/** A resolver that answers 127.0.0.1 for any name (what a DNS-rebinding attacker's name would do). */
const rebinding: LookupFunction = (_hostname, options, callback) => {
  if (options.all)
    (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ])
  else callback(null, '127.0.0.1', 4)
}

let receiver: Awaited<ReturnType<typeof startScriptedReceiver>>
beforeAll(async () => {
  receiver = await startScriptedReceiver()
})
afterAll(async () => {
  await receiver?.close()
})

/** A resolver that answers one address for any name. */
const resolvingTo =
  (address: string): LookupFunction =>
  (_hostname, options, callback) => {
    const family = address.includes(':') ? 6 : 4
    if (options.all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }])
    else callback(null, address, family)
  }

const dev = { production: false, allowedNetworks: [] } as const

const request = (url: string) => ({ url, body: '{}', headers: { 'content-type': 'application/json' } })

describe('UndiciWebhookTransport', () => {
  it('posts and answers the receiver’s status', async () => {
    const transport = new UndiciWebhookTransport({
      timeoutMs: 2_000,
      addressPolicy: dev,
      userAgent: 'test',
    })
    try {
      expect(await transport.post(request(receiver.url))).toEqual({ status: 204 })
      expect(receiver.received.at(-1)?.headers['user-agent']).toBe('test')
    } finally {
      await transport.close()
    }
  })

  it('production: refuses a name resolving to a loopback address at send time, and a loopback IP literal', async () => {
    const transport = new UndiciWebhookTransport({
      timeoutMs: 2_000,
      addressPolicy: { production: true },
      lookup: rebinding,
      userAgent: 'test',
    })
    const before = receiver.received.length
    try {
      expect(await transport.post(request(`http://hooks.example.test:${receiver.port}/hooks/qf`))).toEqual({
        failure: 'address_refused',
      })
      expect(await transport.post(request(receiver.url))).toEqual({ failure: 'address_refused' })
      expect(receiver.received.length).toBe(before) // nothing reached the receiver
    } finally {
      await transport.close()
    }
  })

  it('development: a name rebinding to loopback, link-local or a private address is refused at send time (issue 21, L4)', async () => {
    const before = receiver.received.length
    for (const address of ['127.0.0.1', '169.254.169.254', '10.0.0.1', 'fd00:ec2::254']) {
      const transport = new UndiciWebhookTransport({
        timeoutMs: 2_000,
        addressPolicy: dev,
        lookup: resolvingTo(address),
        userAgent: 'test',
      })
      try {
        expect(
          await transport.post(request(`http://hooks.example.test:${receiver.port}/hooks/qf`)),
          address,
        ).toEqual({ failure: 'address_refused' })
      } finally {
        await transport.close()
      }
    }
    expect(receiver.received.length).toBe(before)
  })

  it('production: a name resolving to a special-purpose address (198.18/15, NAT64) is refused (issue 21, L4)', async () => {
    for (const address of ['198.18.0.1', '64:ff9b::a9fe:a9fe', '192.0.0.8', '203.0.113.10']) {
      const transport = new UndiciWebhookTransport({
        timeoutMs: 2_000,
        addressPolicy: { production: true },
        lookup: resolvingTo(address),
        userAgent: 'test',
      })
      try {
        expect(await transport.post(request('https://hooks.example.test/hooks/qf')), address).toEqual({
          failure: 'address_refused',
        })
        const host = address.includes(':') ? `[${address}]` : address
        expect(await transport.post(request(`https://${host}/hooks/qf`)), address).toEqual({
          failure: 'address_refused',
        })
      } finally {
        await transport.close()
      }
    }
  })

  it('the same name is reached when ops name the network for a local test (WEBHOOK_ALLOWED_NETWORKS)', async () => {
    const transport = new UndiciWebhookTransport({
      timeoutMs: 2_000,
      addressPolicy: { production: false, allowedNetworks: parseNetworks('127.0.0.0/8') },
      lookup: rebinding,
      userAgent: 'test',
    })
    try {
      expect(await transport.post(request(`http://hooks.example.test:${receiver.port}/hooks/qf`))).toEqual({
        status: 204,
      })
    } finally {
      await transport.close()
    }
  })

  it('a receiver that does not answer in time is a timeout; a closed port is a network error', async () => {
    const { createServer } = await import('node:http')
    const silent = createServer(() => undefined) // never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()))
    const port = (silent.address() as { port: number }).port
    const transport = new UndiciWebhookTransport({
      timeoutMs: 500,
      addressPolicy: dev,
      userAgent: 'test',
    })
    try {
      expect(await transport.post(request(`http://127.0.0.1:${port}/`))).toEqual({ failure: 'timeout' })
      silent.closeAllConnections()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
      expect(await transport.post(request(`http://127.0.0.1:${port}/`))).toEqual({ failure: 'network' })
    } finally {
      await transport.close()
    }
  })
})
