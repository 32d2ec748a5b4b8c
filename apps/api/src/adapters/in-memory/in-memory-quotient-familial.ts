import type { IdentityPivotInput } from '@qf/contracts'
import type {
  IdentityLookupOptions,
  QuotientFamilialFailureKind,
  QuotientFamilialProvider,
  QuotientFamilialResult,
} from '../../ports/quotient-familial-provider.js'

/** What the fake answers for a token: a full result, or only a failure kind. */
export type InMemoryQuotientFamilialOutcome = QuotientFamilialResult | QuotientFamilialFailureKind

export interface QuotientFamilialCall {
  accessToken: string
  recipient: string
  /** Lookups by identity only. */
  identity?: IdentityPivotInput
}

/** The key of an identity in the fake's map: `identity:<birth name>|<first names>|<birth date>` (upper case). */
export const identityKey = (identity: Pick<IdentityPivotInput, 'birthName' | 'firstNames' | 'birthDate'>) =>
  `identity:${[identity.birthName, identity.firstNames.join(' '), identity.birthDate].join('|').toUpperCase()}`

const asResult = (outcome: InMemoryQuotientFamilialOutcome): QuotientFamilialResult =>
  typeof outcome === 'string'
    ? { ok: false, kind: outcome, providerCode: null, status: null, retryAfterSeconds: null }
    : outcome

/**
 * A quotient familial provider in memory (tests, demos without the sandbox): answers from a map
 * access token → outcome, `token_invalid` for an unknown token, and records every call. Lookups by
 * identity need a known collectivity token (`collectivityTokens`: token → SIRET, else
 * `token_invalid`; `expiredTokens` → `token_expired`) and answer the outcome of `identityKey(identity)`,
 * `not_found` when there is none.
 */
export class InMemoryQuotientFamilialProvider implements QuotientFamilialProvider {
  private readonly outcomes: Map<string, InMemoryQuotientFamilialOutcome>
  private readonly recorded: QuotientFamilialCall[] = []
  /** Collectivity tokens the fake accepts for lookups by identity (token → the SIRET it belongs to). */
  readonly collectivityTokens = new Map<string, string>()
  /** Collectivity tokens that have expired. */
  readonly expiredTokens = new Set<string>()
  /** Editors' tokens and their delegations (token → delegation id → the delegating collectivity's SIRET). */
  readonly editorDelegations = new Map<string, Map<string, string>>()

  constructor(
    outcomes:
      | ReadonlyMap<string, InMemoryQuotientFamilialOutcome>
      | Readonly<Record<string, InMemoryQuotientFamilialOutcome>> = {},
  ) {
    this.outcomes = new Map(outcomes instanceof Map ? outcomes : Object.entries(outcomes))
  }

  /** Sets (or replaces) the outcome of a token. */
  set(accessToken: string, outcome: InMemoryQuotientFamilialOutcome): this {
    this.outcomes.set(accessToken, outcome)
    return this
  }

  /** The calls received, oldest first. */
  get calls(): readonly QuotientFamilialCall[] {
    return this.recorded
  }

  async byFranceConnectToken(accessToken: string, recipient: string): Promise<QuotientFamilialResult> {
    this.recorded.push({ accessToken, recipient })
    const outcome = this.outcomes.get(accessToken)
    if (outcome === undefined)
      return { ok: false, kind: 'token_invalid', providerCode: '00101', status: 401, retryAfterSeconds: null }
    return structuredClone(asResult(outcome))
  }

  async byIdentity(
    collectivityToken: string,
    recipient: string,
    identity: IdentityPivotInput,
    options: IdentityLookupOptions = {},
  ): Promise<QuotientFamilialResult> {
    this.recorded.push({ accessToken: collectivityToken, recipient, identity: structuredClone(identity) })
    const delegations = this.editorDelegations.get(collectivityToken)
    if (delegations) {
      const only = delegations.size === 1 ? [...delegations.keys()][0] : undefined
      const id = options.delegationId ?? only
      if (id === undefined)
        return { ok: false, kind: 'bad_request', providerCode: '00212', status: 422, retryAfterSeconds: null }
      if (delegations.get(id) !== recipient)
        return {
          ok: false,
          kind: 'scope_missing',
          providerCode: '00213',
          status: 403,
          retryAfterSeconds: null,
        }
      return this.answerFor(identity)
    }
    if (this.expiredTokens.has(collectivityToken))
      return { ok: false, kind: 'token_expired', providerCode: '00103', status: 401, retryAfterSeconds: null }
    if (!this.collectivityTokens.has(collectivityToken))
      return { ok: false, kind: 'token_invalid', providerCode: '00101', status: 401, retryAfterSeconds: null }
    return this.answerFor(identity)
  }

  private answerFor(identity: IdentityPivotInput): QuotientFamilialResult {
    const outcome = this.outcomes.get(identityKey(identity))
    if (outcome === undefined)
      return { ok: false, kind: 'not_found', providerCode: '35003', status: 404, retryAfterSeconds: null }
    return structuredClone(asResult(outcome))
  }
}
