/** A clock tests move forward (structurally a `Clock` port of the API). */
export class DrivenClock {
  private offsetMs = 0
  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }
  advance(ms: number): void {
    this.offsetMs += ms
  }
}
