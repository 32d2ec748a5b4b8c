import type {
  QuotientFamilialFailureKind,
  QuotientFamilialProvider,
  QuotientFamilialResult,
} from '../../ports/quotient-familial-provider.js'

/** What the fake answers for a token: a full result, or only a failure kind. */
export type InMemoryQuotientFamilialOutcome = QuotientFamilialResult | QuotientFamilialFailureKind

export interface QuotientFamilialCall {
  accessToken: string
  recipient: string
}

const asResult = (outcome: InMemoryQuotientFamilialOutcome): QuotientFamilialResult =>
  typeof outcome === 'string'
    ? { ok: false, kind: outcome, providerCode: null, status: null, retryAfterSeconds: null }
    : outcome

/**
 * A quotient familial provider in memory (tests, demos without the sandbox): answers from a map
 * access token → outcome, `token_invalid` for an unknown token, and records every call.
 */
export class InMemoryQuotientFamilialProvider implements QuotientFamilialProvider {
  private readonly outcomes: Map<string, InMemoryQuotientFamilialOutcome>
  private readonly recorded: QuotientFamilialCall[] = []

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
}
