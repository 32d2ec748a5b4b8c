import { readFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { exportJWK, generateKeyPair, type JWK } from 'jose'

/**
 * The ES256 signing keys of the FranceConnect stand-in: read from the JSON Web Key Set file named by
 * `SANDBOX_FC_JWKS_FILE` (private keys, `{"keys":[...]}`), or generated at start.
 */
export async function loadSigningKeys(file = process.env.SANDBOX_FC_JWKS_FILE): Promise<JWK[]> {
  if (file) {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { keys?: JWK[] }
    if (!Array.isArray(parsed.keys) || parsed.keys.length === 0)
      throw new Error(`SANDBOX_FC_JWKS_FILE ${file}: no "keys"`)
    return parsed.keys
  }
  const { privateKey } = await generateKeyPair('ES256', { extractable: true })
  const jwk = await exportJWK(privateKey)
  return [{ ...jwk, kid: randomUUID(), alg: 'ES256', use: 'sig' }]
}
