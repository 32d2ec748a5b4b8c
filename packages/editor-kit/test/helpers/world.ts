import { createHash, randomInt } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FormulaireQfDocument, formulaireQf, referenceAlphabet } from '@qf/contracts'
import { hubeeOslClient, hubeeSiSecret, type Sandbox, startSandbox } from '@qf/sandbox'
import { type KitConfig, parseConfig } from '../../src/config.js'

export const majastres = { siret: '21040107100019', cog: '04107' }
export const hauteluce = { siret: '21730132400018', cog: '73132' }
export const saintDenis = { siret: '21974110600013', cog: '97411' }

/** A valid FormulaireQF.json, from the contracts' example (a fictitious person). */
export function exampleDocument(externalId: string | null = 'famille-1234'): FormulaireQfDocument {
  const [example] = FormulaireQfDocument.examples as FormulaireQfDocument[]
  if (!example) throw new Error('the contracts example is missing')
  return { ...structuredClone(example), external_id: externalId }
}

export function newReference(): string {
  return Array.from({ length: 13 }, () => referenceAlphabet[randomInt(referenceAlphabet.length)]).join('')
}

export interface DepositFile {
  fileName: string
  mimeType: string
  bytes: Buffer
}

/** The three files; XML and PDF are small placeholders here (the API builds the real ones). */
export function depositFiles(document: unknown = exampleDocument()): DepositFile[] {
  return [
    {
      fileName: formulaireQf.jsonFileName,
      mimeType: 'application/json',
      bytes: Buffer.from(JSON.stringify(document)),
    },
    {
      fileName: formulaireQf.xmlFileName,
      mimeType: 'application/xml',
      bytes: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?>\n<hash>\n  <external-id>famille-1234</external-id>\n</hash>\n',
      ),
    },
    {
      fileName: 'quotient_familial_DUBOIS_Angela.pdf',
      mimeType: 'application/pdf',
      bytes: Buffer.from('%PDF-1.4\n% placeholder\n%%EOF\n'),
    },
  ]
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('base64')

export interface Deposit {
  reference: string
  folderId: string
  caseId: string
}

/** HubEE as the form's depositor (OSL), over HTTP. */
export class Depositor {
  private token: string | undefined
  constructor(private readonly sandboxUrl: string) {}

  private async accessToken(): Promise<string> {
    if (this.token) return this.token
    const res = await fetch(`${this.sandboxUrl}/hubee-auth/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${hubeeOslClient.clientId}:${hubeeOslClient.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=OSL',
    })
    const body = (await res.json()) as { access_token: string }
    this.token = body.access_token
    return this.token
  }

  async call(
    method: string,
    path: string,
    body?: unknown,
    bytes?: Buffer,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(`${this.sandboxUrl}/hubee/teledossiers/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.accessToken()}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(bytes ? { 'content-type': 'application/octet-stream' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : bytes,
    })
    const text = await res.text()
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return text ? (JSON.parse(text) as unknown) : undefined
  }

  /** Creates the folder, uploads the files (with their digest) and completes it: the SI is notified. */
  async deposit(
    recipient: { siret: string; cog: string },
    files = depositFiles(),
    reference = newReference(),
  ): Promise<Deposit> {
    const caseExternalId = formulaireQf.caseExternalId(reference)
    const folder = (await this.call('POST', '/folders', {
      processCode: formulaireQf.processCode,
      externalId: formulaireQf.folderExternalId(reference),
      applicant: { firstName: 'Angela', lastName: 'DUBOIS' },
      cases: [
        {
          externalId: caseExternalId,
          recipient: { type: 'SI', companyRegister: recipient.siret, branchCode: recipient.cog },
        },
      ],
      attachments: files.map((f) => ({
        fileName: f.fileName,
        type: formulaireQf.attachmentType,
        size: f.bytes.length,
        mimeType: f.mimeType,
        recipients: [caseExternalId],
      })),
    })) as { id: string; cases: { id: string }[]; attachments: { id: string; fileName: string }[] }
    for (const a of folder.attachments) {
      const file = files.find((f) => f.fileName === a.fileName)
      if (!file) throw new Error(`no file ${a.fileName}`)
      await this.call('PUT', `/folders/${folder.id}/attachments/${a.id}`, undefined, file.bytes, {
        digest: sha256(file.bytes),
      })
    }
    await this.call('PATCH', `/folders/${folder.id}`, { globalStatus: 'HUBEE_COMPLETED' })
    const caseId = folder.cases[0]?.id
    if (!caseId) throw new Error('no case')
    return { reference, folderId: folder.id, caseId }
  }

