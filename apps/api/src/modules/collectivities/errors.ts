import { AppError } from '../../errors/catalog.js'

/** The one answer for an unknown SIRET (404, `urn:qf:problem:collectivity-not-found`); a known one not offered: `requireOffered`. */
export const collectivityNotFound = () =>
  new AppError('collectivityNotFound', {
    detail: 'Aucune collectivité ne correspond à ce SIRET. Vérifiez le lien reçu de votre commune.',
  })
