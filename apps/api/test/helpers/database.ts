import { createTestDatabase as create, type TestDatabase } from '@qf/testing'
import { startEmbeddedPostgres } from '../../src/db/embedded.js'
import { migrate } from '../../src/open-database.js'

export type { TestDatabase }

/** A migrated database of its own for one test file (see `@qf/testing`); `embedded` forces PGlite. */
export const createTestDatabase = (options: { embedded?: boolean } = {}) =>
  create({ migrate, startEmbedded: () => startEmbeddedPostgres() }, options)
