import { readFile } from 'node:fs/promises'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { FormulaireQfWebhookEvent } from '@qf/contracts'
import { expectedSchemaFiles } from '../scripts/schema-files.js'
import { parseFormulaireQfDocument } from '../src/pull/document.js'
import { formulaireQfJsonSchema, webhookEventJsonSchema } from '../src/schema.js'
import { exampleDocument } from './helpers/world.js'

describe('published JSON Schemas', () => {
  it('are up to date with the TypeBox schemas (run `pnpm --filter @qf/editor-kit schema:write`)', async () => {
    for (const { path, content } of await expectedSchemaFiles())
      expect(await readFile(path, 'utf8')).toBe(content)
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
