import { createHash } from 'node:crypto'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { FormulaireQfV3, type FormulaireQfPivotIdentity } from '@qf/contracts'
import { header, HttpClient, jsonOf, UnreachableError } from '../http.js'
import { type Clock, systemClock, TokenBucket } from './token-bucket.js'

/** API Particulier v3's `data` of the QF route (the deposited `quotient_familial_v3` without `version`). */
const QfData = Type.Omit(FormulaireQfV3, ['version'])
export type RefreshedQf = Static<typeof QfData>

const ErrorBody = Type.Object({
  errors: Type.Array(
    Type.Object({
      code: Type.Optional(Type.String()),
      title: Type.Optional(Type.String()),
      detail: Type.Optional(Type.String()),
      meta: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      source: Type.Optional(Type.Unknown()),
    }),
  ),
})

export type RefreshFailure =
  | 'not_found'
  | 'delegation_ambiguous'
  | 'not_delegated'
  | 'invalid_request'
  | 'token_expired'
  | 'token_invalid'
  | 'forbidden'
  | 'rate_limited'
  | 'provider_error'
  | 'provider_unavailable'
  | 'unreachable'
  /** API Particulier answered a QF of an older period than the one already held: not a refresh. */
  | 'older_period'

export type RefreshResult =
  | { ok: true; data: RefreshedQf; cached: boolean; attempts: number }
  | {
      ok: false
      failure: RefreshFailure
      status: number | null
      /** Requests made (1 + retries after a 429 or a provider timeout). */
      attempts: number
      /** API Particulier's code (`35003`, `00103`, …). */
      code: string | null
      /** API Particulier's `detail` (French) or the kit's own explanation. Never an identity. */
      detail: string
      /** When to try again, when API Particulier says so. */
      retryInSeconds?: number
      /** The procedure to follow (French), for an expired or invalid token. */
      procedure?: string
      /** `older_period`: the QF answered, kept for information only (never to replace the current one). */
      answered?: RefreshedQf
    }

/** How to renew a collectivity's API Particulier token (they expire every 18 months). */
export const tokenRenewalProcedure = [
  'Le jeton API Particulier de la collectivité est expiré (il vaut 18 mois).',
  'Pour le renouveler :',
  '1. la collectivité (ou son éditeur habilité) se connecte à DataPass (https://datapass.api.gouv.fr) ;',
  '2. elle ouvre l’habilitation API Particulier « quotient familial » existante et demande son renouvellement',
  '   (les mêmes données et la même finalité : la demande est instruite rapidement) ;',
  '3. une fois validée, le nouveau jeton se récupère sur https://particulier.api.gouv.fr (espace « Mes jetons ») ;',
  '4. remplacez `apiParticulierToken` dans la configuration du kit, puis relancez `qf-editeur refresh`.',
  'Astuce : l’espace API Particulier prévient par courriel avant l’échéance ; notez la date d’expiration.',
].join('\n')

export const invalidTokenProcedure = [
  'Le jeton API Particulier est refusé (inconnu ou révoqué).',
  'Vérifiez `apiParticulierToken` dans la configuration (copié en entier, sans espace), qu’il s’agit bien du',
  'jeton de cette collectivité (recipient = son SIRET) et qu’il porte le périmètre « quotient familial »',
  '(https://particulier.api.gouv.fr, espace « Mes jetons »). Sinon, demandez-en un par DataPass.',
].join('\n')

/** 00212: an editor token with several delegations, and none named. */
export const ambiguousDelegationProcedure = [
  'Le jeton API Particulier de l’éditeur porte plusieurs délégations : API Particulier ne sait pas pour quelle',
  'collectivité vous appelez. Indiquez `apiParticulierDelegationId` (l’identifiant de la délégation de cette',
  'collectivité) dans son abonnement de la configuration du kit ; `qf-editeur delegations` les liste.',
].join('\n')

/** 00213: the editor token has no delegation of this collectivity. */
export const notDelegatedProcedure = [
  'Le jeton API Particulier de l’éditeur n’a pas de délégation de cette collectivité (ou l’identifiant',
  'configuré est celui d’une autre). Vérifiez `apiParticulierDelegationId` avec `qf-editeur delegations` ;',
  'si elle n’y figure pas, la collectivité doit déléguer son habilitation « quotient familial » à l’éditeur',
  '(DataPass, https://datapass.api.gouv.fr), ou vous confier son propre jeton (`apiParticulierToken`).',
].join('\n')

