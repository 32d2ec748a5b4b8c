import { describeDossierHubContract } from './contracts/dossier-hub.contract.js'
import { sandboxHubWorld } from './contracts/hub-worlds.js'

describeDossierHubContract('UndiciHubee over the sandbox', sandboxHubWorld)
