import type {
  AdminCollectivity,
  CollectivityTransition,
  ExpiringTokenList,
  OnboardingView,
} from '@qf/contracts'
import { onboardingSteps } from '@qf/contracts'
import type { CollectivityRecord, TransitionRecord } from '../collectivities/index.js'
import type { OnboardingRecord } from '../onboarding/index.js'

/** A collectivity for ops and its editor: every field but the token itself ("set, expires on …"). */
export function toAdminCollectivity(c: CollectivityRecord): AdminCollectivity {
  return {
    siret: c.siret,
    name: c.name,
    cogCode: c.cogCode,
    departement: c.departement,
    postalCodes: c.postalCodes,
    status: c.lifecycle === 'active' ? 'active' : 'inactive',
    lifecycle: c.lifecycle,
    authorization: c.authorizedBy,
    editor: c.editor,
    allowedRedirectOrigins: c.allowedRedirectOrigins,
    contacts: c.contacts,
    apiParticulierToken: c.apiParticulierToken
      ? {
          set: true,
          expiresAt: c.apiParticulierToken.expiresAt.toISOString(),
          source: c.apiParticulierToken.source,
          expiringSoon: c.apiParticulierToken.expiringSince !== null,
        }
      : { set: false, expiresAt: null, source: null, expiringSoon: false },
    hubeeSubscription: c.hubeeSubscription,
    datapassId: c.datapassId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }
}

export function toOnboardingView(r: OnboardingRecord): OnboardingView {
  return {
    datapassId: r.datapassId,
    siret: r.siret,
    editor: r.request.editor ? { siret: r.request.editor.siret, name: r.request.editor.name } : null,
    state: r.state,
    attempts: r.attempts,
    steps: onboardingSteps.map((step) => {
      const s = r.steps[step]
      return s
        ? { step, status: s.status, at: s.at.toISOString(), error: s.error }
        : { step, status: 'pending' as const, at: null, error: null }
    }),
    lastError: r.lastError ? { ...r.lastError, at: r.lastError.at.toISOString() } : null,
    startedAt: r.startedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  }
}

const dayMs = 86_400_000

export function toExpiringTokens(list: CollectivityRecord[], now: Date): ExpiringTokenList {
  return {
    items: list
      .flatMap((c) => (c.apiParticulierToken ? [{ c, expiresAt: c.apiParticulierToken.expiresAt }] : []))
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.c.siret.localeCompare(b.c.siret))
      .map(({ c, expiresAt }) => ({
        siret: c.siret,
        name: c.name,
        editor: c.editor,
        expiresAt: expiresAt.toISOString(),
        expired: expiresAt.getTime() <= now.getTime(),
        daysLeft: Math.floor((expiresAt.getTime() - now.getTime()) / dayMs),
      })),
  }
}

export const toTransitionView = (t: TransitionRecord): CollectivityTransition => ({
  siret: t.siret,
  from: t.from,
  to: t.to,
  event: t.event,
  actorKind: t.actor.kind,
  actorId: t.actor.id,
  reason: t.reason,
  at: t.at.toISOString(),
})
