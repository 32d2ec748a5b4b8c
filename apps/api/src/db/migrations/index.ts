import type { Migration } from 'kysely'

/**
 * Every migration, in order, by timestamped name. A migration is frozen once merged: change the
 * schema with a new one. Listed statically (not read from the file system) so the bundled
 * server carries them.
 */
export const migrations: Record<string, Migration> = {}
