import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/load.js'
import { jobsPlugin } from '../src/plugins/jobs.js'
import { defineJob, type JobQueue } from '../src/ports/job-queue.js'

function recordingQueue() {
  const starts: { work: boolean }[] = []
  const queue: JobQueue = {
    async start(_jobs, options) {
      starts.push(options)
    },
    async send() {
      return null
    },
    async isReady() {
      return true
    },
    async retryNow() {
      return 0
    },
    async stop() {},
  }
  return { queue, starts }
}

const job = defineJob({ name: 'noop', retry: { limit: 0, delay: 1, backoff: false }, async handler() {} })

describe('JOBS_WORK: an instance that enqueues only', () => {
  it('defaults to working the queue, and JOBS_WORK=false turns it off', () => {
    expect(loadConfig({}).jobs.work).toBe(true)
    expect(loadConfig({ JOBS_WORK: 'false' }).jobs.work).toBe(false)
  })

  for (const work of [true, false])
    it(`starts the queue with work: ${work}`, async () => {
      const { queue, starts } = recordingQueue()
      const app = Fastify()
      await app.register(jobsPlugin, { queue, jobs: [job], start: true, work })
      await app.ready()
      await app.close()
      expect(starts).toEqual([{ work }])
    })
})
