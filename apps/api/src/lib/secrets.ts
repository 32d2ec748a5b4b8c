import { createHash, randomBytes } from 'node:crypto'

/** A random secret for a bearer credential (cookie value, token, one-time code): 256 bits, base64url. */
export const newSecret = () => randomBytes(32).toString('base64url')

/** What is stored instead of a secret: its SHA-256 (a leaked table gives no usable credential). */
export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('base64url')
