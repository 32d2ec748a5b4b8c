import type { JWK } from 'jose'

/** JWE key management algorithms FranceConnect v2 uses when a client has encryption enabled. */
export const franceConnectEncryptionAlgorithms = ['ECDH-ES', 'RSA-OAEP'] as const
/** The one content encryption FranceConnect uses. */
export const franceConnectContentEncryption = 'A256GCM'

/** A private decryption key as given in the configuration (a JWK with `d` and its `alg`). */
export type DecryptionJwk = JWK & { alg: (typeof franceConnectEncryptionAlgorithms)[number]; d: string }

const isAlg = (alg: unknown): alg is DecryptionJwk['alg'] =>
  franceConnectEncryptionAlgorithms.some((a) => a === alg)

/**
 * `FRANCECONNECT_DECRYPTION_JWKS` (`{"keys":[...]}`): the client's private keys, FranceConnect holding
 * their public halves. Each key must be private (`d`), EC P-256 with `ECDH-ES` or RSA with `RSA-OAEP`.
 * Throws with a message naming the key at fault (never its material).
 */
export function parseDecryptionJwks(text: string): DecryptionJwk[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new Error('not JSON (expected {"keys":[…]})')
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys
  if (!Array.isArray(keys) || keys.length === 0)
    throw new Error('expected {"keys":[…]} with at least one key')
  return keys.map((key: unknown, i) => {
    const k = key as Partial<DecryptionJwk> | null
    const name = `key ${i}${typeof k?.kid === 'string' ? ` (${k.kid})` : ''}`
    if (typeof k !== 'object' || k === null) throw new Error(`${name}: not a JWK`)
    if (!isAlg(k.alg))
      throw new Error(`${name}: alg must be ${franceConnectEncryptionAlgorithms.join(' or ')}`)
    if (typeof k.d !== 'string') throw new Error(`${name}: a private key is needed (no "d")`)
    if (k.alg === 'ECDH-ES' && (k.kty !== 'EC' || k.crv !== 'P-256'))
      throw new Error(`${name}: ECDH-ES needs an EC P-256 key`)
    if (k.alg === 'RSA-OAEP' && k.kty !== 'RSA') throw new Error(`${name}: RSA-OAEP needs an RSA key`)
    return k as DecryptionJwk
  })
}
