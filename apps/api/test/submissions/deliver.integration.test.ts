import { sandboxHubWorld } from '../contracts/hub-worlds.js'
import { describeDeliverySuite } from './deliver.suite.js'

describeDeliverySuite('UndiciHubee over the sandbox', sandboxHubWorld)
