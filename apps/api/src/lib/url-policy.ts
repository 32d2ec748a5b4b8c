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
