/** Moved to @qf/contracts (identifiers.ts), with the COG check it relies on. */
export { departementFromCog } from '@qf/contracts'
