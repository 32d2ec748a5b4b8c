import { inMemoryHubWorld } from '../contracts/hub-worlds.js'
import { describeDeliverySuite } from './deliver.suite.js'

describeDeliverySuite('InMemoryDossierHub', inMemoryHubWorld)
