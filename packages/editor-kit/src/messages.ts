import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors'

/**
 * A TypeBox validation error in French, with the allowed values or limits it knows (the kit's messages are
 * all French; TypeBox's own are English). Local to the kit: no global error function is changed.
 */
export function frenchReason(error: ValueError): string {
  const s = error.schema as Record<string, unknown>
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'propriété obligatoire absente'
    case ValueErrorType.ObjectAdditionalProperties:
      return 'propriété inconnue (non prévue par le schéma)'
    case ValueErrorType.String:
      return 'une chaîne de caractères est attendue'
    case ValueErrorType.Number:
      return 'un nombre est attendu'
    case ValueErrorType.Integer:
      return 'un nombre entier est attendu'
    case ValueErrorType.Boolean:
      return 'true ou false est attendu'
    case ValueErrorType.Null:
      return 'null est attendu'
    case ValueErrorType.Array:
      return 'un tableau est attendu'
    case ValueErrorType.Object:
      return 'un objet est attendu'
    case ValueErrorType.StringPattern:
      return `format attendu : ${String(s.pattern)}`
    case ValueErrorType.StringFormat:
      return `format ${String(s.format)} attendu`
    case ValueErrorType.StringMinLength:
      return `au moins ${String(s.minLength)} caractère(s)`
    case ValueErrorType.StringMaxLength:
      return `au plus ${String(s.maxLength)} caractère(s)`
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return `au moins ${String(s.minimum)}`
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return `au plus ${String(s.maximum)}`
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.IntegerExclusiveMinimum:
      return `strictement plus de ${String(s.exclusiveMinimum)}`
    case ValueErrorType.ArrayMinItems:
      return `au moins ${String(s.minItems)} élément(s)`
    case ValueErrorType.ArrayMaxItems:
      return `au plus ${String(s.maxItems)} élément(s)`
    case ValueErrorType.Literal:
      return `valeur attendue : ${JSON.stringify(s.const)}`
    case ValueErrorType.Union: {
      const values = Array.isArray(s.anyOf)
        ? (s.anyOf as Record<string, unknown>[]).flatMap((b) =>
            'const' in b ? [JSON.stringify(b.const)] : [],
          )
        : []
      return values.length > 0
        ? `valeurs permises : ${values.join(', ')}`
        : 'ne correspond à aucune forme permise'
    }
    default:
      return 'valeur non conforme'
  }
}

/** `path : raison` lines of the first `max` errors. */
export function frenchErrors(errors: Iterable<ValueError>, max: number): string[] {
  const out: string[] = []
  for (const e of errors) {
    if (out.length >= max) break
    out.push(`${e.path || '/'} : ${frenchReason(e)}`)
  }
  return out
}
