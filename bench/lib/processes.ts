// Child processes of the bench (API instances, the floor, the sandbox) and what is read from them:
// readiness, CPU (their own /metrics, or /proc), memory (/proc/<pid>/status).
import { spawn, type ChildProcess } from 'node:child_process'
import { openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export interface Child {
  name: string
  process: ChildProcess
  pid: number
  startedAt: number
  stop(): Promise<void>
}

const children = new Set<Child>()

/** Stops every child still running (on exit, error or signal): SIGTERM, then SIGKILL after 10 s. */
export async function stopAll() {
  await Promise.all([...children].map((c) => c.stop()))
}
process.once('exit', () => {
  for (const c of children) c.process.kill('SIGKILL')
})

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Spawns `command args` with `env` on top of this process's; stdout and stderr go to `logFile`. */
export function spawnChild(
  name: string,
  command: string,
  args: string[],
  options: { env: Record<string, string>; cwd?: string; logFile: string; stdout?: 'pipe' },
): Child {
  const log = openSync(options.logFile, 'w')
  const startedAt = performance.now()
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', options.stdout === 'pipe' ? 'pipe' : log, log],
  })
  if (!child.pid) throw new Error(`${name} did not start`)
  let exited = false
  const done = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true
      resolve()
    }),
  )
  const handle: Child = {
    name,
    process: child,
    pid: child.pid,
    startedAt,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await done
        clearTimeout(timer)
      }
      children.delete(handle)
    },
  }
  children.add(handle)
  child.once('exit', (code, signal) => {
    if (children.has(handle) && code !== 0 && signal !== 'SIGTERM')
      process.stderr.write(`${name} exited (${code ?? signal}); see ${options.logFile}\n`)
  })
  return handle
}

/** Polls `url` until it answers 200; returns the ms since the child was spawned. */
export async function waitReady(child: Child, url: string, timeoutMs = 30_000): Promise<number> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited before ready`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) })
      await res.arrayBuffer()
      if (res.status === 200) return performance.now() - child.startedAt
    } catch {
      // not listening yet
    }
    await sleep(5)
  }
  throw new Error(`${child.name} not ready at ${url} after ${timeoutMs} ms`)
}

/** The first line a child prints on stdout, parsed as JSON (the sandbox prints its URL). */
export function firstLine<T>(child: Child, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const stdout = child.process.stdout
    if (!stdout) return reject(new Error(`${child.name}: no stdout pipe`))
    let text = ''
    const timer = setTimeout(() => reject(new Error(`${child.name}: no output`)), timeoutMs)
    stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8')
      const nl = text.indexOf('\n')
      if (nl >= 0) {
        clearTimeout(timer)
        resolve(JSON.parse(text.slice(0, nl)) as T)
      }
    })
    child.process.once('exit', () => reject(new Error(`${child.name} exited`)))
  })
}

/** A Prometheus text exposition's unlabelled sample `name`. */
function sample(text: string, name: string): number {
  const match = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)
  if (!match?.[1]) throw new Error(`no ${name} in /metrics`)
  return Number(match[1])
}

/** The process's own CPU seconds and RSS, from its /metrics (prom-client default metrics). */
export async function scrapeMetrics(baseUrl: string, token?: string) {
  const res = await fetch(`${baseUrl}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`)
  const text = await res.text()
  return {
    cpuSeconds: sample(text, 'process_cpu_seconds_total'),
    rssBytes: sample(text, 'process_resident_memory_bytes'),
  }
}

const CLOCK_TICKS = 100

/** User + system CPU ms of a process, from /proc/<pid>/stat (10 ms resolution). */
export function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
}

/** Current and peak (high-water mark) resident memory of a process, in bytes. */
export function procMemory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') }
}

/** Samples the RSS of processes every `everyMs` until stopped; returns each one's peak. */
export function sampleRss(pids: number[], everyMs = 200) {
  const peaks = new Map<number, number>(pids.map((p) => [p, 0]))
  const tick = () => {
    for (const pid of pids) {
      try {
        peaks.set(pid, Math.max(peaks.get(pid) ?? 0, procMemory(pid).rss))
      } catch {
        // exited
      }
    }
  }
  tick()
  const timer = setInterval(tick, everyMs)
  return {
    stop() {
      clearInterval(timer)
      tick()
      return peaks
    },
  }
}
