import type { DbOrTrx } from '../../db/connection.js'
import { findBySiret } from '../collectivities/index.js'
import { authorize, type Scope } from '../registry/index.js'
import { forbiddenForEditor } from './errors.js'
import type { WebhookOwner } from './repository.js'

/**
 * Whether this API key may manage this owner's endpoint: `admin` any; `editor:<SIRET>` its own
 * editor endpoint and the endpoints of the collectivities it serves (403 otherwise, the registry's
 * rule: an editor learns nothing of other collectivities); an unknown collectivity is 404 for ops.
 */
export async function authorizeOwner(db: DbOrTrx, scope: Scope, owner: WebhookOwner): Promise<void> {
  if (owner.kind === 'collectivity') {
    authorize(scope, owner.siret, await findBySiret(db, owner.siret))
    return
  }
  if (scope.kind === 'editor' && scope.siret !== owner.siret)
    throw forbiddenForEditor(`Cette clé d’éditeur ne gère que le webhook de l’éditeur ${scope.siret}.`)
}

/**
 * The deliveries filter this key may use: ops any; an editor only its own SIRET or one of its
 * collectivities (403 otherwise), and always limited to what it may see.
 */
export async function deliveriesFilterFor(
  db: DbOrTrx,
  scope: Scope,
  filter: { reference?: string | undefined; siret?: string | undefined; limit?: number | undefined },
) {
  if (scope.kind === 'admin') return filter
  if (filter.siret !== undefined && filter.siret !== scope.siret)
    authorize(scope, filter.siret, await findBySiret(db, filter.siret))
  return { ...filter, visibleToEditor: scope.siret }
}
