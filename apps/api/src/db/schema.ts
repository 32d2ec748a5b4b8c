/**
 * The Kysely database type: one interface per table, added by the modules' migrations.
 * Rows are mapped to domain objects in each module's repository (one mapping per concept).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
