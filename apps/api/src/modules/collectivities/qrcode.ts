import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ExternalId, Siret } from '@qf/contracts'
import QRCode from 'qrcode'
import { AppError } from '../../errors/catalog.js'
import { problemResponse } from '../../plugins/openapi.js'
import { checkRedirectUri } from '../journey/index.js'
import { findActiveBySiret } from './repository.js'

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
    'Aucune collectivité active avec ce SIRET (problem+json, `urn:qf:problem:collectivity-not-found`).',
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
  '404 si la collectivité est inconnue ou inactive. Sans donnée personnelle : réponse publique, en cache 5 minutes.'

/** The QR codes of a collectivity's landing page (`…/qrcode.svg`, `…/qrcode.png`). Mounted under `/api/v1`. */
export const qrCodeRoutes: FastifyPluginAsyncTypebox<QrCodeRoutesOptions> = async (
  app,
  { webUrl, allowLocalHttp },
) => {
  /** The journey's own allow-list check, its refusal naming this route's parameter. */
  function allowedRedirectUri(value: string, allowedOrigins: readonly string[]): string {
    try {
      return checkRedirectUri(value, allowedOrigins, allowLocalHttp)
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      throw new AppError(error.key, {
        ...(error.detail === undefined ? {} : { detail: error.detail }),
        errors: (error.errors ?? []).map((e) => ({ ...e, name: 'querystring.redirect_uri' })),
        cause: error,
      })
    }
  }

  /** The landing URL the code carries, after checking the collectivity and the optional parameters. */
  async function landingUrl(
    siret: string,
    query: { external_id?: string; redirect_uri?: string },
  ): Promise<string> {
    const collectivity = await findActiveBySiret(app.db, siret)
    if (!collectivity) {
      throw new AppError('collectivityNotFound', {
        detail: 'Aucune collectivité active ne correspond à ce SIRET.',
      })
    }
    const url = new URL(`${webUrl}/collectivites/${siret}`)
    if (query.external_id !== undefined) url.searchParams.set('external_id', query.external_id)
    if (query.redirect_uri !== undefined)
      url.searchParams.set(
        'redirect_uri',
        allowedRedirectUri(query.redirect_uri, collectivity.allowedRedirectOrigins),
      )
    return url.href
  }

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
      const url = await landingUrl(request.params.siret, request.query)
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
      const url = await landingUrl(siret, request.query)
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
