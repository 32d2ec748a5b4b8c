import { describeDossierHubContract } from './contracts/dossier-hub.contract.js'
import { inMemoryHubWorld } from './contracts/hub-worlds.js'

describeDossierHubContract('InMemoryDossierHub', inMemoryHubWorld)
