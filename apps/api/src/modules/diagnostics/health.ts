import type {
  CollectivityHealth,
  CollectivityRepair,
  EditorHealth,
  HealthProblem,
  RepairAction,
} from '@qf/contracts'
import { findBySiret, type CollectivityRecord } from '../collectivities/index.js'
import { getCollectivity, listCollectivities, type Scope } from '../registry/index.js'
import { healthChecks, type HealthCheck, type Repair } from './checks.js'
import type { DiagnosticsDeps } from './deps.js'
import { gatherFacts, syncCachedSubscription, type HealthFacts, type HubeeReadBack } from './facts.js'

type Deps = Pick<DiagnosticsDeps, 'db' | 'box' | 'clock' | 'hubeeReferential'>

interface Detected {
  check: HealthCheck
  message: string
  blockedBy: string | null
}

/** Runs every check over the facts. */
function detect(facts: HealthFacts, checks: readonly HealthCheck[]): Detected[] {
  return checks.flatMap((check) => {
    const message = check.detect(facts)
    if (message === null) return []
    return [{ check, message, blockedBy: check.repair ? check.repair.blockedBy(facts) : null }]
  })
}

function toHealth(c: CollectivityRecord, detected: Detected[]): CollectivityHealth {
  const problems: HealthProblem[] = detected.map(({ check, message, blockedBy }) => ({
    code: check.code,
    severity: check.severity,
    message: blockedBy ? `${message} ${blockedBy}` : message,
    repairable: check.repair !== undefined && blockedBy === null,
  }))
  return {
    siret: c.siret,
    name: c.name,
    healthy: !problems.some((p) => p.severity === 'blocking'),
    problems,
  }
}

/** Reads the facts, refreshes the cached subscription from HubEE when it differs, runs the checks. */
async function examine(
  deps: Deps,
  c: CollectivityRecord,
  checks: readonly HealthCheck[],
  hubeeDown?: Extract<HubeeReadBack, { ok: false }>,
) {
  const read = await gatherFacts(deps, c, hubeeDown)
  const facts = { ...read, collectivity: await syncCachedSubscription(deps, read) }
  const detected = detect(facts, checks)
  return { facts, detected, health: toHealth(facts.collectivity, detected) }
}

/** The health of one collectivity (ops any; an editor key only its own: 403, unknown SIRET 404). */
export async function getCollectivityHealth(
  deps: Deps,
  scope: Scope,
  siret: string,
  checks: readonly HealthCheck[] = healthChecks,
): Promise<CollectivityHealth> {
  const c = await getCollectivity(deps, scope, siret)
  return (await examine(deps, c, checks)).health
}

/** Collectivities examined at once in an editor report (HubEE sees at most this many calls in flight). */
const editorReportConcurrency = 4

/**
 * The health of every collectivity of an editor, in the registry's order (an editor key only itself:
 * 403). An unavailable HubEE is not asked again within the report: the collectivities not yet read are
 * reported `hubee_unreachable`.
 */
export async function getEditorHealth(
  deps: Deps,
  scope: Scope,
  editorSiret: string,
  checks: readonly HealthCheck[] = healthChecks,
): Promise<EditorHealth> {
  const list = await listCollectivities(deps, scope, { editorSiret, limit: 100_000 })
  const collectivities: CollectivityHealth[] = []
  let hubeeDown: Extract<HubeeReadBack, { ok: false }> | undefined
  let next = 0
  const worker = async () => {
    for (let i = next++; i < list.length; i = next++) {
      const c = list[i]
      if (!c) continue
      const { facts, health } = await examine(deps, c, checks, hubeeDown)
      if (!facts.hubee.ok && facts.hubee.failure === 'unavailable') hubeeDown = facts.hubee
      collectivities[i] = health
    }
  }
  await Promise.all(Array.from({ length: Math.min(editorReportConcurrency, list.length) }, worker))
  return { editorSiret, healthy: collectivities.every((c) => c.healthy), collectivities }
}

/**
 * Applies the automatic repairs of the problems found (each repair once, in check order), then reads
 * everything back: `actions` says what was done, `health` what is left (with the human steps).
 */
export async function repairCollectivity(
  deps: Deps,
  scope: Scope,
  siret: string,
  checks: readonly HealthCheck[] = healthChecks,
): Promise<CollectivityRepair> {
  const c = await getCollectivity(deps, scope, siret)
  const { facts, detected } = await examine(deps, c, checks)
  const repairs = new Map<string, { repair: Repair; code: Detected['check']['code'] }>()
  for (const d of detected)
    if (d.check.repair && d.blockedBy === null && !repairs.has(d.check.repair.id))
      repairs.set(d.check.repair.id, { repair: d.check.repair, code: d.check.code })
  const actions: RepairAction[] = []
  for (const { repair, code } of repairs.values())
    actions.push({ code, ...(await repair.apply(deps, facts)) })
  const after = (await findBySiret(deps.db, siret)) ?? facts.collectivity
  return { siret, actions, health: (await examine(deps, after, checks)).health }
}
