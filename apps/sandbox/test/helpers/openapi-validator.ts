import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsImport from 'ajv-formats'
import { parse } from 'yaml'

/**
 * Validates request and response bodies against an OpenAPI 3.0 document (yaml or json), with ajv 8.
 * OpenAPI's dialect is turned into JSON Schema first: `nullable`, `readOnly` (not required in requests),
 * `writeOnly` (not required in responses), boolean `exclusiveMinimum/Maximum`, `$ref` siblings ignored.
 *
 *   const spec = OpenApiValidator.load('specs/hubee-teledossiers-v1.2.7.openapi.yaml')
 *   spec.assertResponse('POST', '/folders', 201, body)        // a path template…
 *   spec.assertResponse('GET', '/folders/3f0c…', 200, body)    // …or a concrete path
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }
type Mode = 'request' | 'response'

export interface ValidationResult {
  valid: boolean
  errors: string[]
}

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
// ajv-formats is CommonJS: depending on the loader its default import is the plugin or the module namespace.
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ??
  addFormatsImport) as typeof addFormatsImport

function pointerGet(doc: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) throw new Error(`only local $ref are supported: ${ref}`)
  let node: Json | undefined = doc
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    node = isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined
  }
  return node
}

/** OpenAPI 3.0 schema → JSON Schema (draft 7) for one direction. `$ref`s are re-rooted at `docId`. */
function toJsonSchema(node: Json, mode: Mode, docId: string, formats: Set<string>): Json {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, mode, docId, formats))
  if (!isObject(node)) return node
  if (typeof node.$ref === 'string')
    return { $ref: node.$ref.startsWith('#') ? `${docId}${node.$ref}` : node.$ref }
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, toJsonSchema(v, mode, docId, formats)]),
      )
    } else if (key === 'example' || key === 'examples' || key.startsWith('x-')) {
      continue
    } else out[key] = toJsonSchema(value, mode, docId, formats)
  }
  if (typeof out.format === 'string') formats.add(out.format)
  // Properties that must not be sent in this direction are not required in it.
  const hidden = mode === 'request' ? 'readOnly' : 'writeOnly'
  if (Array.isArray(out.required) && isObject(node.properties)) {
    const props = node.properties
    out.required = out.required.filter(
      (name) => !(typeof name === 'string' && isObject(props[name]) && props[name][hidden] === true),
    )
  }
  for (const [bound, limit] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[bound] === 'boolean') {
      if (out[bound] === true && typeof out[limit] === 'number') {
        out[bound] = out[limit]
        delete out[limit]
      } else delete out[bound]
    }
  }
  if (out.nullable === true) {
    delete out.nullable
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null']
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
    } else return { anyOf: [{ type: 'null' }, out] }
  }
  delete out.nullable
  return out
}

