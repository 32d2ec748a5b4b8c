import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createDb, type Db } from '../db/connection.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
  }
}

/** Kysely over `pg`, for the app's lifetime. */
export const dbPlugin = fp(
  async (app: FastifyInstance, opts: { connectionString: string; poolMax: number }) => {
    const db = createDb(opts.connectionString, opts.poolMax)
    app.decorate('db', db)
    app.addHook('onClose', async () => {
      await db.destroy()
    })
  },
  { name: 'db' },
)
