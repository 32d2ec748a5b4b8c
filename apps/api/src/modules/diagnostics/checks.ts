import type { HealthProblemCode, HealthSeverity } from '@qf/contracts'
import type { FormulaireQfSubscriptionRequest } from '../../ports/hubee-referential.js'
import { checkHubeeSubscription, type CollectivityRecord } from '../collectivities/index.js'
import { markExpiringApiParticulierTokens, renewalHorizonDays } from '../registry/index.js'
import type { DiagnosticsDeps } from './deps.js'
import { organizationOf, type HealthFacts } from './facts.js'

/** What a check reads: the registry's row, HubEE's referential (read back), the webhook deliveries. */
export type FactSource = 'registry' | 'hubee' | 'webhooks'

export interface RepairOutcome {
  outcome: 'repaired' | 'pending' | 'failed'
  /** What was done, in French. */
  message: string
}

/** An automatic repair; several checks may share one (it then runs once). */
export interface Repair {
  id: string
  /** Why it cannot be applied automatically to these facts (French, the human step), `null` when it can. */
  blockedBy(facts: HealthFacts): string | null
  apply(
    deps: Pick<DiagnosticsDeps, 'db' | 'clock' | 'hubeeReferential'>,
    facts: HealthFacts,
  ): Promise<RepairOutcome>
}

/** One check, as data: its code, severity, what it reads, how it detects, how it repairs if it can. */
export interface HealthCheck {
  code: HealthProblemCode
  severity: HealthSeverity
  reads: readonly FactSource[]
  /** The problem in French (what it stops, what to do), or `null` when absent. */
  detect(facts: HealthFacts): string | null
  repair?: Repair
}

const dayMs = 86_400_000
const day = (d: Date) => d.toISOString().slice(0, 10)
const editorText = (e: NonNullable<CollectivityRecord['editor']>) => `${e.name} (${e.siret})`
const subscriptionOf = (f: HealthFacts) => (f.hubee.ok ? f.hubee.subscription : null)

/** HubEE's local administrator for a subscription: the DataPass requester, else the DPO. */
const administratorOf = (c: CollectivityRecord) => c.contacts.requester ?? c.contacts.dpo

/** The subscription request HubEE needs for this collectivity, or why it cannot be made. */
function subscriptionRequest(
  c: CollectivityRecord,
): { ok: true; request: FormulaireQfSubscriptionRequest } | { ok: false; reason: string } {
  if (c.datapassId === null)
    return {
      ok: false,
      reason:
        'Réparation impossible ici : aucune habilitation DataPass n’est connue pour cette collectivité (créée par ' +
        'l’import ou l’API d’administration), et HubEE n’ouvre un abonnement que sur une habilitation. Faites ' +
        'la demande sur DataPass (l’abonnement sera créé à son approbation), ou voyez-le avec HubEE.',
    }
  const administrator = administratorOf(c)
  if (!administrator)
    return {
      ok: false,
      reason:
        'Réparation impossible ici : aucun contact de la collectivité n’est connu pour être son administrateur ' +
        'local chez HubEE. Renseignez ses contacts (PATCH …/admin/collectivities/{siret}, champ contacts).',
    }
  return {
    ok: true,
    request: {
      siret: c.siret,
      cog: c.hubeeRecipient.branchCode,
      datapassId: c.datapassId,
      localAdministrator: {
        email: administrator.email,
        firstName: administrator.givenName,
        lastName: administrator.familyName,
        function: administrator.jobTitle,
        phoneNumber: administrator.phoneNumber,
      },
      editor: c.editor ? { siret: c.editor.siret, name: c.editor.name, email: null } : null,
    },
  }
}

const hubeeFailureText = (failure: string, status: number | null) =>
  `HubEE : ${failure}${status === null ? '' : ` (HTTP ${status})`}`

/**
 * Creates or updates the `FormulaireQF` subscription through HubEE's referential (organization first),
 * with the access mode and delegation the registry implies. Since July 2026 HubEE may leave a new
 * subscription `Inactif` until it activates it by hand: that is `pending`, not repaired.
 */
