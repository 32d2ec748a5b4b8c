// A worker process for stranded-jobs.integration.test.ts: works the `stranded-probe` queue, prints
// "started <job id>" when a job begins, and never finishes it (the test kills it with SIGKILL).
import { PgBossJobQueue } from '../../src/adapters/pg-boss/pg-boss-job-queue.js'
import { defineJob } from '../../src/ports/job-queue.js'
import { strandedProbe } from './stranded-probe.js'

const queue = new PgBossJobQueue({
  connectionString: process.env.DATABASE_URL ?? '',
  schema: 'pgboss',
  graceMs: 1_000,
  onError: () => undefined,
  reclaimStranded: true,
})
await queue.start(
  [
    defineJob({
      ...strandedProbe,
      handler: (_data, job) => {
        process.stdout.write(`started ${job.id}\n`)
        return new Promise<void>(() => undefined)
      },
    }),
  ],
  { work: true },
)
process.stdout.write('working\n')