  async folder(folderId: string) {
    return (await this.call('GET', `/folders/${folderId}`)) as {
      globalStatus: string
      cases: { id: string; status: string }[]
    }
  }

  /** The case as the depositor sees it, with its events. */
  async case(caseId: string) {
    return (await this.call('GET', `/cases/${caseId}`)) as {
      status: string
      events: {
        actionType: string
        caseCurrentStatus: string | null
        caseNewStatus: string | null
        message: string | null
        notification: boolean
      }[]
    }
  }

  async notifications() {
    return (await this.call('GET', '/notifications?maxResult=200')) as {
      id: string
      caseId: string
      eventId: string | null
    }[]
  }

  /** The depositor's side of the exchange: an event posted to the SI (e.g. after closing). */
  async closeCase(caseId: string) {
    await this.call('PATCH', `/cases/${caseId}`, { status: 'CLOSED' })
    return (await this.call('POST', `/cases/${caseId}/events`, {
      actionType: 'STATUS_UPDATE',
      author: 'Formulaire QF',
      notification: true,
      caseCurrentStatus: 'DONE',
      caseNewStatus: 'CLOSED',
    })) as { id: string }
  }
}

export interface World {
  sandbox: Sandbox
  depositor: Depositor
  dir: string
  config: KitConfig
  /** The configuration, pointed at another HubEE base URL (a proxy). */
  configVia(hubeeBase: string): KitConfig
  close(): Promise<void>
}

/** The sandbox in-process on a free port, a temporary state and inbox, the kit configured for both. */
export async function startWorld(): Promise<World> {
  const sandbox = await startSandbox({ port: 0 })
  const dir = await mkdtemp(join(tmpdir(), 'qf-editeur-'))
  const build = (hubeeBase: string) =>
    parseConfig({
      hubee: {
        apiUrl: `${hubeeBase}/hubee`,
        tokenUrl: `${sandbox.url}/hubee-auth/oauth2/token`,
        timeoutMs: 5000,
      },
      apiParticulier: { baseUrl: `${sandbox.url}/api-particulier` },
      stateDir: join(dir, 'etat'),
      inboxDir: join(dir, 'dossiers'),
      webhook: { port: 0, secrets: ['test-webhook-secret-0123456789'] },
      subscriptions: [majastres, hauteluce, saintDenis].map((s) => ({
        ...s,
        hubeeClientSecret: hubeeSiSecret,
        apiParticulierToken: `sandbox-api-particulier-${s.siret}`,
      })),
    })
  return {
    sandbox,
    depositor: new Depositor(sandbox.url),
    dir,
    config: build(sandbox.url),
    configVia: build,
    async close() {
      await sandbox.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export interface ProxyOptions {
  /** Flip one byte of every attachment download (the digest header is kept). */
  corruptDownloads?: boolean
  /** Answer 503 instead of forwarding, for the requests this says (checked on each request). */
  fail?: (method: string, path: string, body: Buffer) => boolean
}

/** An HTTP proxy to `target` that damages what HubEE sends, or fails on chosen requests. */
export async function hubeeProxy(
  target: string,
  options: ProxyOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = []
      for await (const c of req) chunks.push(c as Buffer)
      const payload = Buffer.concat(chunks)
      if (options.fail?.(req.method ?? 'GET', req.url ?? '/', payload)) {
        res.writeHead(503, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ errors: [{ code: 503, message: 'Service Unavailable' }] }))
        return
      }
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v
      const upstream = await fetch(`${target}${req.url ?? '/'}`, {
        method: req.method,
        headers,
        body: payload.length > 0 ? payload : undefined,
      })
      const body = Buffer.from(await upstream.arrayBuffer())
      if (
        options.corruptDownloads &&
        req.method === 'GET' &&
        /\/cases\/[^/]+\/attachments\//.test(req.url ?? '') &&
        body.length > 0
      )
        body[0] = (body[0] ?? 0) ^ 0x01
      const out: Record<string, string> = {}
      upstream.headers.forEach((v, k) => {
        if (
          !['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)
        )
          out[k] = v
      })
      res.writeHead(upstream.status, { ...out, 'content-length': String(body.length) })
      res.end(body)
    })().catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
