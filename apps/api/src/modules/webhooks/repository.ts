import { randomUUID } from 'node:crypto'
import { sql, type Selectable } from 'kysely'
import type { WebhookDelivery, WebhookEndpoint, WebhookOwnerKind } from '@qf/contracts'
import type { DbOrTrx } from '../../db/connection.js'
import type {
  StoredWebhookEvent,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
} from '../../db/tables/webhooks.js'
import type { SealedBox } from '../../lib/sealed-box.js'

type EndpointRow = Selectable<WebhookEndpointsTable>
type DeliveryRow = Selectable<WebhookDeliveriesTable>

export interface WebhookOwner {
  kind: WebhookOwnerKind
  siret: string
}

/** An endpoint with its secret opened: for the sender only, never for a response. */
export interface EndpointWithSecret {
  endpoint: WebhookEndpoint
  secret: string
}

export interface DeliveryToAttempt {
  id: string
  attempts: number
  event: StoredWebhookEvent
  createdAt: Date
  deliveredAt: Date | null
  failedAt: Date | null
  endpoint: EndpointWithSecret
}

/** What an attempt leaves on its delivery row. */
export interface AttemptOutcome {
  attempt: number
  at: Date
  status: number | null
  error: string | null
  nextAttemptAt: Date | null
  delivered: boolean
  failed: boolean
}

/** The secret is bound to its endpoint: a sealed value copied onto another row does not open. */
const secretContext = (endpointId: string) => `webhook-endpoint:${endpointId}`

const iso = (d: Date | null) => (d ? d.toISOString() : null)

const toEndpoint = (row: Omit<EndpointRow, 'editor_siret'>): WebhookEndpoint => ({
  id: row.id,
  ownerKind: row.owner_kind,
  ownerSiret: row.owner_siret,
  url: row.url,
  active: row.active,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
})

const outcomeOf = (row: Pick<DeliveryRow, 'delivered_at' | 'failed_at'>): WebhookDelivery['outcome'] =>
  row.delivered_at ? 'delivered' : row.failed_at ? 'failed' : 'pending'

const toDelivery = (row: DeliveryRow & Pick<EndpointRow, 'owner_kind' | 'owner_siret'>): WebhookDelivery => ({
  id: row.id,
  eventId: row.event_id,
  endpointId: row.endpoint_id,
  ownerKind: row.owner_kind,
  ownerSiret: row.owner_siret,
  reference: row.reference,
  collectivitySiret: row.collectivity_siret,
  outcome: outcomeOf(row),
  attempts: row.attempts,
  lastStatus: row.last_status,
  lastError: row.last_error,
  lastAttemptAt: iso(row.last_attempt_at),
  nextAttemptAt: iso(row.next_attempt_at),
  deliveredAt: iso(row.delivered_at),
  failedAt: iso(row.failed_at),
  createdAt: row.created_at.toISOString(),
})

/**
 * The webhook endpoints and deliveries, over the database or a transaction on it: the one row →
 * domain mapping, and the sealing of the secrets with the box (bound to the endpoint id).
 */
