import { FormulaireQfDocument, FormulaireQfWebhookEvent } from '@qf/contracts'
import versions from '../schema/versions.json' with { type: 'json' }
import { xsdFromJsonSchema } from './xsd.js'

/** Published schema files: generated from the TypeBox schemas by `pnpm --filter @qf/editor-kit schema:write`. */
export const schemaFiles = {
  formulaireQf: 'schema/formulaire-qf.schema.json',
  webhookEvent: 'schema/webhook-event.schema.json',
  formulaireQfXsd: 'schema/formulaire-qf.xsd',
} as const

/**
 * The published formats' versions (semver) and the SHA-256 of each file as released: a test refuses a
 * file that differs from its recorded hash, so a change bumps the version and gets a CHANGELOG entry.
 */
export const schemaVersions: Record<string, { version: string; sha256: string }> = versions

const versionOf = (file: string) => schemaVersions[file]?.version ?? '0.0.0'

/** A TypeBox schema as plain JSON Schema (draft-07): TypeBox's symbol keys do not survive JSON. */
function toJsonSchema(schema: object, id: string, title: string): Record<string, unknown> {
  const version = versionOf(`${id}.schema.json`)
  // Nested `$id`s are dropped: the same sub-schema appears twice (allocataires, enfants).
  const plain: unknown = JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === '$id' ? undefined : value,
  )
  const rest = plain && typeof plain === 'object' ? plain : {}
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `urn:qf:schema:${id}:${version}`,
    title,
    ...rest,
  }
}

export const formulaireQfJsonSchema = () =>
  toJsonSchema(FormulaireQfDocument, 'formulaire-qf', 'FormulaireQF.json')

export const webhookEventJsonSchema = () =>
  toJsonSchema(FormulaireQfWebhookEvent, 'webhook-event', 'Webhook « nouveau dossier » du Formulaire QF')

/** The XSD of FormulaireQF.xml (derived from the JSON Schema with the XML's rules, see src/xsd.ts). */
export const formulaireQfXsd = () =>
  xsdFromJsonSchema(formulaireQfJsonSchema(), versionOf('formulaire-qf.xsd'))
