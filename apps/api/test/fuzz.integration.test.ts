import { connect } from 'node:net'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LogCapture } from './helpers/log-capture.js'
import { MAJASTRES, SPA_ORIGIN, startJourneyWorld, type JourneyWorld } from './helpers/journey-world.js'

// Issue 7: every documented route (from the app's own OpenAPI document), every path parameter, query
// parameter and JSON body string field, fed NUL bytes, controls, lone surrogates (raw bytes and
// percent-encoded), over-long values and bad encodings: only 4xx problem+json, and no error log line.

const StringSchema = Type.Object({
  type: Type.Optional(Type.String()),
  pattern: Type.Optional(Type.String()),
})
const Parameter = Type.Object({
  name: Type.String(),
  in: Type.String(),
  required: Type.Optional(Type.Boolean()),
  schema: Type.Optional(StringSchema),
})
const Operation = Type.Object({
  operationId: Type.String(),
  parameters: Type.Optional(Type.Array(Parameter)),
  requestBody: Type.Optional(
    Type.Object({
      content: Type.Record(
        Type.String(),
        Type.Object({
          schema: Type.Object({
            required: Type.Optional(Type.Array(Type.String())),
            properties: Type.Optional(Type.Record(Type.String(), StringSchema)),
          }),
        }),
      ),
    }),
  ),
})
const Document = Type.Object({
  paths: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown())),
})
type Operation = Static<typeof Operation>

const methods = new Set(['get', 'post', 'put', 'patch', 'delete'])

/** A value that passes a field's schema, for the fields not being fuzzed. */
const plausible = (schema: Static<typeof StringSchema> | undefined) =>
  schema?.pattern === '^\\d{14}$' ? MAJASTRES : 'abcdefghijklmnopqrstuvwxyz012345'

/** Evil values for a URL part, already as they go on the wire (percent-encoded or raw bytes). */
const urlValues: [string, Buffer][] = [
  ['NUL', Buffer.from('a%00b')],
  ['NUL alone', Buffer.from('%00')],
  ['escape control', Buffer.from('a%1Bb')],
  ['C1 control', Buffer.from('a%C2%85b')],
  ['lone surrogate, percent-encoded', Buffer.from('a%ED%A0%80b')],
  ['lone surrogate, raw bytes', Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62])],
  ['bad percent-encoding', Buffer.from('%E0%A4%A')],
  ['truncated percent', Buffer.from('abc%')],
  ['invalid percent', Buffer.from('%G0')],
  ['invalid UTF-8 byte, encoded', Buffer.from('%FF')],
  ['over-long (3,000)', Buffer.from('a'.repeat(3000))],
  ['over-long (20,000)', Buffer.from('a'.repeat(20_000))],
]

/** Evil values for a JSON string field, as bytes between the quotes. */
const jsonValues: [string, Buffer][] = [
  ['NUL escape', Buffer.from('a\\u0000b')],
  ['control escape', Buffer.from('a\\u001bb')],
  ['lone surrogate escape', Buffer.from('a\\ud800b')],
  ['lone low surrogate escape', Buffer.from('\\udfff')],
  ['lone surrogate, raw bytes', Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62])],
  ['invalid UTF-8 byte', Buffer.from([0x61, 0xff, 0x62])],
  ['over-long (3,000)', Buffer.from('a'.repeat(3000))],
  ['over-long (100,000)', Buffer.from('a'.repeat(100_000))],
]

interface Answer {
  status: number
  contentType: string
  body: string
}

let world: JourneyWorld
let port: number
const logs = new LogCapture()
const cases: { name: string; method: string; target: Buffer; body?: Buffer }[] = []

/** One request written byte for byte (the URL may hold bytes no client library would send). */
function send(method: string, target: Buffer, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const head = [
      `${method} `,
      target,
      ' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n',
      `Origin: ${SPA_ORIGIN}\r\n`,
      body ? `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n` : '',
      '\r\n',
    ]
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(Buffer.concat(head.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p))))
      if (body) socket.write(body)
    })
    const chunks: Buffer[] = []
    socket.on('data', (c) => chunks.push(c))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const split = text.indexOf('\r\n\r\n')
      const headers = text.slice(0, split).split('\r\n')
      const contentType =
        headers
          .find((h) => /^content-type:/i.test(h))
          ?.split(':')[1]
          ?.trim() ?? ''
      resolve({ status: Number(headers[0]?.split(' ')[1]), contentType, body: text.slice(split + 4) })
    })
  })
}