export interface RefreshRequest {
  /**
   * The collectivity's API Particulier token (a JWT valid 18 months), or the editor's one token — then
   * with `delegationId`, the delegation of this collectivity.
   */
  token: string
  /** With an editor token: the collectivity's delegation (`delegation_id`). */
  delegationId?: string
  /** SIRET of the collectivity: `recipient`. */
  siret: string
  identity: FormulaireQfPivotIdentity
  /** QF of a given month (optional). */
  annee?: number
  mois?: number
  /**
   * The period of the QF already held (e.g. the dossier's): an answer for an older period is reported as
   * `older_period`, never returned as a refreshed QF.
   */
  current?: { annee: number; mois: number }
}

const periodOf = (p: { annee: number; mois: number }) => p.annee * 12 + p.mois
const mmYyyy = (p: { annee: number; mois: number }) => `${String(p.mois).padStart(2, '0')}/${p.annee}`

export interface QfRefresherOptions {
  /** e.g. https://particulier.api.gouv.fr (no trailing slash). */
  baseUrl: string
  timeoutMs?: number
  /** Per token. Default 20 (API Particulier's limit); the bucket never exceeds it. */
  requestsPerSecond?: number
  /** Tokens saved up per bucket. Default 1 (requests spaced by 1/rate). */
  burst?: number
  /** Further attempts after a 429 or a provider timeout (504). Default 2. */
  retries?: number
  /** Longest wait honoured from `Retry-After` / `meta.retry_in`. Default 30 s. */
  maxRetryWaitMs?: number
  clock?: Clock
  userAgent?: string
}

/** The query of `/v3/dss/quotient_familial/identite` for a FranceConnect identity pivot. */
export function civilityQuery(request: RefreshRequest): URLSearchParams {
  const { identity } = request
  const q = new URLSearchParams()
  q.set('recipient', request.siret)
  q.set('nomNaissance', identity.family_name)
  for (const p of identity.given_name.split(/\s+/).filter(Boolean).slice(0, 3)) q.append('prenoms[]', p)
  q.set('sexeEtatCivil', identity.gender === 'female' ? 'F' : 'M')
  const [year, month, day] = identity.birthdate.split('-')
  if (year && year !== '0000') {
    q.set('anneeDateNaissance', String(Number(year)))
    if (month && month !== '00') {
      q.set('moisDateNaissance', String(Number(month)))
      if (day && day !== '00') q.set('jourDateNaissance', String(Number(day)))
    }
  }
  q.set('codeCogInseePaysNaissance', identity.birthcountry)
  // Born abroad: the commune is left out.
  if (identity.birthcountry === '99100' && identity.birthplace)
    q.set('codeCogInseeCommuneNaissance', identity.birthplace)
  if (request.annee !== undefined) q.set('annee', String(request.annee))
  if (request.mois !== undefined) q.set('mois', String(request.mois))
  if (request.delegationId) q.set('delegation_id', request.delegationId)
  return q
}

const DelegationsBody = Type.Object({
  data: Type.Array(
    Type.Object({
      id: Type.String(),
      recipient: Type.Object({ siret: Type.String(), nom: Type.Optional(Type.String()) }),
    }),
  ),
})

/** An editor's delegations: which collectivity each `delegation_id` stands for. */
export type DelegationsResult =
  | { ok: true; delegations: { id: string; siret: string; nom: string | null }[] }
  | { ok: false; status: number | null; code: string | null; detail: string }

