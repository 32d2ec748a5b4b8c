import { randomUUID } from 'node:crypto'
import {
  accessModeFor,
  type FormulaireQfSubscriptionRequest,
  type HubeeOrganization,
  type HubeeOrganizationInput,
  type HubeeReferential,
  type HubeeReferentialFailure,
  type HubeeReferentialResult,
  type HubeeSubscription,
  hubeeOrganizationId,
  subscriptionMatches,
} from '../../ports/hubee-referential.js'

type Failure = Extract<HubeeReferentialResult<never>, { ok: false }>

/**
 * HubEE's referential in memory (tests, demos without the sandbox): organizations and
 * `FormulaireQF` subscriptions with the same rules as HubEE (a subscription needs its
 * organization), and failures a test sets (`failWith`, `failNext`).
 */
export class InMemoryHubeeReferential implements HubeeReferential {
  readonly organizations = new Map<string, HubeeOrganization>()
  readonly subscriptions = new Map<string, HubeeSubscription>()
  private sticky: HubeeReferentialFailure | null = null
  private upcoming: HubeeReferentialFailure[] = []
  private perMethod = new Map<keyof HubeeReferential, HubeeReferentialFailure[]>()
  /** Calls received, oldest first (`ensureOrganization:SI-…`, …). */
  readonly calls: string[] = []

  /**
   * `manual`: subscriptions are created `Inactif`, as HubEE does since July 2026 (`activate` plays
   * HubEE's staff); `automatic` (default here): created `Actif`, as before.
   */
  constructor(private readonly activation: 'manual' | 'automatic' = 'automatic') {}

  /** HubEE's staff activate the organization's subscription. */
  activate(siret: string): this {
    for (const s of this.subscriptions.values()) if (s.siret === siret) s.status = 'Actif'
    return this
  }

  addOrganization(o: Omit<HubeeOrganization, 'id'>): this {
    const id = hubeeOrganizationId(o.siret, o.cog)
    this.organizations.set(id, { ...o, id })
    return this
  }

  addSubscription(s: Omit<HubeeSubscription, 'id'>): this {
    const id = randomUUID()
    this.subscriptions.set(id, { ...s, id })
    return this
  }

  /** Every call fails with `kind` until `clearFailure()`. */
  failWith(kind: HubeeReferentialFailure): this {
    this.sticky = kind
    return this
  }

  /** The next calls fail, one failure each, in order. */
  failNext(...kinds: HubeeReferentialFailure[]): this {
    this.upcoming.push(...kinds)
    return this
  }

  /** The next `times` calls of `method` fail with `kind` (other methods answer normally). */
  failCall(method: keyof HubeeReferential, kind: HubeeReferentialFailure, times = 1): this {
    this.perMethod.set(method, [
      ...(this.perMethod.get(method) ?? []),
      ...Array<HubeeReferentialFailure>(times).fill(kind),
    ])
    return this
  }

  clearFailure(): this {
    this.sticky = null
    this.upcoming = []
    this.perMethod.clear()
    return this
  }

  private failure(method: keyof HubeeReferential): Failure | null {
    const kind = this.perMethod.get(method)?.shift() ?? this.upcoming.shift() ?? this.sticky
    return kind ? { ok: false, failure: kind, status: null, message: `simulated ${kind}` } : null
  }

  private find(siret: string, cog: string): HubeeSubscription | null {
    const mine = [...this.subscriptions.values()].filter((s) => s.siret === siret && s.cog === cog)
    return mine.find((s) => s.status === 'Actif') ?? mine[0] ?? null
  }

  async ensureOrganization(
    input: HubeeOrganizationInput,
  ): Promise<HubeeReferentialResult<HubeeOrganization & { created: boolean }>> {
    const id = hubeeOrganizationId(input.siret, input.cog)
    this.calls.push(`ensureOrganization:${id}`)
    const failed = this.failure('ensureOrganization')
    if (failed) return failed
    const existing = this.organizations.get(id)
    if (existing) return { ok: true, value: { ...existing, created: false } }
    const created: HubeeOrganization = {
      id,
      siret: input.siret,
      cog: input.cog,
      name: input.name,
      status: 'Actif',
    }
    this.organizations.set(id, created)
    return { ok: true, value: { ...created, created: true } }
  }

  async ensureFormulaireQfSubscription(
    request: FormulaireQfSubscriptionRequest,
  ): Promise<HubeeReferentialResult<HubeeSubscription & { changed: boolean }>> {
    const id = hubeeOrganizationId(request.siret, request.cog)
    this.calls.push(`ensureFormulaireQfSubscription:${id}`)
    const failed = this.failure('ensureFormulaireQfSubscription')
    if (failed) return failed
    if (!this.organizations.has(id))
      return { ok: false, failure: 'invalid', status: 400, message: `Organization ${id} is not found` }
    const existing = this.find(request.siret, request.cog)
    if (existing && subscriptionMatches(existing, request))
      return { ok: true, value: { ...existing, changed: false } }
    const next: HubeeSubscription = {
      id: existing?.id ?? randomUUID(),
      siret: request.siret,
      cog: request.cog,
      status: existing?.status ?? (this.activation === 'manual' ? 'Inactif' : 'Actif'),
      accessMode: accessModeFor(request),
      editorSiret: request.editor?.siret ?? null,
    }
    this.subscriptions.set(next.id, next)
    return { ok: true, value: { ...next, changed: true } }
  }

  async findFormulaireQfSubscription(
    siret: string,
    cog: string,
  ): Promise<HubeeReferentialResult<HubeeSubscription | null>> {
    this.calls.push(`findFormulaireQfSubscription:${hubeeOrganizationId(siret, cog)}`)
    const failed = this.failure('findFormulaireQfSubscription')
    if (failed) return failed
    const found = this.find(siret, cog)
    return { ok: true, value: found ? { ...found } : null }
  }
}
