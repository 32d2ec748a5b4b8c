import type { Collectivity } from '@qf/contracts'
import type { CollectivityRecord } from './record.js'

/** What a client may see of a collectivity: no token reference, no allowed origins, no internal field. */
export const toPublicCollectivity = (c: CollectivityRecord): Collectivity => ({
  siret: c.siret,
  name: c.name,
  cogCode: c.cogCode,
  departement: c.departement,
  postalCodes: c.postalCodes,
})
