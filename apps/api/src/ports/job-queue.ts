import type { DbOrTrx } from '../db/connection.js'

/** How a failed job is tried again: `limit` more attempts, `delay` seconds apart (doubled each time with `backoff`). */
export interface RetryPolicy {
  limit: number
  /** Seconds before the first retry. */
  delay: number
  /** Exponential backoff: roughly `delay × 2^attempt` (with jitter) between attempts. */
  backoff: boolean
  /** Seconds: the backoff never waits longer than this between two attempts. */
  maxDelay?: number
}

/** What a handler is told about the job it runs. */
export interface JobContext {
  id: string
  /** The job's name (its queue). */
  name: string
}

/**
 * A background job, declared as data by the module that owns it; the jobs plugin creates its
 * queue, schedules it, runs its handler and stops it with the app.
 */
export interface JobDefinition<Data extends object = object> {
  /** The queue's name: `kebab-case`, stable (jobs already queued carry it). */
  name: string
  /** A cron expression (UTC) when the job runs on a schedule, e.g. `*\/5 * * * *`. */
  schedule?: string
  retry: RetryPolicy
  /** Seconds one attempt may run before it is failed (and retried). Default: the queue's (15 min). */
  expireIn?: number
  /** Seconds a job is kept (queued or retrying) before it is dropped. Default: 14 days. */
  retention?: number
  handler(data: Data, job: JobContext): Promise<void>
}

/** Declares a job (identity: it only checks the shape and keeps the data type of its handler). */
export const defineJob = <Data extends object>(job: JobDefinition<Data>): JobDefinition<Data> => job

export interface SendOptions {
  /** Run no earlier than this many seconds from now. */
  startAfter?: number
}

/**
 * Where modules enqueue work. `send` inside the caller's transaction (`{ trx }`) enqueues only if
 * that transaction commits: a job never runs for a change that was rolled back, and a committed
 * change never misses its job.
 */
export interface JobQueue {
  send<Data extends object>(
    name: string,
    data: Data,
    options?: SendOptions,
    context?: { trx?: DbOrTrx },
  ): Promise<string | null>
  /** Creates the queues and schedules of these jobs and starts working them (`work: false`: send only). */
  start(jobs: readonly JobDefinition[], options: { work: boolean }): Promise<void>
  /** Stops working (running jobs may finish within the grace period) and closes the connection. */
  stop(): Promise<void>
  /** Runs now the jobs of this queue waiting for a retry (the outside system answers again). How many. */
  retryNow(name: string): Promise<number>
  /** The queue's storage is installed and reachable (readiness). */
  isReady(): Promise<boolean>
}
