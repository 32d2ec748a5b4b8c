import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { redactedPaths } from '../src/logger.js'

function capture() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'))
      done()
    },
  })
  const log = pino({ redact: { paths: redactedPaths, censor: '[redacted]' } }, stream)
  return { log, text: () => lines.join('') }
}

describe('logger redaction', () => {
  it('keeps an error’s code (a network or framework failure stays debuggable)', () => {
    const { log, text } = capture()
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4000'), { code: 'ECONNREFUSED' })
    log.error({ err, failure: { code: 'qf_not_found', providerCode: '35003' } }, 'call failed')
    expect(text()).toContain('"code":"ECONNREFUSED"')
    expect(text()).toContain('"code":"qf_not_found"')
    expect(text()).toContain('35003')
  })

  it('censors personal data and credentials by field name', () => {
    const { log, text } = capture()
    log.info(
      {
        user: {
          identity: { familyName: 'MERCIER' },
          accessToken: 'at-secret',
          idToken: 'id-secret',
          given_name: 'Pierre',
        },
        session: { personalData: { quotientFamilial: 2550 }, loginCode: 'lc-secret' },
      },
      'logged',
    )
    for (const leaked of ['MERCIER', 'at-secret', 'id-secret', 'Pierre', '2550', 'lc-secret'])
      expect(text()).not.toContain(leaked)
    expect(text()).toContain('[redacted]')
  })
})
