import { xmlElementName, xmlItemName } from '@qf/contracts'

/**
 * The XSD (1.0) of `FormulaireQF.xml`, derived from the JSON Schema of `FormulaireQF.json` with the XML's
 * own rules (docs/formulaire-qf-xml.md): root `<hash>`, dasherized element names in any order, arrays
 * `type="array"` with one singular child per item, integers `type="integer"`, null `nil="true"` (empty).
 * Stricter than the JSON Schema in one way: an element it does not name is refused (XSD 1.0 has no
 * wildcard inside `xs:all`), so a new field is a new XSD version.
 */

type Json = Record<string, unknown>

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')

/** JSON Schema regex → XSD regex (XSD patterns are anchored already). */
const xsdPattern = (p: string) => p.replace(/^\^/, '').replace(/\$$/, '')

class Builder {
  readonly simpleTypes: string[] = []

  /** A named simple type (leaf content), nullable ones also accepting the empty text. */
  simpleType(name: string, schema: Json, nullable: boolean): string {
    const facets: string[] = []
    let base = 'xs:string'
    if (schema.type === 'integer') base = 'xs:integer'
    else if (schema.type === 'number') base = 'xs:decimal'
    else if (schema.type === 'boolean') base = 'xs:boolean'
    if (typeof schema.pattern === 'string')
      facets.push(`<xs:pattern value="${esc(xsdPattern(schema.pattern))}"/>`)
    if (typeof schema.minLength === 'number') facets.push(`<xs:minLength value="${schema.minLength}"/>`)
    if (typeof schema.maxLength === 'number') facets.push(`<xs:maxLength value="${schema.maxLength}"/>`)
    if (typeof schema.minimum === 'number') facets.push(`<xs:minInclusive value="${schema.minimum}"/>`)
    if (typeof schema.maximum === 'number') facets.push(`<xs:maxInclusive value="${schema.maximum}"/>`)
    if (Array.isArray(schema.enum))
      for (const v of schema.enum) facets.push(`<xs:enumeration value="${esc(String(v))}"/>`)
    const restriction = `<xs:restriction base="${base}">${facets.join('')}</xs:restriction>`
    const body =
      nullable && (base !== 'xs:string' || facets.length > 0)
        ? `<xs:union memberTypes="empty"><xs:simpleType>${restriction}</xs:simpleType></xs:union>`
        : restriction
    this.simpleTypes.push(`<xs:simpleType name="${name}">${body}</xs:simpleType>`)
    return name
  }

  /** `<xs:element>` of one property. */
  element(name: string, schema: Json, required: boolean, typeName: string): string {
    const occurs = required ? '' : ' minOccurs="0"'
    const branches = Array.isArray(schema.anyOf) ? (schema.anyOf as Json[]) : [schema]
    const nullable = branches.some((b) => b.type === 'null')
    const rest = branches.filter((b) => b.type !== 'null')
    const nil = nullable ? '<xs:attribute name="nil" type="nil-flag"/>' : ''
    let value: Json
    if (rest.length > 1 && rest.every((b) => 'const' in b))
      value = { type: 'string', enum: rest.map((b) => b.const) }
    else if (rest.length === 1 && rest[0])
      value = 'const' in rest[0] ? { ...rest[0], enum: [rest[0].const] } : rest[0]
    else throw new Error(`XSD : forme non prise en charge pour ${name}`)

    if (value.type === 'object') {
      const properties = (value.properties ?? null) as Record<string, Json> | null
      const content = properties
        ? `<xs:all>${this.children(properties, (value.required ?? []) as string[], typeName)}</xs:all>`
        : '<xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>'
      return `<xs:element name="${name}"${occurs}><xs:complexType>${content}${nil}</xs:complexType></xs:element>`
    }
    if (value.type === 'array') {
      const item = xmlItemName(name)
      const items = this.element(item, (value.items ?? {}) as Json, true, `${typeName}.${item}`).replace(
        `<xs:element name="${item}"`,
        `<xs:element name="${item}" minOccurs="0" maxOccurs="unbounded"`,
      )
      return (
        `<xs:element name="${name}"${occurs}><xs:complexType><xs:sequence>${items}</xs:sequence>` +
        `<xs:attribute name="type" type="xs:string" fixed="array" use="required"/>${nil}</xs:complexType></xs:element>`
      )
    }
    const simple = this.simpleType(typeName, value, nullable)
    const typed =
      value.type === 'integer'
        ? '<xs:attribute name="type" type="xs:string" fixed="integer"/>'
        : value.type === 'number'
          ? '<xs:attribute name="type" type="number-kind"/>'
          : value.type === 'boolean'
            ? '<xs:attribute name="type" type="xs:string" fixed="boolean"/>'
            : ''
    if (!typed && !nil) return `<xs:element name="${name}" type="${simple}"${occurs}/>`
    return (
      `<xs:element name="${name}"${occurs}><xs:complexType><xs:simpleContent><xs:extension base="${simple}">` +
      `${typed}${nil}</xs:extension></xs:simpleContent></xs:complexType></xs:element>`
    )
  }

  children(properties: Record<string, Json>, required: string[], prefix: string): string {
    return Object.entries(properties)
      .map(([key, schema]) => {
        const name = xmlElementName(key)
        return this.element(name, schema, required.includes(key), prefix ? `${prefix}.${name}` : name)
      })
      .join('')
  }
}

/** A line per element, indented by depth (the XSD is published and read by people). */
function pretty(xml: string): string {
  const out: string[] = []
  let depth = 0
  let inline = false
  for (const token of xml.match(/<[^>]+>|[^<]+/g) ?? []) {
    if (!token.startsWith('<')) {
      out[out.length - 1] += token
      inline = true
      continue
    }
    if (token.startsWith('</')) {
      depth--
      if (inline) {
        out[out.length - 1] += token
        inline = false
        continue
      }
    }
    out.push(`${'  '.repeat(Math.max(depth, 0))}${token}`)
    if (!token.startsWith('</') && !token.endsWith('/>') && !token.startsWith('<?')) depth++
  }
  return `${out.join('\n')}\n`
}

/** The XSD text, for a document JSON Schema (`formulaireQfJsonSchema()`) and the XSD's version. */
export function xsdFromJsonSchema(schema: Json, version: string): string {
  const b = new Builder()
  const root = b.children(
    (schema.properties ?? {}) as Record<string, Json>,
    (schema.required ?? []) as string[],
    '',
  )
  return pretty(
    '<?xml version="1.0" encoding="UTF-8"?>' +
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" version="${version}" elementFormDefault="unqualified">` +
      `<xs:annotation><xs:documentation>FormulaireQF.xml ${version} (urn:qf:schema:formulaire-qf-xml:${version}), généré depuis le JSON Schema de FormulaireQF.json par @qf/editor-kit. Voir docs/formulaire-qf-xml.md.</xs:documentation></xs:annotation>` +
      '<xs:simpleType name="nil-flag"><xs:restriction base="xs:string"><xs:enumeration value="true"/></xs:restriction></xs:simpleType>' +
      '<xs:simpleType name="empty"><xs:restriction base="xs:string"><xs:length value="0"/></xs:restriction></xs:simpleType>' +
      '<xs:simpleType name="number-kind"><xs:restriction base="xs:string"><xs:enumeration value="integer"/><xs:enumeration value="float"/></xs:restriction></xs:simpleType>' +
      b.simpleTypes.join('') +
      `<xs:element name="hash"><xs:complexType><xs:all>${root}</xs:all></xs:complexType></xs:element>` +
      '</xs:schema>',
  )
}
