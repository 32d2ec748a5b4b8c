import { BlockList, isIP } from 'node:net'

/**
 * Which hosts are "local": loopback, private, link-local, shared or unspecified addresses, and the
 * `localhost` names. Production refuses them for every outside system and public URL; outside
 * production plain http is allowed for browser URLs on loopback hosts only. One helper for both, so
 * the allowance and the refusal cannot drift apart.
 */
const localNetworks = new BlockList()
for (const [prefix, length] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  localNetworks.addSubnet(prefix, length, 'ipv4')
for (const [prefix, length] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
] as const)
  localNetworks.addSubnet(prefix, length, 'ipv6')
// IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) are matched against the IPv4 rules by BlockList.

const loopbackNetworks = new BlockList()
loopbackNetworks.addSubnet('127.0.0.0', 8, 'ipv4')
loopbackNetworks.addAddress('::1', 'ipv6')

/** `URL.hostname` without IPv6 brackets nor a trailing dot, lower-cased. */
function bareHost(hostname: string): string {
  return hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase()
}

const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost')

function inNetworks(list: BlockList, host: string): boolean {
  const family = isIP(host)
  return family !== 0 && list.check(host, family === 6 ? 'ipv6' : 'ipv4')
}

/** Loopback: `localhost`, `*.localhost`, 127.0.0.0/8, ::1 (and their IPv4-mapped forms). */
export function isLoopbackHost(hostname: string): boolean {
  const host = bareHost(hostname)
  return isLocalhostName(host) || inNetworks(loopbackNetworks, host)
}

/** Loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10), unspecified. */
export function isLocalOrPrivateHost(hostname: string): boolean {
  const host = bareHost(hostname)
  return isLocalhostName(host) || inNetworks(localNetworks, host)
}

/**
 * Why production may not use this URL for an outside system or a public address, or undefined:
 * it must be https and must not point at a local or private address.
 */
export function productionUrlRefusal(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'is not a URL'
  }
  if (url.protocol !== 'https:') return `must use https in production (got ${url.protocol}//${url.host})`
  if (isLocalOrPrivateHost(url.hostname))
    return `points at a loopback, private or link-local address (${url.hostname}); not allowed in production`
  return undefined
}

/**
 * A URL a browser is sent to: https, or (outside production only) plain http on a loopback host.
 */
export function browserUrlAllowed(url: URL, allowLocalHttp: boolean): boolean {
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && allowLocalHttp && isLoopbackHost(url.hostname)
}

type Network = readonly [prefix: string, length: number]
const blockList = (v4: readonly Network[], v6: readonly Network[]) => {
  const list = new BlockList()
  for (const [prefix, length] of v4) list.addSubnet(prefix, length, 'ipv4')
  for (const [prefix, length] of v6) list.addSubnet(prefix, length, 'ipv6')
  return list
}

/**
 * Every range of the IANA special-purpose address registries (IPv4 and IPv6), plus multicast and the
 * reserved 240/4: no webhook receiver in production may be there, whatever else they allow. (IPv4-mapped
 * IPv6 addresses, `::ffff:a.b.c.d`, are matched by BlockList against the IPv4 rules.)
 */
const specialPurposeNetworks = blockList(
  [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.0.2.0', 24], // TEST-NET-1
    ['192.31.196.0', 24], // AS112-v4
    ['192.52.193.0', 24], // AMT
    ['192.88.99.0', 24], // 6to4 relay anycast
    ['192.168.0.0', 16],
    ['192.175.48.0', 24], // direct delegation AS112
    ['198.18.0.0', 15], // benchmarking (RFC 2544)
    ['198.51.100.0', 24], // TEST-NET-2
    ['203.0.113.0', 24], // TEST-NET-3
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, limited broadcast
  ],
  [
    ['::', 128],
    ['::1', 128],
    ['64:ff9b::', 96], // NAT64 (RFC 6052)
    ['64:ff9b:1::', 48], // local-use NAT64
    ['100::', 64], // discard-only
    ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID…)
    ['2001:db8::', 32], // documentation
    ['2002::', 16], // 6to4
    ['3fff::', 20], // documentation
    ['5f00::', 16], // segment routing SIDs
    ['fc00::', 7], // unique local
    ['fe80::', 10], // link-local
    ['fec0::', 10], // site-local (deprecated)
    ['ff00::', 8], // multicast
  ],
)

/** Never a webhook receiver, even outside production: link-local, cloud metadata, unspecified, NAT64, multicast. */
const neverReachable = blockList(
  [
    ['0.0.0.0', 8],
    ['169.254.0.0', 16],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ],
  [
    ['::', 128],
    ['fd00:ec2::254', 128], // AWS metadata over IPv6
    ['64:ff9b::', 96],
    ['64:ff9b:1::', 48],
    ['fe80::', 10],
    ['ff00::', 8],
  ],
)

/** Private ranges: refused outside production too, unless `WEBHOOK_ALLOWED_NETWORKS` names them. */
const privateNetworks = blockList(
  [
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
  ],
  [['fc00::', 7]],
)

/** A network named in the configuration (`WEBHOOK_ALLOWED_NETWORKS`). */
export interface NamedNetwork {
  prefix: string
  length: number
  family: 'ipv4' | 'ipv6'
}

/** `10.1.0.0/16,fd12::/64` → the networks; throws on a malformed entry. */
export function parseNetworks(text: string): NamedNetwork[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^([^/]+)\/(\d{1,3})$/.exec(entry)
      const family = match?.[1] ? isIP(match[1]) : 0
      const length = Number(match?.[2])
      if (!match?.[1] || family === 0 || length > (family === 4 ? 32 : 128))
        throw new Error(`${entry} is not a network (address/length, e.g. 10.0.0.0/8)`)
      return { prefix: match[1], length, family: family === 4 ? 'ipv4' : 'ipv6' }
    })
}

/** Where webhooks may go: production (public addresses only), or elsewhere with the networks named for local tests. */
export type WebhookAddressPolicy =
  { production: true } | { production: false; allowedNetworks: readonly NamedNetwork[] }

/**
 * Whether a webhook may be sent to `address` (an IP address), reached through the URL host `host`.
 * Production: never a special-purpose address (IANA registries). Elsewhere: never link-local, metadata,
 * unspecified, NAT64 or multicast; a private range only when `allowedNetworks` names it; loopback only
 * when the URL itself names it (`localhost`, `127.0.0.1`, `[::1]`: the developer's own machine), not
 * through another name (DNS rebinding to a local port).
 */
export function webhookAddressAllowed(address: string, host: string, policy: WebhookAddressPolicy): boolean {
  const bare = bareHost(address)
  const family = isIP(bare)
  if (family === 0) return false
  const type = family === 6 ? 'ipv6' : 'ipv4'
  if (policy.production) return !specialPurposeNetworks.check(bare, type)
  if (neverReachable.check(bare, type)) return false
  const allowed = new BlockList()
  for (const n of policy.allowedNetworks) allowed.addSubnet(n.prefix, n.length, n.family)
  if (allowed.check(bare, type)) return true
  if (privateNetworks.check(bare, type)) return false
  if (loopbackNetworks.check(bare, type)) return isLoopbackHost(host)
  return true
}
