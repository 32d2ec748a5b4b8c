export { Browser } from './browser.js'
export { DrivenClock } from './clock.js'
export { createTestDatabase, type DatabaseSetup, type TestDatabase } from './database.js'
export { exampleOf, fixtures } from './fixtures.js'
export {
  browseFranceConnect,
  discoverFranceConnect,
  franceConnectLogin,
  type FranceConnectLoginResult,
  type FranceConnectRelyingParty,
} from './franceconnect.js'
export * from './journey-world.js'
export { qfScopes } from '@qf/contracts'
export { HubeeClient, type HubeeAnswer } from './hubee-client.js'
