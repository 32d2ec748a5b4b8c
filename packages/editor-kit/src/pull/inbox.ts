import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { type DossierHandler, normalizeDossier, type NormalizedDossier } from './dossier.js'

/** File names are cut to this many UTF-8 bytes (file systems allow 255; room left for the temporary folder). */
export const maxFileNameBytes = 200

/** `name` cut to `max` UTF-8 bytes, on a character boundary. */
function cutUtf8(name: string, max: number): string {
  let out = ''
  for (const c of name) {
    if (Buffer.byteLength(out + c) > max) break
    out += c
  }
  return out
}

/**
 * A file name from HubEE made safe for a local folder: no path, no control character, at most
 * `maxFileNameBytes` bytes (a 300-character name would fail every pull with ENAMETOOLONG), its
 * extension kept.
 */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"|?*]/g, '_')
  if (!cleaned || cleaned === '.' || cleaned === '..') return 'piece-jointe'
  if (Buffer.byteLength(cleaned) <= maxFileNameBytes) return cleaned
  const ext = /\.[A-Za-z0-9]{1,10}$/.exec(cleaned)?.[0] ?? ''
  return `${cutUtf8(cleaned.slice(0, cleaned.length - ext.length), maxFileNameBytes - ext.length)}${ext}`
}

export const dossierFileName = 'dossier.json'

/** Reads `<inbox>/<reference>/dossier.json`, or undefined. */
export async function readInboxDossier(
  inboxDir: string,
  reference: string,
): Promise<NormalizedDossier | undefined> {
  try {
    const parsed: unknown = JSON.parse(
      await readFile(join(inboxDir, safeFileName(reference), dossierFileName), 'utf8'),
    )
    return isNormalized(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

function isNormalized(value: unknown): value is NormalizedDossier {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { format?: unknown }).format === 'qf-editeur/dossier@1'
  )
}

/**
 * The default handler: `<inbox>/<reference>/` holds the three deposited files and `dossier.json`
 * (normalised). The folder is written beside and renamed into place, so it is whole or absent; a
 * dossier already there for the same case is left as is (idempotent by reference).
 */
export function inboxHandler(inboxDir: string): DossierHandler {
  return async (dossier) => {
    const target = join(inboxDir, safeFileName(dossier.reference))
    const existing = await readInboxDossier(inboxDir, dossier.reference)
    if (existing && existing.hubee.case_id === dossier.caseId) return { status: 'DONE' }
    if (existing)
      return {
        status: 'SI_INTG_ERROR',
        reason: `La référence ${dossier.reference} est déjà reçue pour un autre case HubEE`,
      }
    await mkdir(inboxDir, { recursive: true })
    const tmp = join(inboxDir, `.tmp-${safeFileName(dossier.reference)}-${randomUUID()}`)
    await mkdir(tmp, { mode: 0o700 })
    try {
      for (const f of dossier.files)
        await writeFile(join(tmp, safeFileName(f.fileName)), f.bytes, { mode: 0o600 })
      await writeFile(join(tmp, dossierFileName), `${JSON.stringify(normalizeDossier(dossier), null, 2)}\n`, {
        mode: 0o600,
      })
      await rm(target, { recursive: true, force: true })
      await rename(tmp, target)
    } catch (error) {
      await rm(tmp, { recursive: true, force: true })
      throw error
    }
    return { status: 'DONE' }
  }
}
