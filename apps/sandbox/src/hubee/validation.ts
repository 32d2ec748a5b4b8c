import { badRequest, isRecord } from './http.js'

/**
 * Request checks worded like the gateway's validator (swagger-request-validator):
 * `Bad Request : Validation failed.\n[ERROR][REQUEST][POST /teledossiers/v1/folders @body] ...`.
 */
export class RequestCheck {
  constructor(private readonly where: string) {}

  fail(location: string, detail: string, path = ''): never {
    const at = path ? ` [Path '${path}']` : ''
    throw badRequest(
      `Bad Request : Validation failed.\n[ERROR][REQUEST][${this.where} @${location}]${at} ${detail}`,
    )
  }

  object(value: unknown, path = ''): Record<string, unknown> {
    if (!isRecord(value))
      this.fail(
        'body',
        `Instance type (${typeName(value)}) does not match any allowed primitive type (allowed: ["object"])`,
        path,
      )
    return value
  }

  required(obj: Record<string, unknown>, props: readonly string[], path = ''): void {
    const missing = props.filter((p) => obj[p] === undefined)
    if (missing.length > 0)
      this.fail(
        'body',
        `Object has missing required properties (${JSON.stringify([...missing].sort())})`,
        path,
      )
  }

  /** A string property; `undefined` when absent and optional, `null` when null and nullable. */
  string(
    obj: Record<string, unknown>,
    prop: string,
    max: number,
    path = '',
    nullable = false,
  ): string | undefined {
    const v = obj[prop]
    if (v === undefined || (nullable && v === null)) return undefined
    if (typeof v !== 'string')
      this.fail(
        'body',
        `Instance type (${typeName(v)}) does not match any allowed primitive type (allowed: ["string"])`,
        `${path}/${prop}`,
      )
    if (v.length > max)
      this.fail(
        'body',
        `String "${v}" is too long (length: ${v.length}, maximum allowed: ${max})`,
        `${path}/${prop}`,
      )
    return v
  }

  integer(obj: Record<string, unknown>, prop: string, path = ''): number | undefined {
    const v = obj[prop]
    if (v === undefined) return undefined
    if (typeof v !== 'number' || !Number.isInteger(v))
      this.fail(
        'body',
        `Instance type (${typeName(v)}) does not match any allowed primitive type (allowed: ["integer"])`,
        `${path}/${prop}`,
      )
    return v
  }

  boolean(obj: Record<string, unknown>, prop: string, path = ''): boolean | null | undefined {
    const v = obj[prop]
    if (v === undefined || v === null) return v
    if (typeof v !== 'boolean')
      this.fail(
        'body',
        `Instance type (${typeName(v)}) does not match any allowed primitive type (allowed: ["boolean"])`,
        `${path}/${prop}`,
      )
    return v
  }

  array(obj: Record<string, unknown>, prop: string, minItems: number, path = ''): unknown[] {
    const v = obj[prop]
    if (!Array.isArray(v))
      this.fail(
        'body',
        `Instance type (${typeName(v)}) does not match any allowed primitive type (allowed: ["array"])`,
        `${path}/${prop}`,
      )
    if (v.length < minItems)
      this.fail('body', `Array is too short (${v.length}), minimum ${minItems}`, `${path}/${prop}`)
    return v
  }

  pattern(value: string, re: RegExp, path: string): void {
    if (!re.test(value))
      this.fail('body', `ECMA 262 regex "${re.source}" does not match input string "${value}"`, path)
  }
}

export function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number'
  return typeof v
}

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Path parameters declared `format: uuid` in the spec. */
export function checkUuid(where: string, name: string, value: string): void {
  if (!uuidRe.test(value))
    throw badRequest(
      `Bad Request : Validation failed.\n[ERROR][REQUEST][${where} @path.${name}] Input string "${value}" is not a valid UUID`,
    )
}

const dateTimeRe = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

export function checkDateTime(check: RequestCheck, value: string | undefined, path: string): void {
  if (value !== undefined && !dateTimeRe.test(value))
    check.fail(
      'body',
      `String "${value}" is invalid against requested date format(s) [yyyy-MM-dd'T'HH:mm:ssZ]`,
      path,
    )
}
