import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { CollectivityLink, ExternalId, Siret } from '@qf/contracts'
import QRCode from 'qrcode'
import { problemResponse } from '../../plugins/openapi.js'
import { landingUrl } from './links.js'
import { requireOffered } from './lifecycle.js'
import { findBySiret } from './repository.js'

export interface QrCodeRoutesOptions {
  /** The SPA's public base URL (`WEB_PUBLIC_URL`): the codes carry `<webUrl>/collectivites/<SIRET>`. */
  webUrl: string
  /** Accept `http://localhost…` as a `redirect_uri` (never in production), as the journey does. */
  allowLocalHttp: boolean
}

const QrCodeParams = Type.Object({ siret: Siret })

const QrCodeQuery = Type.Object({
  external_id: Type.Optional(ExternalId),
  redirect_uri: Type.Optional(
    Type.String({
      maxLength: 2048,
      description:
        'Page de la collectivité où revenir à la fin du parcours ; https, son origine doit être autorisée par la collectivité.',
      examples: ['https://portail.majastres.fr/qf'],
    }),
  ),
})

/** Public, holds no personal data (only what the caller put in the link): browsers and CDNs may keep it. */
const CACHE_CONTROL = 'public, max-age=300'

const errorResponses = {
  404: problemResponse(
    'SIRET inconnu (`urn:qf:problem:collectivity-not-found`) ou collectivité non proposée aux familles ' +
      '(`urn:qf:problem:collectivity-not-offered`, `code` `not_yet_offered` ou `no_longer_offered`) (problem+json).',
  ),
  422: problemResponse(
    'SIRET ou `external_id` mal formé (`urn:qf:problem:validation`), ou `redirect_uri` hors de la liste ' +
      'autorisée par la collectivité (`urn:qf:problem:invalid-redirect-uri`) (problem+json).',
  ),
  429: problemResponse('Trop de requêtes depuis cette adresse (problem+json).'),
}

const description = (format: string) =>
  `Un QR code (${format}) qui mène à la page publique de la collectivité, \`<site>/collectivites/<SIRET>\`. ` +
  'Avec `external_id` et/ou `redirect_uri`, il porte le lien personnalisé de l’éditeur (ces paramètres ' +
  'ajoutés à l’adresse) ; un `redirect_uri` hors de la liste autorisée par la collectivité est refusé (422). ' +
  '404 si la collectivité est inconnue ou n’est pas proposée aux familles. Sans donnée personnelle : réponse publique, en cache 5 minutes.'

/** The QR codes of a collectivity's landing page (`…/qrcode.svg`, `…/qrcode.png`). Mounted under `/api/v1`. */
export const qrCodeRoutes: FastifyPluginAsyncTypebox<QrCodeRoutesOptions> = async (
  app,
  { webUrl, allowLocalHttp },
) => {
  /** The landing URL the code carries, after checking the collectivity and the optional parameters. */
  async function qrLandingUrl(
    siret: string,
    query: { external_id?: string; redirect_uri?: string },
  ): Promise<string> {
    const collectivity = requireOffered(await findBySiret(app.db, siret))
    return landingUrl(webUrl, collectivity, query, allowLocalHttp)
  }

  app.get(
    '/collectivities/:siret/links',
    {
      schema: {
        tags: ['collectivities'],
        operationId: 'getCollectivityLink',
        summary: 'Construire le lien personnalisé d’une collectivité',
        description:
          'Le lien à donner aux familles, `<site>/collectivites/<SIRET>`, avec `external_id` et `redirect_uri` ' +
          's’ils sont donnés : le même contrôle que les QR codes et le parcours. Un `redirect_uri` hors de la ' +
          'liste autorisée par la collectivité est refusé (422 `urn:qf:problem:invalid-redirect-uri`, la raison ' +
          'dans `errors[0].reason`). 404 si la collectivité est inconnue ou inactive.',
        params: QrCodeParams,
        querystring: QrCodeQuery,
        response: { 200: Type.Ref(CollectivityLink), ...errorResponses },
      },
    },
    async (request) => ({ url: await qrLandingUrl(request.params.siret, request.query) }),
  )

  app.get(
    '/collectivities/:siret/qrcode.svg',
    {
      schema: {
        tags: ['collectivities'],
        operationId: 'getCollectivityQrCodeSvg',
        summary: 'QR code (SVG) de la page d’une collectivité',
        description: description('SVG'),
        params: QrCodeParams,
        querystring: QrCodeQuery,
        produces: ['image/svg+xml'],
        response: {
          200: Type.String({ description: 'Le QR code, image SVG.' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const url = await qrLandingUrl(request.params.siret, request.query)
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', CACHE_CONTROL)
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(svg)
    },
  )

  app.get(
    '/collectivities/:siret/qrcode.png',
    {
      schema: {
        tags: ['collectivities'],
        operationId: 'getCollectivityQrCodePng',
        summary: 'QR code (PNG, à télécharger) de la page d’une collectivité',
        description: `${description('PNG, 512 pixels de côté')} Servi en pièce jointe \`qrcode-<SIRET>.png\`.`,
        params: QrCodeParams,
        querystring: QrCodeQuery,
        produces: ['image/png'],
        response: {
          200: Type.Unsafe<Buffer>({
            type: 'string',
            format: 'binary',
            description: 'Le QR code, image PNG.',
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { siret } = request.params
      const url = await qrLandingUrl(siret, request.query)
      const png = await QRCode.toBuffer(url, {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 4,
        width: 512,
      })
      return reply
        .type('image/png')
        .header('content-disposition', `attachment; filename="qrcode-${siret}.png"`)
        .header('cache-control', CACHE_CONTROL)
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(png)
    },
  )
}
