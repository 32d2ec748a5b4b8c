import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { generateOpenApiDocument, toYaml } from '../src/openapi-document.js'

const target = fileURLToPath(new URL('../../../openapi.yaml', import.meta.url))
await writeFile(target, toYaml(await generateOpenApiDocument()))
process.stdout.write(`Wrote ${target}\n`)