function retryAfterMs(value: string | undefined, retryIn: unknown): number | undefined {
  if (value !== undefined && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000
  if (value !== undefined) {
    const at = Date.parse(value)
    if (Number.isFinite(at)) return Math.max(0, at - Date.now())
  }
  return typeof retryIn === 'number' && retryIn >= 0 ? retryIn * 1000 : undefined
}

/**
 * The QF refresh from a stored identity through API Particulier (`GET /v3/dss/quotient_familial/identite`)
 * with the collectivity's token: rate-limited per token, honours `Retry-After`. It logs nothing; its
 * results and errors never carry the identity (nor the URL, whose query does).
 */
export class QfRefresher {
  private readonly http: HttpClient
  private readonly buckets = new Map<string, TokenBucket>()
  private readonly clock: Clock

  constructor(private readonly options: QfRefresherOptions) {
    this.http = new HttpClient('API Particulier', options.timeoutMs ?? 30_000)
    this.clock = options.clock ?? systemClock
  }

  private bucketFor(token: string): TokenBucket {
    const key = createHash('sha256').update(token).digest('hex')
    let bucket = this.buckets.get(key)
    if (!bucket) {
      bucket = new TokenBucket(
        Math.min(this.options.requestsPerSecond ?? 20, 1000),
        this.options.burst ?? 1,
        this.clock,
      )
      this.buckets.set(key, bucket)
    }
    return bucket
  }

  async refresh(request: RefreshRequest): Promise<RefreshResult> {
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/v3/dss/quotient_familial/identite?${civilityQuery(request)}`
    const bucket = this.bucketFor(request.token)
    const retries = this.options.retries ?? 2
    const maxWait = this.options.maxRetryWaitMs ?? 30_000
    for (let attempt = 0; ; attempt++) {
      await bucket.take()
      let answer
      try {
        answer = await this.http.send({
          method: 'GET',
          url,
          headers: {
            authorization: `Bearer ${request.token}`,
            accept: 'application/json',
            'user-agent': this.options.userAgent ?? 'qf-editeur',
          },
        })
      } catch (error) {
        if (error instanceof UnreachableError)
          return {
            ok: false,
            failure: 'unreachable',
            status: null,
            attempts: attempt + 1,
            code: null,
            detail: error.message,
          }
        throw error
      }
      const body = jsonOf(answer)
      if (answer.status === 200) {
        const data = (body as { data?: unknown } | undefined)?.data
        if (Value.Check(QfData, data)) {
          const answered = data.quotient_familial
          if (request.current && periodOf(answered) < periodOf(request.current))
            return {
              ok: false,
              failure: 'older_period',
              status: 200,
              attempts: attempt + 1,
              code: null,
              detail: `QF conservé : API Particulier répond pour ${mmYyyy(answered)}, plus ancien que le QF actuel (${mmYyyy(request.current)})`,
              answered: data,
            }
          return {
            ok: true,
            data,
            cached: header(answer, 'x-response-cached') === 'true',
            attempts: attempt + 1,
          }
        }
        return {
          ok: false,
          failure: 'provider_error',
          status: 200,
          attempts: attempt + 1,
          code: null,
          detail:
            'Réponse API Particulier inattendue (quotient_familial absent ou masqué : vérifiez les périmètres du jeton)',
        }
      }
      const first = Value.Check(ErrorBody, body) ? body.errors[0] : undefined
      const code = first?.code ?? null
      const detail = first?.detail ?? `Réponse HTTP ${answer.status} d’API Particulier`
      const wait = retryAfterMs(header(answer, 'retry-after'), first?.meta?.retry_in)
      const retryable = answer.status === 429 || answer.status === 504 || answer.status === 503
      if (retryable && attempt < retries && (wait ?? 1000) <= maxWait) {
        const ms = wait ?? 1000 * 2 ** attempt
        // Every request of this token waits (ignoring 429s gets the IP banned for 12 hours).
        if (answer.status === 429) bucket.pauseUntil(this.clock.now() + ms)
        else await this.clock.sleep(ms)
        continue
      }
      const retryInSeconds = wait !== undefined ? Math.ceil(wait / 1000) : undefined
      const failure = failureOf(answer.status, code)
      return {
        ok: false,
        failure,
        status: answer.status,
        attempts: attempt + 1,
        code,
        detail,
        ...(retryInSeconds !== undefined ? { retryInSeconds } : {}),
        ...(failure === 'token_expired' ? { procedure: tokenRenewalProcedure } : {}),
        ...(failure === 'token_invalid' ? { procedure: invalidTokenProcedure } : {}),
        ...(failure === 'delegation_ambiguous' ? { procedure: ambiguousDelegationProcedure } : {}),
        ...(failure === 'not_delegated' ? { procedure: notDelegatedProcedure } : {}),
      }
    }
  }

  /** `GET /editeur/api/v1/delegations` with the editor's token. */
  async delegations(token: string): Promise<DelegationsResult> {
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/editeur/api/v1/delegations`
    await this.bucketFor(token).take()
    let answer
    try {
      answer = await this.http.send({
        method: 'GET',
        url,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'user-agent': this.options.userAgent ?? 'qf-editeur',
        },
      })
    } catch (error) {
      if (error instanceof UnreachableError)
        return { ok: false, status: null, code: null, detail: error.message }
      throw error
    }
    const body = jsonOf(answer)
    if (answer.status === 200 && Value.Check(DelegationsBody, body))
      return {
        ok: true,
        delegations: body.data.map((d) => ({
          id: d.id,
          siret: d.recipient.siret,
          nom: d.recipient.nom ?? null,
        })),
      }
    const first = Value.Check(ErrorBody, body) ? body.errors[0] : undefined
    return {
      ok: false,
      status: answer.status,
      code: first?.code ?? null,
      detail: first?.detail ?? `Réponse HTTP ${answer.status} d’API Particulier`,
    }
  }

  async close(): Promise<void> {
    await this.http.close()
  }
}

function failureOf(status: number, code: string | null): RefreshFailure {
  if (code === '00212') return 'delegation_ambiguous'
  if (code === '00213') return 'not_delegated'
  if (status === 401) return code === '00103' ? 'token_expired' : 'token_invalid'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 422 || status === 400) return 'invalid_request'
  if (status === 429) return 'rate_limited'
  if (status === 504 || status === 503) return 'provider_unavailable'
  return 'provider_error'
}
