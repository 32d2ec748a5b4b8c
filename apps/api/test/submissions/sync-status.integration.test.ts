import { sandboxHubWorld } from '../contracts/hub-worlds.js'
import { describeSyncStatusSuite } from './sync-status.suite.js'

describeSyncStatusSuite('UndiciHubee over the sandbox', sandboxHubWorld)
