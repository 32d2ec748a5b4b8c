import { sql } from 'kysely'
import { afterAll, beforeAll } from 'vitest'
import { createDb, type Db } from '../src/db/connection.js'
import { postgresOnboardingStore } from '../src/modules/onboarding/index.js'
import { describeOnboardingStoreContract } from './contracts/onboarding-store.contract.js'
import { createTestDatabase, type TestDatabase } from './helpers/database.js'

let database: TestDatabase
let db: Db

beforeAll(async () => {
  database = await createTestDatabase()
  db = createDb(database.url, 2)
})
afterAll(async () => {
  await db?.destroy()
  await database?.drop()
})

// The store the app wires (`onboardings` + `collectivities`), against the same suite as the in-memory one.
describeOnboardingStoreContract('postgresOnboardingStore', {
  async store() {
    await sql`truncate onboardings, collectivities`.execute(db)
    return postgresOnboardingStore(db)
  },
  async collectivity(siret) {
    const row = await db
      .selectFrom('collectivities')
      .select(['lifecycle', 'editor_siret'])
      .where('siret', '=', siret)
      .executeTakeFirst()
    return row ? { lifecycle: row.lifecycle, editorSiret: row.editor_siret } : null
  },
})
