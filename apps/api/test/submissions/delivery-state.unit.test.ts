import { newReference } from '../../src/modules/submissions/reference.js'
import { describeDeliveryStateContract } from '../contracts/delivery-state.contract.js'
import { InMemoryDeliveryState } from './in-memory-delivery-state.js'

describeDeliveryStateContract('InMemoryDeliveryState', async () => ({
  state: new InMemoryDeliveryState(),
  newReference: async () => newReference(),
  teardown: async () => {},
}))
