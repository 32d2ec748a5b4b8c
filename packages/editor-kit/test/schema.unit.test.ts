import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { FormulaireQfWebhookEvent } from '@qf/contracts'
import { expectedSchemaFiles } from '../scripts/schema-files.js'
import { parseFormulaireQfDocument } from '../src/pull/document.js'
import { formulaireQfJsonSchema, schemaVersions, webhookEventJsonSchema } from '../src/schema.js'
import { exampleDocument } from './helpers/world.js'

describe('published JSON Schemas', () => {
  it('are up to date with the TypeBox schemas (run `pnpm --filter @qf/editor-kit schema:write`)', async () => {
    for (const { path, content } of await expectedSchemaFiles())
      expect(await readFile(path, 'utf8')).toBe(content)
  })

  it('are versioned: each file is the one released under its version, which has a CHANGELOG entry', async () => {
    const changelog = await readFile(new URL('../CHANGELOG.md', import.meta.url), 'utf8')
    expect(Object.keys(schemaVersions).sort()).toEqual([
      'formulaire-qf.schema.json',
      'formulaire-qf.xsd',
      'webhook-event.schema.json',
    ])
    for (const [file, { version, sha256 }] of Object.entries(schemaVersions)) {
      const bytes = await readFile(new URL(`../schema/${file}`, import.meta.url))
      const actual = createHash('sha256').update(bytes).digest('hex')
      // A changed schema: bump its version in schema/versions.json, record this sha256, add a CHANGELOG entry.
      expect({ file, version, sha256: actual }).toEqual({ file, version, sha256 })
      expect(changelog).toContain(`\`${file}\` ${version}`)
      if (file.endsWith('.json'))
        expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({
          $id: expect.stringMatching(new RegExp(`:${version}$`)),
        })
      else expect(bytes.toString('utf8')).toContain(`version="${version}"`)
    }
  })

  it('validate with a standard validator (ajv, draft-07) as TypeBox does', () => {
    const ajv = new Ajv({ strict: false, allErrors: true })
    addFormats(ajv)
    const validate = ajv.compile(formulaireQfJsonSchema())
    expect(validate(exampleDocument())).toBe(true)
    const broken = {
      ...exampleDocument(),
      pivot_identity: { ...exampleDocument().pivot_identity, gender: 'x' },
    }
    expect(validate(broken)).toBe(false)
    expect(parseFormulaireQfDocument(JSON.stringify(broken)).ok).toBe(false)

    const event = ajv.compile(webhookEventJsonSchema())
    expect(event(FormulaireQfWebhookEvent.examples[0])).toBe(true)
    expect(event({ ...(FormulaireQfWebhookEvent.examples[0] as object), collectivity_siret: '123' })).toBe(
      false,
    )
  })
})

describe('parseFormulaireQfDocument', () => {
  it('accepts the contracts example, refuses non-JSON and a v2/v3 disagreement', () => {
    expect(parseFormulaireQfDocument(JSON.stringify(exampleDocument()))).toMatchObject({ ok: true })
    expect(parseFormulaireQfDocument('{')).toMatchObject({ ok: false })
    const doc = exampleDocument()
    doc.quotient_familial.quotientFamilial = 1
    const result = parseFormulaireQfDocument(JSON.stringify(doc))
    expect(result).toEqual({ ok: false, errors: ['/quotient_familial/quotientFamilial ≠ valeur v3'] })
  })
})
