import { Migrator, type MigrationResultSet } from 'kysely'
import type { Db } from './connection.js'
import { migrations } from './migrations/index.js'

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResultSet['results'],
  ) {
    super(message)
    this.name = 'MigrationError'
  }
}

/** Brings the schema to the latest migration; returns the names applied by this call. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName
    throw new MigrationError(`Migration ${failed ?? '(unknown)'} failed: ${String(error)}`, results)
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
