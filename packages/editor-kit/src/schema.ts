import { FormulaireQfDocument, FormulaireQfWebhookEvent } from '@qf/contracts'

/** Published schema files: generated from the TypeBox schemas by `pnpm --filter @qf/editor-kit schema:write`. */
export const schemaFiles = {
  formulaireQf: 'schema/formulaire-qf.schema.json',
  webhookEvent: 'schema/webhook-event.schema.json',
} as const

/** A TypeBox schema as plain JSON Schema (draft-07): TypeBox's symbol keys do not survive JSON. */
function toJsonSchema(schema: object, id: string, title: string): Record<string, unknown> {
  // Nested `$id`s are dropped: the same sub-schema appears twice (allocataires, enfants).
  const plain: unknown = JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === '$id' ? undefined : value,
  )
  const rest = plain && typeof plain === 'object' ? plain : {}
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: `urn:qf:schema:${id}`, title, ...rest }
}

export const formulaireQfJsonSchema = () =>
  toJsonSchema(FormulaireQfDocument, 'formulaire-qf', 'FormulaireQF.json')

export const webhookEventJsonSchema = () =>
  toJsonSchema(FormulaireQfWebhookEvent, 'webhook-event', 'Webhook « nouveau dossier » du Formulaire QF')
