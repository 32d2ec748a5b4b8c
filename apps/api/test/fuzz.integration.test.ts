import { connect } from 'node:net'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../src/db/connection.js'
import { createApiKey } from '../src/modules/registry/index.js'
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

/** Values of the wrong JSON kind, for any body field. */
const wrongKinds: [string, string][] = [
  ['null', 'null'],
  ['number', '12'],
  ['huge number', '1e309'],
  ['negative', '-1'],
  ['boolean', 'true'],
  ['array', '["a",1,null]'],
  ['object', '{"__proto__":{"x":1},"constructor":"y"}'],
  ['empty string', '""'],
  ['deep array', `${'['.repeat(40)}${']'.repeat(40)}`],
]

/** Whole bodies that are not the expected object. */
const wholeBodies: [string, Buffer][] = [
  ['malformed JSON', Buffer.from('{"a":')],
  ['array', Buffer.from('[]')],
  ['string', Buffer.from('"x"')],
  ['null', Buffer.from('null')],
  ['prototype keys', Buffer.from('{"__proto__":{"admin":true},"constructor":{"prototype":1}}')],
  ['35 levels of nesting', Buffer.from(`${'{"a":'.repeat(35)}1${'}'.repeat(35)}`)],
]

/** `body` (a JSON object's bytes) with `name` set to the raw JSON `json`. */
function bodyReplacing(body: Buffer | undefined, name: string, json: string): Buffer {
  const parsed: unknown = JSON.parse((body ?? Buffer.from('{}')).toString('utf8'))
  const others = typeof parsed === 'object' && parsed !== null ? Object.entries(parsed) : []
  const parts = others
    .filter(([k]) => k !== name)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
  parts.push(`${JSON.stringify(name)}:${json}`)
  return Buffer.from(`{${parts.join(',')}}`)
}

interface Answer {
  status: number
  contentType: string
  body: string
}

type Case = { name: string; method: string; target: Buffer; body?: Buffer }

/** One request written byte for byte (the URL may hold bytes no client library would send). */
function send(
  port: number,
  method: string,
  target: Buffer,
  body?: Buffer,
  authorization?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const head = [
      `${method} `,
      target,
      ' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n',
      `Origin: ${SPA_ORIGIN}\r\n`,
      authorization ? `Authorization: ${authorization}\r\n` : '',
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

function casesFor(cases: Case[], path: string, method: string, op: Operation) {
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
  // Every body field, whatever its type, given a value of each other JSON kind (issue 21: the fuzz).
  for (const name of Object.keys(bodySchema?.properties ?? {}))
    for (const [what, json] of wrongKinds)
      add(
        `body ${name}: ${what}`,
        Buffer.concat([pathWith(), query()]),
        bodyReplacing(bodyWith(), name, json),
      )
  if (bodySchema)
    for (const [what, raw] of wholeBodies)
      add(`whole body: ${what}`, Buffer.concat([pathWith(), query()]), raw)
  // Every route, even without a documented field: a stray parameter badly encoded (a well-encoded
  // stray parameter is ignored, as it should be), or an over-long URL.
  const malformed = ['surrogate', 'percent', 'UTF-8', 'over-long (20']
  for (const [what, value] of urlValues.filter(([w]) => malformed.some((m) => w.includes(m))))
    add(`stray query parameter: ${what}`, Buffer.concat([pathWith(), Buffer.from('?zz='), value]), bodyWith())
}

/** The whole fuzz is bounded in time: CI runs it on Postgres and on PGlite. */
const budgetMs = 150_000

describe.each([
  ['the configured database (Postgres in CI)', false],
  ['an embedded PGlite', true],
])('fuzzing every documented route on %s', (_label, embedded) => {
  let world: JourneyWorld
  let port = 0
  let admin = ''
  let documented: string[] = []
  const logs = new LogCapture()
  const cases: Case[] = []

  beforeAll(async () => {
    world = await startJourneyWorld({
      env: { LOG_LEVEL: 'info', RATE_LIMIT_MAX: '1000000' },
      logStream: logs,
      embedded,
    })
    port = Number(new URL(world.apiUrl).port)
    const db = createDb(world.database.url, 1)
    try {
      admin = `Bearer ${(await createApiKey(db, { scope: { kind: 'admin' }, label: 'fuzz' })).key}`
    } finally {
      await db.destroy()
    }
    const res = await fetch(`${world.apiUrl}/openapi.json`)
    const doc = Value.Parse(Document, await res.json())
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(item))
        if (methods.has(method)) {
          const op = Value.Parse(Operation, operation)
          documented.push(op.operationId)
          casesFor(cases, path, method, op)
        }
    documented = [...new Set(documented)].sort()
  }, 120_000)
  afterAll(async () => {
    await world?.close()
  })

  it('covers every operation of the OpenAPI document', () => {
    const operations = new Set(cases.map((c) => c.name.split(' ')[0]))
    expect([...operations].sort()).toEqual(documented)
    expect(documented).toEqual(
      expect.arrayContaining(['createSession', 'lookupQuotientFamilial', 'listAudit']),
    )
    expect(cases.length).toBeGreaterThan(1000)
  })

  it(
    'answers only 4xx problem+json without credentials, and never a 5xx with an admin key',
    async () => {
      const started = Date.now()
      const wrong: string[] = []
      let sent = 0
      const problemType = (body: string) => {
        try {
          return String((JSON.parse(body) as { type?: unknown }).type ?? '')
        } catch {
          return '(not JSON)'
        }
      }
      for (const c of cases) {
        if (Date.now() - started > budgetMs) break
        const anonymous = await send(port, c.method, c.target, c.body)
        const type = problemType(anonymous.body)
        if (!(
          anonymous.status >= 400 &&
          anonymous.status < 500 &&
          anonymous.contentType.startsWith('application/problem+json') &&
          type.startsWith('urn:qf:problem:')
        ))
          wrong.push(`${c.name}: ${anonymous.status} ${anonymous.contentType} ${type}`)
        const authenticated = await send(port, c.method, c.target, c.body, admin)
        sent += 2
        if (
          authenticated.status >= 500 ||
          (authenticated.status >= 400 && !authenticated.contentType.startsWith('application/problem+json'))
        )
          wrong.push(`${c.name} (admin key): ${authenticated.status} ${authenticated.contentType}`)
      }
      expect(wrong).toEqual([])
      expect(sent).toBeGreaterThan(2000)
    },
    budgetMs + 60_000,
  )

  it('logged no error (level 50 or above)', () => {
    expect(logs.lines.length).toBeGreaterThan(0)
    expect(logs.atLeast(50)).toEqual([])
  })
})
