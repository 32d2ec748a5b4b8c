import type { FastifySchemaValidationError } from 'fastify/types/schema.js'
import type { InvalidParam } from '@qf/contracts'

const lastSegment = (path: string) => path.split('/').filter(Boolean).join('.')

/**
 * Turns Ajv's validation errors into `{name, reason}` pairs in French. A choice (`anyOf` of constants, as
 * TypeBox writes a union of literals) is one error listing the allowed values, not one per branch.
 */
export function toInvalidParams(errors: FastifySchemaValidationError[], context: string): InvalidParam[] {
  const choices = new Map<string, string[]>()
  const types = new Map<string, string[]>()
  for (const e of errors) {
    const params = e.params as Record<string, unknown>
    if (e.keyword === 'const')
      choices.set(e.instancePath, [...(choices.get(e.instancePath) ?? []), String(params.allowedValue)])
    if (e.keyword === 'type')
      types.set(e.instancePath, [...(types.get(e.instancePath) ?? []), String(params.type)])
  }
  const withAnyOf = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath))
  const merged = errors.filter(
    (e) => !(withAnyOf.has(e.instancePath) && (e.keyword === 'const' || e.keyword === 'type')),
  )
  return merged.map((e) => {
    const params = e.params as Record<string, unknown>
    let field = lastSegment(e.instancePath)
    if (e.keyword === 'required' && typeof params.missingProperty === 'string')
      field = [field, params.missingProperty].filter(Boolean).join('.')
    if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
      field = [field, params.additionalProperty].filter(Boolean).join('.')
    const values = choices.get(e.instancePath)
    const kinds = types.get(e.instancePath)
    const reason =
      e.keyword === 'anyOf' && values?.length
        ? `ne fait pas partie des valeurs permises (${values.join(', ')})`
        : e.keyword === 'anyOf' && kinds?.length
          ? `doit être de type ${kinds.join(' ou ')}`
          : reasonFor(e.keyword, params, e.message)
    return { name: [context, field].filter(Boolean).join('.'), reason }
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
      return Array.isArray(params.allowedValues)
        ? `ne fait pas partie des valeurs permises (${params.allowedValues.map(String).join(', ')})`
        : 'ne fait pas partie des valeurs permises'
    case 'const':
      return `doit valoir ${String(params.allowedValue)}`
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
