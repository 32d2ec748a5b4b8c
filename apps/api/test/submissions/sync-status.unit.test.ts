import { inMemoryHubWorld } from '../contracts/hub-worlds.js'
import { describeSyncStatusSuite } from './sync-status.suite.js'

describeSyncStatusSuite('InMemoryDossierHub', inMemoryHubWorld)
