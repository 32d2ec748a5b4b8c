import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { parse } from 'yaml'

type Json = Record<string, unknown>

/** Points the spec's local `$ref`s (`#/components/...`) at the registered spec document. */
function anchorRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anchorRefs)
  if (typeof node !== 'object' || node === null) return node
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${specId}${v}` : anchorRefs(v),
    ]),
  )
}

const specId = 'api-particulier'
const specFile = new URL('../../specs/api-particulier-v3.openapi.yaml', import.meta.url)

/**
 * JSON-schema validators for the answers of API Particulier v3, from the in-repo OpenAPI 3.0 spec
 * (ajv understands OpenAPI's `nullable`; `$ref`s resolve inside the spec document).
 */
export class ApiParticulierSpec {
  readonly document: Json
  private readonly ajv: Ajv
  private readonly compiled = new Map<string, ValidateFunction>()

  constructor() {
    this.document = parse(readFileSync(specFile, 'utf8')) as Json
    this.ajv = new Ajv({ strict: false, allErrors: true })
    addFormats.default(this.ajv)
    this.ajv.addSchema({ ...this.document, $id: specId })
  }

  /** The response schema of `path` for `status` (JSON body). */
  responseSchema(path: string, status: number): Json {
    const paths = this.document.paths as Record<string, { get: { responses: Record<string, Json> } }>
    const response = paths[path]?.get.responses[String(status)]
    const schema = (response?.content as Record<string, { schema?: Json }> | undefined)?.['application/json']
      ?.schema
    if (!schema) throw new Error(`no ${status} schema for ${path}`)
    return schema
  }

  /** Validator of the answer; `masked` fields (absent for lack of scope) are taken off `data.required`. */
  validator(path: string, status: number, masked: readonly string[] = []): ValidateFunction {
    const key = `${path} ${status} ${masked.join(',')}`
    let validate = this.compiled.get(key)
    if (!validate) {
      const schema = anchorRefs(this.responseSchema(path, status)) as Json
      const data = (schema.properties as Record<string, Json> | undefined)?.data
      if (data && Array.isArray(data.required))
        data.required = data.required.filter((f) => !masked.includes(String(f)))
      validate = this.ajv.compile(schema)
      this.compiled.set(key, validate)
    }
    return validate
  }

  /** Validation errors of `body` (empty when valid), readable in a failed assertion. */
  errors(path: string, status: number, body: unknown, masked: readonly string[] = []): string[] {
    const validate = this.validator(path, status, masked)
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`)
  }
}
