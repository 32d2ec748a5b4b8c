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

export interface QrCodeLinks {
  svg: string
  png: string
}

/** An image route of the API (typed: a renamed route breaks the build). */
type ImagePath = keyof paths & `${string}/qrcode.${'svg' | 'png'}`
const qrCodeSvg: ImagePath = '/api/v1/collectivities/{siret}/qrcode.svg'
const qrCodePng: ImagePath = '/api/v1/collectivities/{siret}/qrcode.png'

/** The URLs of `getCollectivityQrCodeSvg` and `getCollectivityQrCodePng` (for an <img> and a download link). */
export function collectivityQrCodeUrls(
  siret: string,
  baseUrl = import.meta.env.VITE_API_URL ?? '',
): QrCodeLinks {
  const at = (path: ImagePath) => `${baseUrl}${path.replace('{siret}', encodeURIComponent(siret))}`
  return { svg: at(qrCodeSvg), png: at(qrCodePng) }
}
