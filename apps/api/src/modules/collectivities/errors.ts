import { AppError } from '../../errors/catalog.js'

/** The one answer for an unknown or inactive collectivity (404, `urn:qf:problem:collectivity-not-found`). */
export const collectivityNotFound = () =>
  new AppError('collectivityNotFound', {
    detail: 'Aucune collectivité active ne correspond à ce SIRET. Vérifiez le lien reçu de votre commune.',
  })
