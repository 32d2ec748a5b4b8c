import { Type, type StringOptions } from '@sinclair/typebox'

/**
 * Reusable string schemas: every string a client sends that can reach SQL, a log line or an outside
 * system is one of these, so it refuses what Postgres cannot store (NUL) or would silently alter
 * (a lone surrogate becomes U+FFFD on its way to UTF-8).
 *
 * The patterns use Unicode property escapes (`\p{…}`): they are evaluated with the `u` flag, as the
 * API's validator does (Ajv's `unicodeRegExp`, on by default and set explicitly in build-server.ts).
 * With that flag a pattern sees code points: an astral character (emoji) is one character, a lone
 * surrogate is a `Cs` code point. `minLength`/`maxLength` count code points too (Ajv's `ucs2length`).
 */

/** Never in any text field: controls (Cc: C0, DEL, C1, NUL included) and lone surrogates (Cs). */
const unsafeClass = '\\p{Cc}\\p{Cs}'

/** `new RegExp(pattern, 'u')`: how a client (or a test) checks a value against these patterns. */
export const unicodePattern = (pattern: string) => new RegExp(pattern, 'u')

export const safeTextPattern = `^[^${unsafeClass}]*$`
/** Same, with at least one non-blank character. */
export const nonBlankSafeTextPattern = `^(?=[\\s\\S]*\\S)[^${unsafeClass}]*$`

/**
 * Free text (a search, a description, a URL before it is parsed): anything but controls and lone
 * surrogates. `nonBlank` also refuses a value made only of white space.
 */
export const SafeText = ({ nonBlank = false, ...options }: StringOptions & { nonBlank?: boolean } = {}) =>
  Type.String({ ...options, pattern: nonBlank ? nonBlankSafeTextPattern : safeTextPattern })

export const base64UrlTokenPattern = '^[A-Za-z0-9_-]+$'

/** An opaque token made of base64url characters (an OAuth `state` or `code`, a one-time code). */
export const Base64UrlToken = (options: StringOptions = {}) =>
  Type.String({ minLength: 1, ...options, pattern: base64UrlTokenPattern })

/**
 * Printable text for an identifier chosen by someone else (an editor's `externalId`): well-formed
 * Unicode (astral characters such as emoji are fine, lone surrogates are not) without controls (Cc),
 * format characters (Cf: bidi overrides, zero-width characters, BOM, soft hyphen) or separators
 * (Zs, Zl, Zp) other than the plain space U+0020, which may not start or end the value.
 * Private-use and not-yet-assigned code points are accepted, so the set does not change with the
 * Unicode version of the engine that checks it.
 */
const visibleClass = `[^${unsafeClass}\\p{Cf}\\p{Z}]`
export const printableTextPattern = `^${visibleClass}(?:(?:${visibleClass}| )*${visibleClass})?$`

export const PrintableText = (options: StringOptions = {}) =>
  Type.String({ minLength: 1, ...options, pattern: printableTextPattern })
