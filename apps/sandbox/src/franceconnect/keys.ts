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

/**
 * `SANDBOX_FC_DEMO_ENCRYPTION_JWKS`: the demo client's public encryption key(s), `{"keys":[…]}`, each with
 * its `alg` (`ECDH-ES` or `RSA-OAEP`): the stand-in then encrypts the demo client's id_token and userinfo,
 * as FranceConnect does once encryption is enabled for a client (the API holds the private halves in
 * `FRANCECONNECT_DECRYPTION_JWKS`). Undefined when unset.
 */
export function demoClientEncryption(
  text = process.env.SANDBOX_FC_DEMO_ENCRYPTION_JWKS,
): { alg: 'ECDH-ES' | 'RSA-OAEP'; jwks: JWK[] } | undefined {
  if (!text) return undefined
  const keys = (JSON.parse(text) as { keys?: JWK[] }).keys
  const first = keys?.[0]
  if (!keys || !first) throw new Error('SANDBOX_FC_DEMO_ENCRYPTION_JWKS: no "keys"')
  if (keys.some((k) => 'd' in k)) throw new Error('SANDBOX_FC_DEMO_ENCRYPTION_JWKS: public keys only')
  const alg = (['ECDH-ES', 'RSA-OAEP'] as const).find((a) => a === first.alg)
  if (!alg) throw new Error('SANDBOX_FC_DEMO_ENCRYPTION_JWKS: alg must be ECDH-ES or RSA-OAEP')
  return { alg, jwks: keys }
}