export class OpenApiValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false })
  private readonly compiled = new Map<string, ValidateFunction>()
  private readonly templates: { template: string; pattern: RegExp }[]
  private static counter = 0

  constructor(private readonly doc: JsonObject) {
    addFormats(this.ajv)
    const paths = isObject(doc.paths) ? doc.paths : {}
    this.templates = Object.keys(paths)
      .map((template) => ({
        template,
        pattern: new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
        ),
      }))
      // Literal segments win over parameters (`/cases/migrate` before `/cases/{caseId}`).
      .sort((a, b) => a.template.split('{').length - b.template.split('{').length)
    const formats = new Set<string>()
    for (const mode of ['request', 'response'] as const) {
      const id = this.docId(mode)
      const components = toJsonSchema(isObject(doc.components) ? doc.components : {}, mode, id, formats)
      this.ajv.addSchema({ $id: id, components } as JsonObject, id)
    }
    this.registerUnknownFormats(formats)
  }

  static load(file: string): OpenApiValidator {
    return new OpenApiValidator(parse(readFileSync(file, 'utf8')) as JsonObject)
  }

  private readonly instance = OpenApiValidator.counter++
  private docId(mode: Mode) {
    return `openapi-${this.instance}-${mode}`
  }

  private registerUnknownFormats(formats: Set<string>) {
    for (const f of formats) if (!this.ajv.formats[f]) this.ajv.addFormat(f, true)
  }

  private resolve(node: Json | undefined): Json | undefined {
    let current = node
    for (let i = 0; i < 10 && isObject(current) && typeof current.$ref === 'string'; i++)
      current = pointerGet(this.doc, current.$ref)
    return current
  }

  /** The spec's path template for a template or a concrete path (`/folders/123` → `/folders/{folderId}`). */
  templateOf(path: string): string | undefined {
    const paths = isObject(this.doc.paths) ? this.doc.paths : {}
    if (path in paths) return path
    return this.templates.find((t) => t.pattern.test(path))?.template
  }

  hasOperation(method: string, path: string): boolean {
    const template = this.templateOf(path)
    const item = template ? this.resolve((this.doc.paths as JsonObject)[template]) : undefined
    return isObject(item) && isObject(item[method.toLowerCase()])
  }

  private operation(method: string, path: string): JsonObject {
    const m = method.toLowerCase()
    if (!httpMethods.includes(m)) throw new Error(`unknown method ${method}`)
    const template = this.templateOf(path)
    if (!template) throw new Error(`no path of the spec matches ${path}`)
    const item = this.resolve((this.doc.paths as JsonObject)[template])
    const op = isObject(item) ? item[m] : undefined
    if (!isObject(op)) throw new Error(`${method} ${template} is not in the spec`)
    return op
  }

  private validateAgainst(key: string, schema: Json, mode: Mode, body: unknown): ValidationResult {
    let validate = this.compiled.get(key)
    if (!validate) {
      const formats = new Set<string>()
      const converted = toJsonSchema(schema, mode, this.docId(mode), formats)
      this.registerUnknownFormats(formats)
      validate = this.ajv.compile(isObject(converted) ? converted : {})
      this.compiled.set(key, validate)
    }
    const valid = validate(body)
    return {
      valid,
      errors: valid
        ? []
        : (validate.errors ?? []).map(
            (e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
          ),
    }
  }

  private mediaSchema(content: Json | undefined, contentType: string): Json | undefined | 'binary' {
    if (!isObject(content)) return undefined
    const media = content[contentType] ?? content[contentType.split(';')[0] ?? ''] ?? content['*/*']
    if (!isObject(media)) throw new Error(`content type ${contentType} is not documented`)
    const schema = this.resolve(media.schema)
    if (
      isObject(schema) &&
      schema.type === 'string' &&
      (schema.format === 'binary' || schema.format === 'byte')
    )
      return 'binary'
    return media.schema
  }

  validateRequest(
    method: string,
    path: string,
    body: unknown,
    contentType = 'application/json',
  ): ValidationResult {
    const op = this.operation(method, path)
    const requestBody = this.resolve(op.requestBody)
    if (!isObject(requestBody))
      return body === undefined
        ? { valid: true, errors: [] }
        : { valid: false, errors: ['no request body is documented'] }
    if (body === undefined)
      return requestBody.required === true
        ? { valid: false, errors: ['request body is required'] }
        : { valid: true, errors: [] }
    const schema = this.mediaSchema(requestBody.content, contentType)
    if (schema === undefined || schema === 'binary') return { valid: true, errors: [] }
    return this.validateAgainst(
      `req ${method} ${this.templateOf(path)} ${contentType}`,
      schema,
      'request',
      body,
    )
  }

  validateResponse(
    method: string,
    path: string,
    status: number,
    body: unknown,
    contentType = 'application/json',
  ): ValidationResult {
    const op = this.operation(method, path)
    const responses = isObject(op.responses) ? op.responses : {}
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses)
    if (!key)
      return {
        valid: false,
        errors: [`status ${status} is not documented for ${method} ${this.templateOf(path)}`],
      }
    const response = this.resolve(responses[key])
    const content = isObject(response) ? response.content : undefined
    if (!isObject(content))
      return body === undefined || body === ''
        ? { valid: true, errors: [] }
        : { valid: false, errors: ['no response body is documented'] }
    const schema = this.mediaSchema(content, contentType)
    if (schema === undefined || schema === 'binary') return { valid: true, errors: [] }
    return this.validateAgainst(
      `res ${method} ${this.templateOf(path)} ${key} ${contentType}`,
      schema,
      'response',
      body,
    )
  }

  assertRequest(method: string, path: string, body: unknown, contentType?: string): void {
    const r = this.validateRequest(method, path, body, contentType)
    if (!r.valid)
      throw new Error(`request ${method} ${path} does not match the spec:\n${r.errors.join('\n')}`)
  }

  assertResponse(method: string, path: string, status: number, body: unknown, contentType?: string): void {
    const r = this.validateResponse(method, path, status, body, contentType)
    if (!r.valid)
      throw new Error(
        `response ${status} to ${method} ${path} does not match the spec:\n${r.errors.join('\n')}`,
      )
  }
}
