import { readFileSync } from 'node:fs'
import { BlockList } from 'node:net'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadConfig } from '../src/config/load.js'

interface Service {
  environment?: Record<string, string>
  ports?: string[]
  networks?: { default?: { ipv4_address?: string } }
}
const compose = parse(
  readFileSync(fileURLToPath(new URL('../../../docker-compose.yml', import.meta.url)), 'utf8'),
) as {
  services: Record<string, Service>
  networks?: { default?: { ipam?: { config?: { subnet?: string }[] } } }
}

describe('docker-compose.yml: X-Forwarded-For is trusted from the web container only (issue 21, L3)', () => {
  const api = compose.services.api
  const web = compose.services.web
  const trusted = loadConfig({ TRUST_PROXY: String(api?.environment?.TRUST_PROXY ?? 'false') }).http
    .trustProxy

  it('the API trusts the web container’s fixed address, not every hop', () => {
    expect(trusted).not.toBe(true)
    const proxy = web?.networks?.default?.ipv4_address
    expect(proxy).toBeDefined()
    const list = new BlockList()
    for (const n of Array.isArray(trusted) ? trusted : []) {
      const [prefix = '', length = ''] = n.split('/')
      list.addSubnet(prefix, Number(length), 'ipv4')
    }
    expect(list.check(proxy ?? '', 'ipv4')).toBe(true)
    // A client published through Docker arrives from the bridge gateway (.1 of the subnet): not trusted.
    const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet ?? ''
    const gateway = subnet.replace(/\.0\/\d+$/, '.1')
    expect(gateway).toMatch(/^\d+\.\d+\.\d+\.1$/)
    expect(list.check(gateway, 'ipv4')).toBe(false)
  })

  it('the API port is published on this machine only; the web container is the public entry', () => {
    for (const port of api?.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/)
    expect(web?.ports).toContain('5173:80')
  })
})
