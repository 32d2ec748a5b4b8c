import { XMLParser } from 'fast-xml-parser'
import { extractText, getDocumentProxy } from 'unpdf'
import { xmlElementName } from '../../src/modules/submissions/documents/index.js'

/** Reads back the Rails `Hash#to_xml` layout documented in docs/formulaire-qf-xml.md. */
export function decodeRailsXml(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node
  const n = node as Record<string, unknown>
  if (n['@_nil'] === 'true') return null
  const text = n['#text']
  switch (n['@_type']) {
    case 'integer':
      return Number(text)
    case 'boolean':
      return text === 'true'
    case 'array': {
      const children = Object.entries(n).filter(([k]) => !k.startsWith('@_'))
      const items = children.flatMap(([, v]) => (Array.isArray(v) ? v : [v]))
      return items.map(decodeRailsXml)
    }
  }
  if (text !== undefined) return String(text)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(n)) if (!k.startsWith('@_')) out[k] = decodeRailsXml(v)
  return out
}

/** The JSON document with its keys written as XML element names. */
export function dasherizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dasherizeKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [xmlElementName(k), dasherizeKeys(v)]))
}

export const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  alwaysCreateTextNode: false,
})

export async function pdfText(bytes: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes))
  const { totalPages, text } = await extractText(pdf, { mergePages: true })
  return { totalPages, text }
}

/** `FormulaireQF.xml` read back into the JSON document's shape (keys dasherized as XML names). */
export function readFormulaireQfXml(bytes: Buffer): unknown {
  const parsed = parser.parse(bytes.toString('utf8')) as Record<string, unknown>
  return decodeRailsXml(parsed.hash)
}
