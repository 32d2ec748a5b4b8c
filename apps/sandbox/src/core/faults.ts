import type { IncomingMessage, ServerResponse } from 'node:http'
import { type FaultFamily, faultFamilies } from './stand-in.js'

export interface FaultSetting {
  /** Added latency before the stand-in answers, in milliseconds. */
  latencyMs: number
  /** Probability (0..1) that a request fails. */
  failureRate: number
  /** How a failing request fails: an HTTP 5xx answer, or the TCP connection reset. */
  failureMode: '5xx' | 'reset'
  /** Status used by the `5xx` mode. */
  failureStatus: number
  /** Full outage: every request fails (with `failureMode`). */
  outage: boolean
  /**
   * `hubee` only: the hub answers, but refuses every deposit (`POST /teledossiers/v1/folders`) the way
   * the real HubEE refuses one for a recipient not subscribed to the process: 400 "The recipient … does
   * not suscribed to the process …", a permanent refusal (unlike the 5xx and resets above).
   */
  refuseDeposits: boolean
}

export const noFault: FaultSetting = {
  latencyMs: 0,
  failureRate: 0,
  failureMode: '5xx',
  failureStatus: 503,
  outage: false,
  refuseDeposits: false,
}

export class FaultInjector {
  private readonly settings = new Map<FaultFamily, FaultSetting>()
  constructor(private readonly random: () => number = Math.random) {}

  get(family: FaultFamily): FaultSetting {
    return this.settings.get(family) ?? noFault
  }

  all(): Record<FaultFamily, FaultSetting> {
    return Object.fromEntries(faultFamilies.map((f) => [f, this.get(f)])) as Record<FaultFamily, FaultSetting>
  }

  set(family: FaultFamily, patch: Partial<FaultSetting>): FaultSetting {
    const next = { ...this.get(family), ...patch }
    this.settings.set(family, next)
    return next
  }

  reset(family?: FaultFamily): void {
    if (family) this.settings.delete(family)
    else this.settings.clear()
  }

  /**
   * Applies the family's setting. Returns true when the request was answered (failed) here
   * and must not reach the stand-in.
   */
  async apply(family: FaultFamily, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const s = this.get(family)
    if (s.latencyMs > 0) await new Promise((r) => setTimeout(r, s.latencyMs))
    const fails = s.outage || (s.failureRate > 0 && this.random() < s.failureRate)
    if (!fails) return false
    if (s.failureMode === 'reset') {
      req.socket.destroy()
      return true
    }
    res.writeHead(s.failureStatus, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' })
    res.end(`Sandbox fault injection: ${family} unavailable`)
    return true
  }
}
