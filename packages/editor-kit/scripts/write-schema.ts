// Writes the published JSON Schema files from the TypeBox schemas of @qf/contracts (a test checks drift).
import { writeFile } from 'node:fs/promises'
import { expectedSchemaFiles } from './schema-files.js'

for (const { path, content } of await expectedSchemaFiles()) {
  await writeFile(path, content)
  process.stdout.write(`Wrote ${path}\n`)
}
