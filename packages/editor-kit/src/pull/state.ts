import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { randomUUID } from 'node:crypto'

/**
 * What the kit has done for one case, written after every step so that a crash resumes where it
 * stopped (ADR 0016). Ids, reference and statuses only: no personal data.
 */
export interface CaseProgress {
  caseId: string
  reference: string | null
  /** `received`: SI_RECEIVED reported; `handled`: the handler answered; `reported`: final status and event posted. */
  phase: 'started' | 'received' | 'handled' | 'reported'
  outcome?: 'DONE' | 'REFUSED' | 'SI_INTG_ERROR'
  reason?: string
  /** SI_RECEIVED was reported (the final move starts from it). */
  siReceived?: boolean
  /** The notification was deleted: a later one for this case is a duplicate. */
  notificationDeleted?: boolean
  attempts: number
  lastError?: string
  updatedAt: string
}

export interface PullStateFile {
  version: 1
  clientId: string
  cases: Record<string, CaseProgress>
}

/** Finished cases are remembered this long (a late duplicate notification is then recognised). */
const retentionMs = 90 * 24 * 3600 * 1000

/**
 * The local state of one subscription: `<stateDir>/<clientId>.json`, replaced atomically (write to a
 * temporary file in the same directory, then rename).
 */
export class PullState {
  private constructor(
    readonly path: string,
    private data: PullStateFile,
  ) {}

  static fileFor(stateDir: string, clientId: string): string {
    return join(stateDir, `${clientId.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`)
  }

  static async open(stateDir: string, clientId: string): Promise<PullState> {
    const path = PullState.fileFor(stateDir, clientId)
    let data: PullStateFile = {
      version: 1,
      clientId,
      cases: Object.create(null) as Record<string, CaseProgress>,
    }
    try {
      const parsed: unknown = JSON.parse(await readFile(path, 'utf8'))
      if (isStateFile(parsed)) data = parsed
      else throw new Error(`Fichier d’état illisible : ${path}`)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    return new PullState(path, data)
  }

  /** Own entries only: a HubEE id such as `__proto__` or `constructor` is a key like any other. */
  get(caseId: string): CaseProgress | undefined {
    return Object.hasOwn(this.data.cases, caseId) ? this.data.cases[caseId] : undefined
  }

  async put(progress: CaseProgress): Promise<void> {
    // defineProperty, not assignment: `cases['__proto__'] = …` would set the prototype, not a case.
    Object.defineProperty(this.data.cases, progress.caseId, {
      value: { ...progress, updatedAt: new Date().toISOString() },
      enumerable: true,
      writable: true,
      configurable: true,
    })
    await this.save()
  }

  all(): CaseProgress[] {
    return Object.values(this.data.cases)
  }

  private async save(): Promise<void> {
    const now = Date.now()
    for (const [id, c] of Object.entries(this.data.cases))
      if (c.phase === 'reported' && now - Date.parse(c.updatedAt) > retentionMs) delete this.data.cases[id]
    await mkdir(dirname(this.path), { recursive: true })
    const tmp = `${this.path}.${randomUUID()}.tmp`
    await writeFile(tmp, `${JSON.stringify(this.data, null, 2)}\n`, { mode: 0o600 })
    await rename(tmp, this.path)
  }
}

function isStateFile(value: unknown): value is PullStateFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { version?: unknown }).version === 1 &&
    typeof (value as { cases?: unknown }).cases === 'object'
  )
}

/** Another pull of this subscription is running (same state directory). */
export class PullLockedError extends Error {
  constructor(
    readonly clientId: string,
    readonly pid: number,
  ) {
    super(`Un pull de ${clientId} est déjà en cours (processus ${pid})`)
    this.name = 'PullLockedError'
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * `<state file>.lock`, created exclusively with this process's pid: one pull per subscription at a time
 * (a cron `pull` and `serve` side by side). A lock left by a dead process is taken over.
 */
export async function lockSubscription(stateDir: string, clientId: string): Promise<() => Promise<void>> {
  const path = `${PullState.fileFor(stateDir, clientId)}.lock`
  await mkdir(dirname(path), { recursive: true })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx', mode: 0o600 })
      return async () => {
        await rm(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim())
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new PullLockedError(clientId, pid)
      await rm(path, { force: true })
    }
  }
  throw new PullLockedError(clientId, 0)
}