function casesFor(path: string, method: string, op: Operation) {
  const params = op.parameters ?? []
  const pathParams = params.filter((p) => p.in === 'path')
  const queryParams = params.filter((p) => p.in === 'query')
  const pathWith = (fuzzed?: string, value?: Buffer) =>
    Buffer.concat(
      path
        .split(/(\{[^}]+\})/)
        .filter(Boolean)
        .map((part) => {
          const name = /^\{(.+)\}$/.exec(part)?.[1]
          if (!name) return Buffer.from(part)
          if (name === fuzzed && value) return value
          return Buffer.from(plausible(pathParams.find((p) => p.name === name)?.schema))
        }),
    )
  const query = (fuzzed?: string, value?: Buffer) => {
    const parts: Buffer[] = []
    for (const p of queryParams) {
      if (p.name === fuzzed && value) parts.push(Buffer.concat([Buffer.from(`${p.name}=`), value]))
      else if (p.required) parts.push(Buffer.from(`${p.name}=${plausible(p.schema)}`))
    }
    return parts.length
      ? Buffer.concat([Buffer.from('?'), ...parts.flatMap((b, i) => (i ? [Buffer.from('&'), b] : [b]))])
      : Buffer.alloc(0)
  }
  const bodySchema = op.requestBody?.content['application/json']?.schema
  const bodyWith = (fuzzed?: string, value?: Buffer) => {
    if (!bodySchema) return undefined
    const fields = Object.entries(bodySchema.properties ?? {})
    const parts: Buffer[] = []
    for (const [name, schema] of fields) {
      if (name === fuzzed && value)
        parts.push(Buffer.concat([Buffer.from(`"${name}":"`), value, Buffer.from('"')]))
      else if (bodySchema.required?.includes(name))
        parts.push(Buffer.from(`"${name}":"${plausible(schema)}"`))
    }
    return Buffer.concat([
      Buffer.from('{'),
      ...parts.flatMap((b, i) => (i ? [Buffer.from(','), b] : [b])),
      Buffer.from('}'),
    ])
  }
  const verb = method.toUpperCase()
  const add = (name: string, target: Buffer, body?: Buffer) =>
    cases.push({ name: `${op.operationId} ${name}`, method: verb, target, ...(body ? { body } : {}) })

  for (const p of pathParams)
    for (const [what, value] of urlValues)
      add(`path ${p.name}: ${what}`, Buffer.concat([pathWith(p.name, value), query()]), bodyWith())
  for (const p of queryParams)
    for (const [what, value] of urlValues)
      add(`query ${p.name}: ${what}`, Buffer.concat([pathWith(), query(p.name, value)]), bodyWith())
  for (const [name, schema] of Object.entries(bodySchema?.properties ?? {}))
    if (schema.type === 'string')
      for (const [what, value] of jsonValues)
        add(`body ${name}: ${what}`, Buffer.concat([pathWith(), query()]), bodyWith(name, value))
  // Every route, even without a documented field: a stray parameter badly encoded (a well-encoded
  // stray parameter is ignored, as it should be), or an over-long URL.
  const malformed = ['surrogate', 'percent', 'UTF-8', 'over-long (20']
  for (const [what, value] of urlValues.filter(([w]) => malformed.some((m) => w.includes(m))))
    add(`stray query parameter: ${what}`, Buffer.concat([pathWith(), Buffer.from('?zz='), value]), bodyWith())
}

beforeAll(async () => {
  world = await startJourneyWorld({ env: { LOG_LEVEL: 'info' }, logStream: logs })
  port = Number(new URL(world.apiUrl).port)
  const res = await fetch(`${world.apiUrl}/openapi.json`)
  const doc = Value.Parse(Document, await res.json())
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, operation] of Object.entries(item))
      if (methods.has(method)) casesFor(path, method, Value.Parse(Operation, operation))
})
afterAll(async () => {
  await world?.close()
})

describe('fuzzing every documented route', () => {
  it('covers every operation of the OpenAPI document', () => {
    const operations = new Set(cases.map((c) => c.name.split(' ')[0]))
    expect([...operations].sort()).toEqual(
      expect.arrayContaining([
        'createSession',
        'exchangeLoginCode',
        'franceConnectCallback',
        'getCollectivity',
        'listCollectivities',
        'startFranceConnectLogin',
        'getHealth',
        'getMetrics',
      ]),
    )
    expect(cases.length).toBeGreaterThan(150)
  })

  it('answers only 4xx problem+json', async () => {
    const wrong: string[] = []
    for (const c of cases) {
      const answer = await send(c.method, c.target, c.body)
      let type = ''
      try {
        type = String((JSON.parse(answer.body) as { type?: unknown }).type ?? '')
      } catch {
        type = '(not JSON)'
      }
      const ok =
        answer.status >= 400 &&
        answer.status < 500 &&
        answer.contentType.startsWith('application/problem+json') &&
        type.startsWith('urn:qf:problem:')
      if (!ok) wrong.push(`${c.name}: ${answer.status} ${answer.contentType} ${type}`)
    }
    expect(wrong).toEqual([])
  })

  it('logged no error (level 50 or above)', () => {
    expect(logs.lines.length).toBeGreaterThan(0)
    expect(logs.atLeast(50)).toEqual([])
  })
})
