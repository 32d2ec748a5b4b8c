import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { inflateSync } from 'node:zlib'
import * as fontkit from 'fontkit'

/**
 * WOFF 1.0 → plain sfnt (TrueType). fontkit inflates a WOFF table again on every read, which makes
 * one PDF cost seconds; the decoded font costs tens of milliseconds. Done once per process.
 * Layout: https://www.w3.org/TR/WOFF/ (header 44 bytes, table directory of 20-byte entries).
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font')
  const flavor = woff.readUInt32BE(4)
  const count = woff.readUInt16BE(12)
  const tables = Array.from({ length: count }, (_, i) => {
    const entry = 44 + i * 20
    const offset = woff.readUInt32BE(entry + 4)
    const compLength = woff.readUInt32BE(entry + 8)
    const origLength = woff.readUInt32BE(entry + 12)
    const raw = woff.subarray(offset, offset + compLength)
    const data = compLength < origLength ? inflateSync(raw) : raw
    if (data.length !== origLength) throw new Error('corrupt WOFF table')
    return { tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data }
  })
  let selector = 0
  while (1 << (selector + 1) <= count) selector++
  const searchRange = (1 << selector) * 16
  const header = Buffer.alloc(12 + 16 * count)
  header.writeUInt32BE(flavor, 0)
  header.writeUInt16BE(count, 4)
  header.writeUInt16BE(searchRange, 6)
  header.writeUInt16BE(selector, 8)
  header.writeUInt16BE(count * 16 - searchRange, 10)
  const parts: Buffer[] = [header]
  let offset = header.length
  tables.forEach((t, i) => {
    const entry = 12 + i * 16
    header.writeUInt32BE(t.tag, entry)
    header.writeUInt32BE(t.checksum, entry + 4)
    header.writeUInt32BE(offset, entry + 8)
    header.writeUInt32BE(t.data.length, entry + 12)
    const padding = (4 - (t.data.length % 4)) % 4
    parts.push(t.data, Buffer.alloc(padding))
    offset += t.data.length + padding
  })
  return Buffer.concat(parts)
}

const require = createRequire(import.meta.url)
let cached: { regular: Buffer; bold: Buffer } | undefined

/**
 * DejaVu Sans regular and bold, from @fontsource/dejavu-sans (the full glyph set, shipped as WOFF):
 * the 14 standard PDF fonts only cover WinAnsi, and names may hold ő, Ł, ș… (ADR 0014).
 */
export function dejaVuSans(): { regular: Buffer; bold: Buffer } {
  cached ??= {
    regular: woffToSfnt(
      readFileSync(require.resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff')),
    ),
    bold: woffToSfnt(
      readFileSync(require.resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff')),
    ),
  }
  return cached
}

/** What pdfkit's `registerFont` is given. */
type FontSource = Parameters<PDFKit.PDFDocument['registerFont']>[1]
let parsed: { regular: FontSource; bold: FontSource } | undefined

/**
 * The same fonts parsed once per process (fontkit): pdfkit re-parses a font given as bytes for every
 * document, which was most of a PDF's CPU. The parsed fonts are read-only for pdfkit (each document
 * makes its own subset), so one pair serves every document.
 */
export function parsedDejaVuSans(): { regular: FontSource; bold: FontSource } {
  if (!parsed) {
    const { regular, bold } = dejaVuSans()
    parsed = { regular: parseFont(regular), bold: parseFont(bold) }
  }
  return parsed
}

function parseFont(bytes: Buffer): FontSource {
  const font = fontkit.create(bytes)
  if (!('layout' in font)) throw new Error('DejaVu Sans: a font collection, not a font')
  // pdfkit takes a parsed fontkit font as it takes bytes (PDFFontFactory.open: `typeof src.layout ===
  // 'function'`); @types/pdfkit only lists bytes and paths.
  return font as unknown as FontSource
}