export const subscriptionRepair: Repair = {
  id: 'hubee_subscription',
  blockedBy(facts) {
    const s = subscriptionOf(facts)
    if (s && s.status !== 'Actif' && s.status !== 'Inactif')
      return `Réparation impossible ici : HubEE a mis l’abonnement à l’état « ${s.status} » ; voyez-le avec HubEE.`
    const made = subscriptionRequest(facts.collectivity)
    return made.ok ? null : made.reason
  },
  async apply(deps, facts) {
    const c = facts.collectivity
    const made = subscriptionRequest(c)
    if (!made.ok) return { outcome: 'failed', message: made.reason }
    const administrator = made.request.localAdministrator
    const organization = await deps.hubeeReferential.ensureOrganization({
      siret: c.siret,
      cog: c.hubeeRecipient.branchCode,
      name: c.name,
      postalCode: c.postalCodes[0] ?? '',
      territory: c.name,
      email: administrator.email,
      phoneNumber: administrator.phoneNumber ?? null,
    })
    if (!organization.ok)
      return {
        outcome: 'failed',
        message: `L’organisation ${organizationOf(c)} n’a pas pu être créée ou lue (${hubeeFailureText(organization.failure, organization.status)}).`,
      }
    const subscription = await deps.hubeeReferential.ensureFormulaireQfSubscription(made.request)
    if (!subscription.ok)
      return {
        outcome: 'failed',
        message: `L’abonnement FormulaireQF n’a pas pu être créé ou mis à jour (${hubeeFailureText(subscription.failure, subscription.status)}).`,
      }
    const s = subscription.value
    const mode = made.request.editor
      ? `mode API, délégué à l’éditeur ${editorText(made.request.editor)}`
      : 'mode PORTAIL'
    if (s.status !== 'Actif')
      return {
        outcome: 'pending',
        message: `Abonnement FormulaireQF demandé à HubEE (${mode}) : « ${s.status} », en attente d’activation par HubEE.`,
      }
    return { outcome: 'repaired', message: `Abonnement FormulaireQF actif chez HubEE (${mode}).` }
  },
}

/**
 * Reads the subscription back from HubEE and tells the lifecycle (what the periodic re-check does):
 * an `Actif` subscription makes a collectivity awaiting HubEE (or suspended because of HubEE) offered.
 * Runs after the subscription repair (check order), so a subscription HubEE activates at once counts.
 */
export const lifecycleRepair: Repair = {
  id: 'lifecycle_hubee_check',
  blockedBy(facts) {
    const c = facts.collectivity
    if (c.lifecycle === 'awaiting_hubee' || (c.lifecycle === 'suspended' && c.suspendedBy === 'hubee')) {
      if (!facts.hubee.ok) return 'Réparation impossible pour l’instant : HubEE n’a pas pu être lu.'
      if (facts.hubee.subscription === null && subscriptionRepair.blockedBy(facts) !== null)
        return 'Réparation impossible ici : il faut d’abord un abonnement FormulaireQF chez HubEE (voir ci-dessus).'
      return null
    }
    return c.lifecycle === 'draft'
      ? 'Réparation impossible ici : aucune habilitation n’est enregistrée. Elle arrive par DataPass (approbation) ' +
          'ou par une décision des opérateurs (clé admin, `status: active`).'
      : 'Réparation impossible ici : c’est une décision (des opérateurs, de DataPass) ; seule une nouvelle décision ' +
          'la rend à nouveau proposée.'
  },
  async apply(deps, { collectivity }) {
    const result = await checkHubeeSubscription(deps, collectivity, { kind: 'hubee_check', id: null })
    if (result.outcome === 'unavailable')
      return {
        outcome: 'failed',
        message: 'HubEE n’a pas pu être lu : l’état de la collectivité est inchangé.',
      }
    return result.subscription === 'Actif'
      ? {
          outcome: 'repaired',
          message: 'Abonnement relu « Actif » chez HubEE : la collectivité est proposée aux familles.',
        }
      : {
          outcome: 'pending',
          message: `Abonnement relu « ${result.subscription ?? 'absent'} » chez HubEE : la collectivité reste en attente.`,
        }
  },
}

const lifecycleText: Record<Exclude<CollectivityRecord['lifecycle'], 'active'>, string> = {
  draft:
    'La collectivité n’est pas proposée aux familles (état « draft ») : aucune habilitation DataPass approuvée ni ' +
    'décision des opérateurs n’est enregistrée.',
  awaiting_hubee:
    'La collectivité n’est pas encore proposée aux familles (état « awaiting_hubee ») : habilitée, elle attend ' +
    'que son abonnement FormulaireQF soit relu « Actif » chez HubEE (contrôle périodique, ou `repair`).',
  suspended:
    'La collectivité n’est plus proposée aux familles (état « suspended ») : voyez l’historique de ses ' +
    'transitions (GET …/admin/collectivities/{siret}/transitions) pour savoir par qui et pourquoi.',
  closed:
    'La collectivité n’est plus proposée aux familles (état « closed », définitif : habilitation archivée).',
}

