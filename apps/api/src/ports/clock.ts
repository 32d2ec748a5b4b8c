/** Time, through a port, so tests can move it (session expiry, purges). */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }
