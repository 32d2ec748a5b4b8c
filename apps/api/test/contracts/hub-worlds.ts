import { startSandbox } from '@qf/sandbox'
import { UndiciHubee } from '../../src/adapters/hubee/undici-hubee.js'
import { InMemoryDossierHub } from '../../src/adapters/in-memory/in-memory-dossier-hub.js'
import type {
  CaseStatus,
  DossierHub,
  FolderStatus,
  HubNotification,
  Recipient,
} from '../../src/ports/dossier-hub.js'
import { HubeeClient } from '@qf/testing'

/** What a collectivity's software does with its cases (HubEE `SI` client): the tests drive it. */
export interface HubRecipientSide {
  notifications(): Promise<HubNotification[]>
  readCase(caseId: string): Promise<{
    externalId: string
    status: FolderStatus
    attachments: { id: string; fileName: string; size: number; mimeType: string }[]
  }>
  download(caseId: string, attachmentId: string): Promise<{ bytes: Buffer; digest: string }>
  reportStatus(caseId: string, from: string, to: CaseStatus): Promise<void>
  deleteNotification(notificationId: string): Promise<void>
}

/** A hub and the means to act on it from outside (the recipient, faults, time). */
export interface HubWorld {
  hub: DossierHub
  recipient(recipient: Recipient): HubRecipientSide
  /** Every hub call fails with a 5xx while on. */
  outage(on: boolean): Promise<void>
  /** Makes every token the hub issued expire (null: the hub has no tokens). */
  expireTokens: (() => Promise<void>) | null
  /** Gives a recipient an active subscription to another process (foreign notifications). */
  subscribe(recipient: Recipient, processCode: string): Promise<void>
  teardown(): Promise<void>
}

export const majastres: Recipient = { siret: '21040107100019', cog: '04107' }
export const hauteluce: Recipient = { siret: '21730132400018', cog: '73132' }
/** `Inactif` subscription: deposits to it are refused. */
export const amberieu: Recipient = { siret: '21010004600015', cog: '01004' }

const admin = { clientId: 'formulaire-qf-admin', clientSecret: 'sandbox-admin-secret' }

function expectStatus(answer: { status: number; json: unknown }, status: number, what: string) {
  if (answer.status !== status)
    throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.json ?? null)}`)
}

/** A collectivity's software (HubEE `SI` client of the sandbox at `baseUrl`): what the tests drive. */
export function sandboxRecipient(baseUrl: string, recipient: Recipient): HubRecipientSide {
  const client = new HubeeClient(baseUrl)
  const clientId = `SI-${recipient.siret}-${recipient.cog}`
  const token = () => client.token(clientId, 'sandbox-secret', 'SI')
  return {
    async notifications() {
      const answer = await client.call(await token(), 'GET', '/teledossiers/v1/notifications?maxResult=100')
      expectStatus(answer, 200, 'SI notifications')
      return answer.json as HubNotification[]
    },
    async readCase(caseId) {
      const answer = await client.call(await token(), 'GET', `/teledossiers/v1/cases/${caseId}`)
      expectStatus(answer, 200, 'SI case')
      return answer.json as Awaited<ReturnType<HubRecipientSide['readCase']>>
    },
    async download(caseId, attachmentId) {
      const answer = await client.call(
        await token(),
        'GET',
        `/teledossiers/v1/cases/${caseId}/attachments/${attachmentId}`,
      )
      expectStatus(answer, 200, 'SI download')
      return { bytes: answer.bytes, digest: answer.headers.get('digest') ?? '' }
    },
    async reportStatus(caseId, from, to) {
      const t = await token()
      expectStatus(
        await client.call(t, 'PATCH', `/teledossiers/v1/cases/${caseId}`, { json: { status: to } }),
        204,
        'SI status',
      )
      expectStatus(
        await client.call(t, 'POST', `/teledossiers/v1/cases/${caseId}/events`, {
          json: {
            actionType: 'STATUS_UPDATE',
            author: 'Agent de test',
            notification: true,
            caseCurrentStatus: from,
            caseNewStatus: to,
          },
        }),
        201,
        'SI event',
      )
    },
    async deleteNotification(id) {
      expectStatus(
        await client.call(await token(), 'DELETE', `/teledossiers/v1/notifications/${id}`),
        204,
        'SI delete notification',
      )
    },
  }
}

/** The undici adapter over a fresh sandbox (real HTTP), its HubEE clock driven by the test. */
export async function sandboxHubWorld(): Promise<HubWorld> {
  let offsetMs = 0
  const sandbox = await startSandbox({ port: 0, hubee: { now: () => Date.now() + offsetMs } })
  const hub = new UndiciHubee({
    apiUrl: `${sandbox.url}/hubee`,
    tokenUrl: `${sandbox.url}/hubee-auth/oauth2/token`,
    clientId: 'formulaire-qf-osl',
    clientSecret: 'sandbox-osl-secret',
    timeoutMs: 5_000,
    softwareVersion: 'test',
  })
  const client = new HubeeClient(sandbox.url)
  const faults = async (body: unknown) => {
    const response = await fetch(`${sandbox.url}/__admin/faults/hubee`, {
      method: body === null ? 'DELETE' : 'PUT',
      headers: { 'content-type': 'application/json' },
      body: body === null ? undefined : JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`fault admin: HTTP ${response.status}`)
  }
  return {
    hub,
    recipient: (recipient) => sandboxRecipient(sandbox.url, recipient),
    outage: (on) => faults(on ? { outage: true, failureMode: '5xx', failureStatus: 503 } : null),
    async expireTokens() {
      offsetMs += 2 * 3600 * 1000
    },
    async subscribe(recipient, processCode) {
      const t = await client.token(admin.clientId, admin.clientSecret, 'ADMIN')
      const answer = await client.call(t, 'POST', '/referential/v1/subscriptions', {
        json: {
          datapassId: 1,
          processCode,
          subscriber: { type: 'SI', companyRegister: recipient.siret, branchCode: recipient.cog },
          localAdministrator: { email: 'admin@example.org' },
          notificationFrequency: 'unitaire',
          accessMode: 'API',
          status: 'Actif',
        },
      })
      expectStatus(answer, 201, 'subscription')
      // Created `Inactif` (HubEE's manual activation since July 2026): activated as HubEE's staff would.
      const activated = await fetch(
        `${sandbox.url}/__admin/hubee/subscriptions/${recipient.siret}/activate?process=${processCode}`,
        { method: 'POST' },
      )
      if (!activated.ok) throw new Error(`activating ${processCode}: ${activated.status}`)
    },
    async teardown() {
      await hub.close()
      await sandbox.close()
    },
  }
}

/** The in-memory fake, subscribed like the sandbox's seed (Ambérieu-en-Bugey is not). */
export async function inMemoryHubWorld(): Promise<HubWorld> {
  const hub = new InMemoryDossierHub({
    subscriptions: [majastres, hauteluce].map((recipient) => ({ recipient, processCode: 'FormulaireQF' })),
  })
  return {
    hub,
    recipient: (recipient) => hub.recipient(recipient),
    async outage(on) {
      hub.outage = on
    },
    expireTokens: null,
    async subscribe(recipient, processCode) {
      hub.subscribe(recipient, processCode)
    },
    async teardown() {
      await hub.close()
    },
  }
}