/** Recomputes this collectivity's "token to renew" mark (what the daily job does for all). */
export const tokenMarkRepair: Repair = {
  id: 'api_particulier_token_mark',
  blockedBy: () => null,
  async apply(deps, facts) {
    await markExpiringApiParticulierTokens(deps, facts.collectivity.siret)
    return {
      outcome: 'repaired',
      message: 'Marque « jeton à renouveler » recalculée d’après la date du jeton.',
    }
  },
}

const tokenOf = (f: HealthFacts) => f.collectivity.apiParticulierToken
const expiresWithinHorizon = (f: HealthFacts) => {
  const token = tokenOf(f)
  return token !== null && token.expiresAt.getTime() < f.now.getTime() + renewalHorizonDays * dayMs
}
const renewal =
  'Renouvelez-le (habilitation API Particulier) puis enregistrez le nouveau : PUT …/admin/collectivities/' +
  '{siret}/api-particulier-token ou `npm run cli -- collectivities set-token`.'

/**
 * Every check, in report order. A new check is one more entry (e.g. the collectivity's lifecycle
 * state): the use cases run whatever is listed here.
 */
export const healthChecks: readonly HealthCheck[] = [
  {
    code: 'hubee_unreachable',
    severity: 'blocking',
    reads: ['hubee'],
    detect: ({ hubee }) => {
      if (hubee.ok) return null
      if (hubee.failure === 'rejected')
        return (
          'HubEE refuse les identifiants d’administration du service (HUBEE_ADMIN_CLIENT_ID / ' +
          'HUBEE_ADMIN_CLIENT_SECRET) : l’abonnement n’a pas pu être vérifié. Corrigez la configuration.'
        )
      return (
        `Le référentiel HubEE n’a pas pu être lu (${hubeeFailureText(hubee.failure, hubee.status)}) : ` +
        'l’abonnement n’a pas pu être vérifié. Réessayez plus tard.'
      )
    },
  },
  {
    code: 'hubee_subscription_missing',
    severity: 'blocking',
    reads: ['registry', 'hubee'],
    detect: (f) =>
      f.hubee.ok && f.hubee.subscription === null
        ? `Aucun abonnement FormulaireQF chez HubEE pour ${organizationOf(f.collectivity)} : chaque dossier ` +
          'envoyé à cette collectivité échoue.'
        : null,
    repair: subscriptionRepair,
  },
  {
    code: 'hubee_subscription_inactive',
    severity: 'blocking',
    reads: ['hubee'],
    detect: (f) => {
      const s = subscriptionOf(f)
      if (!s || s.status === 'Actif') return null
      return s.status === 'Inactif'
        ? 'L’abonnement FormulaireQF de HubEE est « Inactif » : en attente d’activation par HubEE (depuis ' +
            'juillet 2026, HubEE active les abonnements à la main). Aucun dossier ne peut être déposé d’ici là.'
        : `L’abonnement FormulaireQF de HubEE est « ${s.status} » : aucun dossier ne peut être déposé.`
    },
    repair: subscriptionRepair,
  },
  {
    code: 'hubee_access_mode_mismatch',
    severity: 'blocking',
    reads: ['registry', 'hubee'],
    detect: (f) => {
      const s = subscriptionOf(f)
      if (!s) return null
      const editor = f.collectivity.editor
      const expected = editor ? 'API' : 'PORTAIL'
      if (s.accessMode !== expected)
        return (
          `L’abonnement HubEE est en mode « ${s.accessMode ?? 'aucun'} », « ${expected} » attendu : ` +
          (editor
            ? `la collectivité a un éditeur, ${editorText(editor)}, qui lit ses dossiers par l’API.`
            : 'sans éditeur, la collectivité lit ses dossiers sur le portail HubEE.')
        )
      if (s.editorSiret !== null && s.editorSiret !== (editor?.siret ?? null))
        return (
          `L’abonnement HubEE délègue la réception des dossiers à l’éditeur ${s.editorSiret}, alors que ` +
          (editor
            ? `l’éditeur de la collectivité est ${editorText(editor)}.`
            : 'la collectivité n’a pas d’éditeur.')
        )
      return null
    },
    repair: subscriptionRepair,
  },
  {
    code: 'no_editor',
    severity: 'warning',
    reads: ['registry'],
    detect: ({ collectivity }) =>
      collectivity.editor === null
        ? 'Aucun éditeur : ses dossiers ne se lisent que sur le portail HubEE, et personne ne peut rafraîchir le ' +
          'QF de ses familles (consultation par l’éditeur). Si la collectivité a un logiciel, renseignez son ' +
          'éditeur (PATCH …/admin/collectivities/{siret}, champ editor).'
        : null,
  },
  {
    code: 'api_particulier_token_missing',
    severity: 'blocking',
    reads: ['registry'],
    detect: (f) =>
      tokenOf(f) === null
        ? 'Aucun jeton API Particulier enregistré : le rafraîchissement du QF est impossible. Enregistrez le ' +
          'jeton de la collectivité : PUT …/admin/collectivities/{siret}/api-particulier-token ou ' +
          '`npm run cli -- collectivities set-token`.'
        : null,
  },
  {
    code: 'api_particulier_token_expired',
    severity: 'blocking',
    reads: ['registry'],
    detect: (f) => {
      const token = tokenOf(f)
      return token && token.expiresAt.getTime() <= f.now.getTime()
        ? `Le jeton API Particulier a expiré le ${day(token.expiresAt)} : le rafraîchissement du QF est ` +
            `impossible. ${renewal}`
        : null
    },
  },
  {
    code: 'api_particulier_token_expiring',
    severity: 'warning',
    reads: ['registry'],
    detect: (f) => {
      const token = tokenOf(f)
      if (!token || token.expiresAt.getTime() <= f.now.getTime() || !expiresWithinHorizon(f)) return null
      const days = Math.floor((token.expiresAt.getTime() - f.now.getTime()) / dayMs)
      return `Le jeton API Particulier expire le ${day(token.expiresAt)} (dans ${days} jours). ${renewal}`
    },
  },
  {
    code: 'api_particulier_token_mark_stale',
    severity: 'warning',
    reads: ['registry'],
    detect: (f) => {
      const token = tokenOf(f)
      if (!token || (token.expiringSince !== null) === expiresWithinHorizon(f)) return null
      return token.expiringSince === null
        ? 'Le jeton expire dans moins de 90 jours mais n’est pas marqué « à renouveler » (la tâche quotidienne ' +
            'n’est pas encore passée) : la liste des jetons à renouveler et la métrique l’omettent.'
        : 'Le jeton est marqué « à renouveler » alors qu’il expire dans plus de 90 jours.'
    },
    repair: tokenMarkRepair,
  },
  {
    code: 'webhook_failing',
    severity: 'warning',
    reads: ['registry', 'webhooks'],
    detect: ({ latestDeliveries, collectivity }) => {
      const failing = latestDeliveries.filter(
        (d) => d.outcome === 'failed' || (d.outcome === 'pending' && d.attempts > 0),
      )
      if (failing.length === 0) return null
      return `${failing
        .map((d) => {
          const owner =
            d.ownerSiret === collectivity.siret ? 'de la collectivité' : `de l’éditeur ${d.ownerSiret}`
          const last = d.lastStatus !== null ? `HTTP ${d.lastStatus}` : (d.lastError ?? 'sans réponse')
          return d.outcome === 'failed'
            ? `Le webhook ${owner} a été abandonné le ${day(new Date(d.failedAt ?? d.createdAt))} après ${d.attempts} tentatives (dernière : ${last}).`
            : `Le webhook ${owner} échoue (${d.attempts} tentative(s), dernière : ${last}) ; nouvel essai prévu.`
        })
        .join(
          ' ',
        )} Les dossiers arrivent dans HubEE, mais le logiciel n’en est pas prévenu : vérifiez que le point de réception répond 2xx (GET/PUT …/webhook, GET /api/v1/admin/webhooks/deliveries).`
    },
  },
  {
    code: 'not_offered',
    severity: 'blocking',
    reads: ['registry'],
    detect: ({ collectivity: c }) => (c.lifecycle === 'active' ? null : lifecycleText[c.lifecycle]),
    repair: lifecycleRepair,
  },
]
