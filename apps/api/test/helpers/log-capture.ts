/** A log destination for tests: keeps every JSON line the server writes. */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = []

  write(line: string) {
    for (const text of line.split('\n')) if (text.trim()) this.lines.push(JSON.parse(text))
  }

  /** The lines at or above a pino level (50 = error, 60 = fatal). */
  atLeast(level: number) {
    return this.lines.filter((l) => typeof l.level === 'number' && l.level >= level)
  }
}
