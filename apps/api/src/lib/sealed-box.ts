import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** One AES-256 key and the id written next to every value it seals. */
export interface SealingKey {
  /** 1–32 characters `[A-Za-z0-9_-]` (e.g. `2026-12`, `k1`): never reuse an id for another key. */
  id: string
  key: Buffer
}

/** The keys of a box: `current` seals, every key (current first) opens. */
export interface SealingKeyring {
  current: SealingKey
  previous?: readonly SealingKey[]
}

/** Why a sealed value does not open: no configured key has its id, GCM refused it, or it is not a sealed value. */
export type UnsealFailure = 'unknown_key' | 'not_authentic' | 'malformed'

/**
 * A sealed value that does not open. Carries no part of the value: only why, and the key id it names
 * (safe in a log line).
 */
export class SealedBoxError extends Error {
  constructor(
    readonly failure: UnsealFailure,
    /** The key id written in the value (`null` for a legacy value without one, or unreadable). */
    readonly keyId: string | null,
    message: string,
  ) {
    super(message)
    this.name = 'SealedBoxError'
  }
}

const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/
/** `v2.<key id>.<base64url(iv ‖ tag ‖ ciphertext)>`; `.` is outside base64url, so legacy values never match. */
const versionedFormat = /^v2\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]+)$/

function checkKey(k: SealingKey): SealingKey {
  if (!keyIdPattern.test(k.id)) throw new Error(`SealedBox key id must match ${keyIdPattern}: ${k.id}`)
  if (k.key.length !== 32) throw new Error(`SealedBox needs 32-byte keys (key ${k.id})`)
  return k
}

/**
 * Parses the proposed `SECRETS_ENCRYPTION_KEYS` shape: `kid:base64[,kid:base64…]`, the first key
 * is the current one (seals), the others only open (rotation: prepend the new key, re-seal, drop
 * the old one). Throws on a malformed entry, a key that is not 32 bytes or a repeated id.
 */
export function parseSealingKeys(value: string): SealingKeyring {
  const keys = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const colon = entry.indexOf(':')
      if (colon <= 0) throw new Error('each key must be written <id>:<base64 of 32 bytes>')
      const encoded = entry.slice(colon + 1)
      if (!/^[A-Za-z0-9+/]{43}=$/.test(encoded))
        throw new Error(`key ${entry.slice(0, colon)}: not the base64 of 32 bytes`)
      return checkKey({ id: entry.slice(0, colon), key: Buffer.from(encoded, 'base64') })
    })
  const [current, ...previous] = keys
  if (!current) throw new Error('at least one key is needed')
  const ids = new Set(keys.map((k) => k.id))
  if (ids.size !== keys.length) throw new Error('key ids must be unique')
  return { current, previous }
}

/**
 * AES-256-GCM encryption of secrets and personal data at rest, with key rotation.
 * Output: `v2.<key id>.<base64url(iv ‖ tag ‖ ciphertext)>`. Values sealed before rotation
 * existed (bare `base64url(iv ‖ tag ‖ ciphertext)`, no key id) still open with any of the keys.
 * `context` is bound as additional authenticated data (e.g. the session id, the collectivity's
 * SIRET and the column), so a sealed value copied onto another row does not open.
 */
export class SealedBox {
  private readonly current: SealingKey
  private readonly byId: ReadonlyMap<string, Buffer>

  /** A bare 32-byte key is the keyring `{ current: { id: 'k0', key } }`. */
  constructor(keys: Buffer | SealingKeyring) {
    const ring: SealingKeyring = Buffer.isBuffer(keys) ? { current: { id: 'k0', key: keys } } : keys
    const all = [ring.current, ...(ring.previous ?? [])].map(checkKey)
    this.current = all[0] ?? ring.current
    const byId = new Map<string, Buffer>()
    for (const k of all) {
      if (byId.has(k.id)) throw new Error(`SealedBox key id ${k.id} is used twice`)
      byId.set(k.id, k.key)
    }
    this.byId = byId
  }

  /** The id of the key that seals new values. */
  get currentKeyId(): string {
    return this.current.id
  }

  seal(value: unknown, context: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv)
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
    return `v2.${this.current.id}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`
  }

  open<T>(sealed: string, context: string): T {
    const versioned = versionedFormat.exec(sealed)
    if (versioned) {
      const key = this.byId.get(versioned[1] ?? '')
      const keyId = versioned[1] ?? null
      if (!key) throw new SealedBoxError('unknown_key', keyId, `sealed with an unknown key (${keyId})`)
      return decrypt<T>(key, versioned[2] ?? '', context, keyId)
    }
    // Legacy value (no key id): whichever key authenticates it.
    let failure = new SealedBoxError('not_authentic', null, 'no key opens this value')
    for (const key of this.byId.values()) {
      try {
        return decrypt<T>(key, sealed, context, null)
      } catch (err) {
        if (err instanceof SealedBoxError) failure = err
        else throw err
      }
    }
    throw failure
  }

  /** The key id a value was sealed with; `null` for a legacy value (sealed before key ids). */
  keyIdOf(sealed: string): string | null {
    return versionedFormat.exec(sealed)?.[1] ?? null
  }

  /** True when the value is not sealed with the current key (a re-seal moves it over). */
  needsResealing(sealed: string): boolean {
    return this.keyIdOf(sealed) !== this.current.id
  }

  /** Opens with whichever key sealed it and seals again with the current key. */
  reseal(sealed: string, context: string): string {
    return this.seal(this.open<unknown>(sealed, context), context)
  }
}

function decrypt<T>(key: Buffer, encoded: string, context: string, keyId: string | null): T {
  const raw = Buffer.from(encoded, 'base64url')
  if (raw.length < 28) throw new SealedBoxError('malformed', keyId, 'sealed value too short')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12), { authTagLength: 16 })
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(raw.subarray(12, 28))
  let text: string
  try {
    text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
  } catch {
    // Wrong key, altered bytes or another row's value (context): GCM refuses all alike.
    throw new SealedBoxError(
      'not_authentic',
      keyId,
      `sealed value does not authenticate (key ${keyId ?? 'legacy'})`,
    )
  }
  try {
    return JSON.parse(text) as T
  } catch {
    // Never the parser's message: it quotes the plaintext.
    throw new SealedBoxError('malformed', keyId, 'sealed value is not JSON')
  }
}

/** One sealed value at rest, with what binds it (its context) and how to swap it if still unchanged. */
export interface SealedCell {
  sealed: string
  context: string
  /** Replaces the value only if it is still `sealed` (compare-and-set); true when replaced. */
  replace(next: string): Promise<boolean>
}

/**
 * Step 3 of a key rotation over one kind of row: every value not sealed with the current key is
 * opened with the key that sealed it and sealed again with the current one. `read` lists the values
 * (it is called again to count what is left: 0 once done; a value changed meanwhile is left for the
 * next run). A value that does not open throws its SealedBoxError (the caller lacks a key).
 */
export async function resealCells(
  box: SealedBox,
  read: () => Promise<SealedCell[]>,
): Promise<{ resealed: number; left: number }> {
  let resealed = 0
  for (const cell of await read()) {
    if (!box.needsResealing(cell.sealed)) continue
    if (await cell.replace(box.reseal(cell.sealed, cell.context))) resealed++
  }
  const left = (await read()).filter((cell) => box.needsResealing(cell.sealed)).length
  return { resealed, left }
}
