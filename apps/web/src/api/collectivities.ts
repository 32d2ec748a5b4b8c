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

/** The URLs of `getCollectivityQrCodeSvg` and `getCollectivityQrCodePng` (images, not fetched as JSON). */
export function collectivityQrCodeUrls(
  siret: string,
  baseUrl = import.meta.env.VITE_API_URL ?? '',
): QrCodeLinks {
  const base = `${baseUrl}/api/v1/collectivities/${encodeURIComponent(siret)}/qrcode`
  return { svg: `${base}.svg`, png: `${base}.png` }
}
