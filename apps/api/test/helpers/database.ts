import { createTestDatabase as create, type TestDatabase } from '@qf/testing'
import { startEmbeddedPostgres } from '../../src/db/embedded.js'
import { migrate } from '../../src/open-database.js'

export type { TestDatabase }

/** A migrated database of its own for one test file (see `@qf/testing`). */
export const createTestDatabase = () => create({ migrate, startEmbedded: () => startEmbeddedPostgres() })
