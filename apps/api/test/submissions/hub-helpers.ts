import type { DossierHub, Recipient } from '../../src/ports/dossier-hub.js'
import type { DeliveryLog } from '../../src/modules/submissions/deliver.js'
import type { DossierContent } from '../../src/modules/submissions/documents/index.js'
import { newReference } from '../../src/modules/submissions/reference.js'
import type { HubWorld } from '../contracts/hub-worlds.js'
import { cnafDossier } from './dossiers.js'

type Method = Exclude<keyof DossierHub, 'listNotifications' | 'close'>

export interface Interceptor {
  /** Called before each call; may replace the arguments, or throw (the call is not made). */
  before?(method: Method, args: unknown[], nth: number): unknown[] | void | Promise<unknown[] | void>
  /** Called after each successful call; may throw (the worker "dies" after the hub answered). */
  after?(method: Method, result: unknown, nth: number): void | Promise<void>
}

/** The worker dies: not a hub error, nothing is cleaned up. */
export class Crash extends Error {
  constructor() {
    super('worker killed')
  }
}

/** A DossierHub whose calls go through the interceptor (counted per method, 1-based). */
export function intercept(hub: DossierHub, interceptor: Interceptor): DossierHub {
  const counts = new Map<string, number>()
  return new Proxy(hub, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function' || property === 'listNotifications' || property === 'close')
        return typeof value === 'function' ? value.bind(target) : value
      const method = property as Method
      return async (...args: unknown[]) => {
        const nth = (counts.get(method) ?? 0) + 1
        counts.set(method, nth)
        const replaced = (await interceptor.before?.(method, args, nth)) ?? args
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, replaced)
        await interceptor.after?.(method, result, nth)
        return result
      }
    },
  })
}

/** A dossier of the CNAF test family for `recipient`, with a fresh reference. */
export function dossierFor(recipient: Recipient, name = 'Majastres'): DossierContent {
  return {
    ...cnafDossier,
    reference: newReference(),
    collectivity: { siret: recipient.siret, cog: recipient.cog, name },
  }
}

/** The completed folders of a reference, as the recipient sees them (one notification per case). */
export async function completedCasesOf(world: HubWorld, recipient: Recipient, reference: string) {
  const si = world.recipient(recipient)
  const cases: string[] = []
  for (const n of await si.notifications()) {
    if (n.eventId !== null || !n.caseId) continue
    const kase = await si.readCase(n.caseId)
    if (kase.externalId === `Formulaire-QF-${reference}-01`) cases.push(n.caseId)
  }
  return cases
}

export interface RecordedLog extends DeliveryLog {
  entries: { level: 'info' | 'warn'; fields: Record<string, unknown>; message: string }[]
}

export function recordingLog(): RecordedLog {
  const entries: RecordedLog['entries'] = []
  return {
    entries,
    info: (fields, message) => entries.push({ level: 'info', fields, message }),
    warn: (fields, message) => entries.push({ level: 'warn', fields, message }),
  }
}

/** Personal data of the test family that must never reach a log. */
export const personalData = ['MERCIER', 'Pierre', 'PIERRE', 'DUBOIS', 'Hélène', 'HENRY', '1969-03-17', '2550']
