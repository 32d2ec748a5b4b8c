import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import {
  formulaireQfJsonSchema,
  formulaireQfXsd,
  schemaFiles,
  webhookEventJsonSchema,
} from '../src/schema.js'

/** The published schema files and their expected content (JSON formatted as the repository's prettier does). */
export async function expectedSchemaFiles(): Promise<{ path: string; content: string }[]> {
  const files = [
    { rel: schemaFiles.formulaireQf, schema: formulaireQfJsonSchema() },
    { rel: schemaFiles.webhookEvent, schema: webhookEventJsonSchema() },
  ]
  const json = await Promise.all(
    files.map(async ({ rel, schema }) => {
      const path = fileURLToPath(new URL(`../${rel}`, import.meta.url))
      const options = (await resolveConfig(path)) ?? {}
      return { path, content: await format(JSON.stringify(schema), { ...options, filepath: path }) }
    }),
  )
  const xsd = {
    path: fileURLToPath(new URL(`../${schemaFiles.formulaireQfXsd}`, import.meta.url)),
    content: formulaireQfXsd(),
  }
  return [...json, xsd]
}
