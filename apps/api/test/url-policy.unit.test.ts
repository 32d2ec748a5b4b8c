import { describe, expect, it } from 'vitest'
import { browserUrlAllowed, isLocalOrPrivateHost, isLoopbackHost } from '../src/lib/url-policy.js'

const host = (url: string) => new URL(url).hostname

describe('url policy: local and private hosts', () => {
  it.each([
    'http://localhost',
    'http://LOCALHOST.',
    'http://a.localhost',
    'http://127.0.0.1',
    'http://127.0.0.2',
    'http://127.255.255.254',
    'http://2130706433',
    'http://[::1]',
    'http://[::ffff:127.0.0.1]',
  ])('%s is loopback (and local)', (url) => {
    expect(isLoopbackHost(host(url))).toBe(true)
    expect(isLocalOrPrivateHost(host(url))).toBe(true)
  })

  it.each([
    'http://0.0.0.0',
    'http://10.0.0.1',
    'http://100.64.0.1',
    'http://172.16.0.1',
    'http://172.31.0.1',
    'http://192.168.0.1',
    'http://169.254.169.254',
    'http://[::]',
    'http://[fc00::1]',
    'http://[fdff::1]',
    'http://[fe80::1]',
    'http://[febf::1]',
    'http://[::ffff:10.0.0.1]',
  ])('%s is local or private, not loopback', (url) => {
    expect(isLocalOrPrivateHost(host(url))).toBe(true)
    expect(isLoopbackHost(host(url))).toBe(false)
  })

  it.each([
    'https://oidc.franceconnect.gouv.fr',
    'https://localhost.example.fr',
    'https://172.32.0.1',
    'https://192.169.1.1',
    'https://11.0.0.1',
    'https://[2001:db8::1]',
    'https://[ff02::1]',
  ])('%s is neither', (url) => {
    expect(isLocalOrPrivateHost(host(url))).toBe(false)
  })

  it('browser URLs: https anywhere, plain http on loopback outside production only', () => {
    expect(browserUrlAllowed(new URL('https://portail.fr/qf'), false)).toBe(true)
    expect(browserUrlAllowed(new URL('http://127.0.0.2:8080/'), true)).toBe(true)
    expect(browserUrlAllowed(new URL('http://127.0.0.2:8080/'), false)).toBe(false)
    expect(browserUrlAllowed(new URL('http://192.168.1.2/'), true)).toBe(false)
    expect(browserUrlAllowed(new URL('ftp://localhost/'), true)).toBe(false)
  })
})