export function webhookRepository(db: DbOrTrx, box: SealedBox) {
  return {
    /** Creates the owner's endpoint or replaces its URL, secret and state (same id). */
    async upsertEndpoint(
      owner: WebhookOwner,
      input: { url: string; secret: string; active: boolean; editorSiret: string | null },
      now: Date,
    ): Promise<WebhookEndpoint> {
      const existing = await db
        .selectFrom('webhook_endpoints')
        .select('id')
        .where('owner_kind', '=', owner.kind)
        .where('owner_siret', '=', owner.siret)
        .executeTakeFirst()
      if (existing) {
        const row = await db
          .updateTable('webhook_endpoints')
          .set({
            url: input.url,
            sealed_secret: box.seal(input.secret, secretContext(existing.id)),
            active: input.active,
            editor_siret: input.editorSiret,
            updated_at: now,
          })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
        return toEndpoint(row)
      }
      const id = randomUUID()
      const row = await db
        .insertInto('webhook_endpoints')
        .values({
          id,
          owner_kind: owner.kind,
          owner_siret: owner.siret,
          url: input.url,
          sealed_secret: box.seal(input.secret, secretContext(id)),
          active: input.active,
          editor_siret: input.editorSiret,
          created_at: now,
          updated_at: now,
        })
        // Two admins racing on a new owner: the second one replaces the first one's values.
        .onConflict((oc) =>
          oc.columns(['owner_kind', 'owner_siret']).doUpdateSet({
            url: input.url,
            active: input.active,
            editor_siret: input.editorSiret,
            updated_at: now,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow()
      if (row.id !== id) {
        // Lost the race: seal the secret for the winner's id.
        await db
          .updateTable('webhook_endpoints')
          .set({ sealed_secret: box.seal(input.secret, secretContext(row.id)) })
          .where('id', '=', row.id)
          .execute()
      }
      return toEndpoint(row)
    },

    /** Deletes the owner's endpoint (and its deliveries); false when there was none. */
    async deleteEndpoint(owner: WebhookOwner): Promise<boolean> {
      const result = await db
        .deleteFrom('webhook_endpoints')
        .where('owner_kind', '=', owner.kind)
        .where('owner_siret', '=', owner.siret)
        .executeTakeFirst()
      return result.numDeletedRows > 0n
    },

    async findEndpoint(owner: WebhookOwner): Promise<WebhookEndpoint | undefined> {
      const row = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('owner_kind', '=', owner.kind)
        .where('owner_siret', '=', owner.siret)
        .executeTakeFirst()
      return row && toEndpoint(row)
    },

    /**
     * The active endpoints of these owners that belong to `currentEditor` (the collectivity's editor
     * now, `null` for none): a former editor's endpoint on the collectivity receives nothing.
     */
    async activeEndpoints(
      owners: readonly WebhookOwner[],
      currentEditor: string | null,
    ): Promise<WebhookEndpoint[]> {
      if (owners.length === 0) return []
      const rows = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('active', '=', true)
        .where('editor_siret', 'is not distinct from', currentEditor)
        .where((eb) =>
          eb.or(owners.map((o) => eb.and([eb('owner_kind', '=', o.kind), eb('owner_siret', '=', o.siret)]))),
        )
        .orderBy('owner_kind')
        .execute()
      return rows.map(toEndpoint)
    },

    async insertDelivery(delivery: {
      id: string
      endpointId: string
      event: StoredWebhookEvent
      createdAt: Date
    }): Promise<void> {
      await db
        .insertInto('webhook_deliveries')
        .values({
          id: delivery.id,
          event_id: delivery.event.id,
          endpoint_id: delivery.endpointId,
          reference: delivery.event.reference,
          collectivity_siret: delivery.event.collectivity_siret,
          event: JSON.stringify(delivery.event),
          next_attempt_at: delivery.createdAt,
          created_at: delivery.createdAt,
        })
        .execute()
    },

    /** The delivery, its event and its endpoint with the secret opened; undefined when gone. */
    async deliveryToAttempt(id: string): Promise<DeliveryToAttempt | undefined> {
      const row = await db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
        .select([
          'd.id',
          'd.attempts',
          'd.event',
          'd.created_at',
          'd.delivered_at',
          'd.failed_at',
          'e.id as endpoint_id',
          'e.owner_kind',
          'e.owner_siret',
          'e.url',
          'e.sealed_secret',
          'e.active',
          'e.created_at as endpoint_created_at',
          'e.updated_at as endpoint_updated_at',
        ])
        .where('d.id', '=', id)
        .executeTakeFirst()
      if (!row) return undefined
      return {
        id: row.id,
        attempts: row.attempts,
        event: row.event,
        createdAt: row.created_at,
        deliveredAt: row.delivered_at,
        failedAt: row.failed_at,
        endpoint: {
          endpoint: toEndpoint({
            id: row.endpoint_id,
            owner_kind: row.owner_kind,
            owner_siret: row.owner_siret,
            url: row.url,
            sealed_secret: row.sealed_secret,
            active: row.active,
            created_at: row.endpoint_created_at,
            updated_at: row.endpoint_updated_at,
          }),
          secret: box.open<string>(row.sealed_secret, secretContext(row.endpoint_id)),
        },
      }
    },

    /**
     * Records attempt number `attempt` (compare-and-set on the attempt count: an attempt already
     * recorded by another worker records nothing); true when this call recorded it.
     */
    async recordAttempt(id: string, outcome: AttemptOutcome): Promise<boolean> {
      const result = await db
        .updateTable('webhook_deliveries')
        .set({
          attempts: outcome.attempt,
          last_attempt_at: outcome.at,
          last_status: outcome.status,
          last_error: outcome.error,
          next_attempt_at: outcome.nextAttemptAt,
          delivered_at: outcome.delivered ? outcome.at : null,
          failed_at: outcome.failed ? outcome.at : null,
          // Once the event is delivered or given up it is never sent again: the editor's user id
          // (pseudonymous personal data) is not kept for the 90 days of the delivery record.
          ...(outcome.delivered || outcome.failed
            ? { event: sql<string>`jsonb_set(event, '{external_id}', 'null'::jsonb)` }
            : {}),
        })
        .where('id', '=', id)
        .where('attempts', '=', outcome.attempt - 1)
        .where('delivered_at', 'is', null)
        .where('failed_at', 'is', null)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    /**
     * The most recent deliveries, filtered by reference and/or SIRET (the collectivity's or the endpoint
     * owner's), each with its endpoint's URL (which the use case reads, never shows).
     */
    async listDeliveries(filter: {
      reference?: string | undefined
      siret?: string | undefined
      /** Only what this editor may see: its own endpoint's deliveries and those of its collectivities. */
      visibleToEditor?: string | undefined
      limit: number
    }): Promise<{ delivery: WebhookDelivery; endpointUrl: string }[]> {
      let query = db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
        .selectAll('d')
        .select(['e.owner_kind', 'e.owner_siret', 'e.url as endpoint_url'])
      if (filter.reference !== undefined) query = query.where('d.reference', '=', filter.reference)
      const siret = filter.siret
      if (siret !== undefined)
        query = query.where((eb) =>
          eb.or([eb('d.collectivity_siret', '=', siret), eb('e.owner_siret', '=', siret)]),
        )
      const editor = filter.visibleToEditor
      if (editor !== undefined)
        query = query.where((eb) =>
          eb.or([
            eb.and([eb('e.owner_kind', '=', 'editor'), eb('e.owner_siret', '=', editor)]),
            eb(
              'd.collectivity_siret',
              'in',
              eb.selectFrom('collectivities').select('siret').where('editor_siret', '=', editor),
            ),
          ]),
        )
      const rows = await query.orderBy('d.created_at', 'desc').orderBy('d.id').limit(filter.limit).execute()
      return rows.map((row) => ({ delivery: toDelivery(row), endpointUrl: row.endpoint_url }))
    },

    /** Deletes the deliveries created before `before` (whatever their outcome); returns how many. */
    async purgeOlderThan(before: Date): Promise<number> {
      const result = await db
        .deleteFrom('webhook_deliveries')
        .where('created_at', '<', before)
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },

    /** Every endpoint's sealed secret (key rotation: which ones a previous key sealed). */
    async sealedSecrets(): Promise<{ id: string; sealed: string }[]> {
      const rows = await db.selectFrom('webhook_endpoints').select(['id', 'sealed_secret']).execute()
      return rows.map((r) => ({ id: r.id, sealed: r.sealed_secret }))
    },

    /** Re-seals one endpoint's secret with the current key; false when it changed meanwhile. */
    async resealSecret(id: string, sealed: string): Promise<boolean> {
      const result = await db
        .updateTable('webhook_endpoints')
        .set({ sealed_secret: box.reseal(sealed, secretContext(id)) })
        .where('id', '=', id)
        .where('sealed_secret', '=', sealed)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async collectivityExists(siret: string): Promise<boolean> {
      const row = await db
        .selectFrom('collectivities')
        .select('siret')
        .where('siret', '=', siret)
        .executeTakeFirst()
      return row !== undefined
    },
  }
}

export type WebhookRepository = ReturnType<typeof webhookRepository>
