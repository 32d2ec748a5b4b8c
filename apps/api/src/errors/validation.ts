import type { FastifySchemaValidationError } from 'fastify/types/schema.js'
import type { InvalidParam } from '@qf/contracts'

const lastSegment = (path: string) => path.split('/').filter(Boolean).join('.')

/** Turns Ajv's validation errors into `{name, reason}` pairs in French. */
export function toInvalidParams(errors: FastifySchemaValidationError[], context: string): InvalidParam[] {
  return errors.map((e) => {
    const params = e.params as Record<string, unknown>
    let field = lastSegment(e.instancePath)
    if (e.keyword === 'required' && typeof params.missingProperty === 'string')
      field = [field, params.missingProperty].filter(Boolean).join('.')
    if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
      field = [field, params.additionalProperty].filter(Boolean).join('.')
    return {
      name: [context, field].filter(Boolean).join('.'),
      reason: reasonFor(e.keyword, params, e.message),
    }
  })
}

function reasonFor(keyword: string, params: Record<string, unknown>, fallback: string | undefined): string {
  switch (keyword) {
    case 'required':
      return 'est obligatoire'
    case 'additionalProperties':
      return "n'est pas un champ attendu"
    case 'type':
      return `doit être de type ${String(params.type)}`
    case 'pattern':
    case 'format':
      return "n'a pas le format attendu"
    case 'minLength':
      return `doit comporter au moins ${String(params.limit)} caractère(s)`
    case 'maxLength':
      return `doit comporter au plus ${String(params.limit)} caractères`
    case 'minimum':
      return `doit être supérieur ou égal à ${String(params.limit)}`
    case 'maximum':
      return `doit être inférieur ou égal à ${String(params.limit)}`
    case 'enum':
    case 'const':
    case 'anyOf':
      return 'ne fait pas partie des valeurs permises'
    case 'minItems':
      return `doit contenir au moins ${String(params.limit)} élément(s)`
    case 'maxItems':
      return `doit contenir au plus ${String(params.limit)} éléments`
    default:
      return fallback ?? 'est invalide'
  }
}
