import type { Clock } from '../../src/ports/clock.js'

/** A clock tests move forward. */
export class DrivenClock implements Clock {
  private offsetMs = 0
  now() {
    return new Date(Date.now() + this.offsetMs)
  }
  advance(ms: number) {
    this.offsetMs += ms
  }
}
