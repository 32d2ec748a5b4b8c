import type { Collectivity } from '@qf/contracts'
import { api, type ApiClient } from './client.js'

/** `getCollectivity`: the active collectivity with this SIRET (404 problem when unknown or inactive). */
export function getCollectivity(siret: string, client: ApiClient = api): Promise<Collectivity> {
  return client.request<Collectivity>(`/api/v1/collectivities/${encodeURIComponent(siret)}`)
}
