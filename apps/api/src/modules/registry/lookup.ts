import type { QuotientFamilial, QuotientFamilialLookup } from '@qf/contracts'
import { AppError } from '../../errors/catalog.js'
import type { TokenBuckets } from '../../lib/token-bucket.js'
import type { QuotientFamilialProvider } from '../../ports/quotient-familial-provider.js'
import { findBySiret } from '../collectivities/index.js'
import type { Scope } from './api-keys.js'
import { openApiParticulierToken, type RegistryDeps } from './collectivity-admin.js'
import { authorize } from './scope.js'

export interface LookupDeps extends RegistryDeps {
  quotientFamilial: QuotientFamilialProvider
  /** 20 requests/s per collectivity token (API Particulier's limit), in process. */
  limiter: TokenBuckets
}

/** Where a collectivity renews its API Particulier token (named in the problem's detail). */
export const renewalProcedure =
  'La collectivité doit demander un nouveau jeton sur DataPass (https://datapass.api.gouv.fr, ' +
  'habilitation « API Particulier » — quotient familial), puis l’enregistrer ici ' +
  '(`PUT /api/v1/admin/collectivities/{siret}/api-particulier-token`, ou `npm run cli -- collectivities set-token`).'

const day = (d: Date) => d.toISOString().slice(0, 10)

const expired = (siret: string, at: Date | null) =>
  new AppError('apiParticulierTokenExpired', {
    code: 'token_expired',
    detail: `Le jeton API Particulier de la collectivité ${siret} a expiré${at ? ` le ${day(at)}` : ''}. ${renewalProcedure}`,
  })

const retryHeaders = (seconds: number | null) => (seconds ? { 'retry-after': String(seconds) } : undefined)

/**
 * The quotient familial of a person without FranceConnect, from the identity pivot, with the
 * collectivity's own API Particulier token (`recipient` = its SIRET). The key's scope must cover the
 * collectivity. The identity is passed through, never stored nor logged.
 */
export async function lookupQuotientFamilial(
  deps: LookupDeps,
  scope: Scope,
  { siret, identity }: QuotientFamilialLookup,
): Promise<QuotientFamilial> {
  const collectivity = authorize(scope, siret, await findBySiret(deps.db, siret))
  if (collectivity.lifecycle !== 'active')
    throw new AppError('collectivityNotFound', {
      detail: `La collectivité ${siret} n’est pas active (état ${collectivity.lifecycle}).`,
    })
  const token = collectivity.apiParticulierToken
  if (!token)
    throw new AppError('apiParticulierTokenMissing', {
      code: 'token_missing',
      detail: `Aucun jeton API Particulier n’est enregistré pour la collectivité ${siret}. ${renewalProcedure}`,
    })
  if (token.expiresAt.getTime() <= deps.clock.now().getTime()) throw expired(siret, token.expiresAt)
  const slot = deps.limiter.take(siret)
  if (!slot.ok)
    throw new AppError('quotientFamilialRateLimited', {
      code: 'rate_limited',
      detail:
        'Plus de 20 demandes par seconde pour ce jeton : réessayez après le délai indiqué (Retry-After).',
      headers: { 'retry-after': String(slot.retryAfterSeconds) },
    })
  let secret: string | null
  try {
    secret = openApiParticulierToken(deps.box, collectivity)
  } catch (cause) {
    throw new AppError('unavailable', {
      detail:
        'Le jeton de cette collectivité ne peut pas être ouvert (clé de chiffrement) : l’exploitant doit le réenregistrer.',
      cause,
    })
  }
  if (!secret) throw expired(siret, null)

  const result = await deps.quotientFamilial.byIdentity(secret, siret, identity)
  if (result.ok) return result.quotientFamilial
  switch (result.kind) {
    case 'not_found':
    case 'cnaf_file_not_found':
    case 'msa_file_not_found':
    case 'file_not_found':
      throw new AppError('quotientFamilialNotFound', {
        code: result.kind,
        detail: 'Ni la CAF ni la MSA ne connaissent de quotient familial pour cette identité.',
      })
    case 'token_expired':
      throw expired(siret, token.expiresAt)
    case 'token_invalid':
    case 'scope_missing':
      throw new AppError('apiParticulierTokenRefused', {
        code: result.kind,
        detail: `API Particulier refuse le jeton de la collectivité ${siret} (${result.kind === 'scope_missing' ? 'droits insuffisants' : 'jeton invalide'}). ${renewalProcedure}`,
      })
    case 'bad_request':
      throw new AppError('identityRejected', {
        code: 'identity_rejected',
        detail: result.providerMessage
          ? `API Particulier refuse ces paramètres d’identité : ${result.providerMessage}.`
          : 'API Particulier refuse ces paramètres d’identité (vérifiez la date et le lieu de naissance).',
      })
    case 'rate_limited':
      throw new AppError('quotientFamilialRateLimited', {
        code: 'rate_limited',
        detail: 'API Particulier demande de ralentir : réessayez après le délai indiqué (Retry-After).',
        headers: { 'retry-after': String(result.retryAfterSeconds ?? 1) },
      })
    case 'provider_error':
      throw new AppError('quotientFamilialProviderError', {
        code: 'provider_error',
        detail: 'La CAF ou la MSA a donné une réponse invalide. Réessayez plus tard.',
      })
    case 'provider_unavailable':
      throw new AppError('quotientFamilialUnavailable', {
        code: 'provider_unavailable',
        detail: 'API Particulier, la CAF ou la MSA ne répond pas. Réessayez dans quelques minutes.',
        ...(retryHeaders(result.retryAfterSeconds)
          ? { headers: retryHeaders(result.retryAfterSeconds) }
          : {}),
      })
  }
}
