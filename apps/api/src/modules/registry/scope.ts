import { AppError } from '../../errors/catalog.js'
import type { CollectivityRecord } from '../collectivities/index.js'
import type { Scope } from './api-keys.js'

/** The SIRET an editor key is limited to, `null` for ops. */
export const editorOf = (scope: Scope) => (scope.kind === 'editor' ? scope.siret : null)

export const forbidden = (detail: string) => new AppError('forbidden', { detail })

/**
 * The collectivity `siret` as this scope may see it: ops see every one (404 when unknown); an editor
 * sees only the collectivities it serves — any other SIRET, known or not, is 403 (an editor learns
 * nothing of the others).
 */
export function authorize(
  scope: Scope,
  siret: string,
  found: CollectivityRecord | undefined,
): CollectivityRecord {
  if (scope.kind === 'editor' && found?.editor?.siret !== scope.siret)
    throw forbidden(`Cette clé d’éditeur ne donne pas accès à la collectivité ${siret}.`)
  if (!found)
    throw new AppError('collectivityNotFound', { detail: `Aucune collectivité avec le SIRET ${siret}.` })
  return found
}
