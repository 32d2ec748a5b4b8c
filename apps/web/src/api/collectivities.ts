import type { Collectivity, CollectivityList } from '@qf/contracts'
import { answer, api, type ApiClient } from './client.js'
import type { paths } from './openapi.gen.js'

/** `getCollectivity`: the active collectivity with this SIRET (404 problem when unknown or inactive). */
export function getCollectivity(siret: string, client: ApiClient = api): Promise<Collectivity> {
  return answer(client.GET('/api/v1/collectivities/{siret}', { params: { path: { siret } } }))
}

/** `listCollectivities`: the active collectivities matching `q` (name, postal code or département). */
export function listCollectivities(
  q: string,
  options: { limit?: number; signal?: AbortSignal } = {},
  client: ApiClient = api,
): Promise<CollectivityList> {
  return answer(
    client.GET('/api/v1/collectivities', {
      params: { query: { q, limit: options.limit ?? 20 } },
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  )
}

/**
 * A collectivity's public page, the link every family gets (email, poster, public QR code): never an
 * `external_id` nor a `redirect_uri`, which belong to one user's personalised link.
 */
export function collectivityPublicUrl(siret: string, origin = window.location.origin): string {
  return `${origin}/collectivites/${encodeURIComponent(siret)}`
}

export interface QrCodeLinks {
  svg: string
  png: string
}

/** An image route of the API (typed: a renamed route breaks the build). */
type ImagePath = keyof paths & `${string}/qrcode.${'svg' | 'png'}`
const qrCodeSvg: ImagePath = '/api/v1/collectivities/{siret}/qrcode.svg'
const qrCodePng: ImagePath = '/api/v1/collectivities/{siret}/qrcode.png'

/** An editor's personalisation of a collectivity's link: its user id, its return page. */
export interface LinkParameters {
  externalId?: string | undefined
  redirectUri?: string | undefined
}

function linkQuery({ externalId, redirectUri }: LinkParameters): {
  external_id?: string
  redirect_uri?: string
} {
  return {
    ...(externalId ? { external_id: externalId } : {}),
    ...(redirectUri ? { redirect_uri: redirectUri } : {}),
  }
}

/**
 * The URLs of `getCollectivityQrCodeSvg` and `getCollectivityQrCodePng` (for an <img> and a download
 * link), personalised with `external_id` / `redirect_uri` when given.
 */
export function collectivityQrCodeUrls(
  siret: string,
  baseUrl = import.meta.env.VITE_API_URL ?? '',
  parameters: LinkParameters = {},
): QrCodeLinks {
  const query = new URLSearchParams(linkQuery(parameters)).toString()
  const at = (path: ImagePath) =>
    `${baseUrl}${path.replace('{siret}', encodeURIComponent(siret))}${query ? `?${query}` : ''}`
  return { svg: at(qrCodeSvg), png: at(qrCodePng) }
}

/**
 * `getCollectivityLink`: the personalised link, checked by the API against the collectivity's
 * allow-list (a refused `redirect_uri` is a 422 problem whose `errors[0].reason` says why).
 */
export async function getCollectivityLink(
  siret: string,
  parameters: LinkParameters,
  options: { signal?: AbortSignal } = {},
  client: ApiClient = api,
): Promise<string> {
  const link = await answer(
    client.GET('/api/v1/collectivities/{siret}/links', {
      params: { path: { siret }, query: linkQuery(parameters) },
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  )
  return link.url
}
