import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * One outside system served by the sandbox. The sandbox root dispatches by path prefix;
 * each stand-in receives the raw request with its full URL (prefix included).
 */
export interface StandIn {
  /** Route family name, used by the fault admin (`franceconnect`, `api-particulier`, `hubee`, `insee`). */
  readonly family: FaultFamily
  /** Path prefixes this stand-in answers (e.g. `/hubee`, `/hubee-auth`). */
  readonly prefixes: readonly string[]
  handle(req: IncomingMessage, res: ServerResponse): void
  close(): Promise<void>
}

export const faultFamilies = ['franceconnect', 'api-particulier', 'hubee', 'insee'] as const
export type FaultFamily = (typeof faultFamilies)[number]

/** What every stand-in factory gets: where the sandbox is reachable from the outside, and its siblings. */
export interface StandInContext {
  /** e.g. `http://localhost:4000` (no trailing slash). */
  publicUrl: string
  /** Seed demo data (collectivities, tokens, subscriptions). */
  seed: boolean
}
