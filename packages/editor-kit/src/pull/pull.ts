import { createHash } from 'node:crypto'
import { formulaireQf } from '@qf/contracts'
import { HubeeApiError, type HubeeSiClient, maxHubeeAnswerBytes } from '../hubee/client.js'
import type { HubeeCase, HubeeNotification, SiCaseStatus } from '../hubee/types.js'
import { BodyTooLargeError, UnreachableError } from '../http.js'
import { parseFormulaireQfDocument } from './document.js'
import type { DossierFile, DossierHandler, DossierOutcome, ReceivedDossier } from './dossier.js'
import type { CaseProgress, PullState } from './state.js'

/** The steps a pull reports as it goes (the CLI prints them; a test may stop a pull at one). */
export type PullStep = 'downloaded' | 'received' | 'handled' | 'reported' | 'notification_deleted'

export interface PullProgress {
  step: PullStep
  caseId: string
  reference: string | null
  outcome?: DossierOutcome['status']
}

export interface PullOptions {
  client: HubeeSiClient
  state: PullState
  handler: DossierHandler
  /** `author` of the STATUS_UPDATE events (≤ 255 characters). Default `qf-editeur`. */
  author?: string
  /** Notifications read per page (HubEE's `maxResult`). Default 25. */
  pageSize?: number
  onProgress?: (progress: PullProgress) => void | Promise<void>
}

export interface PulledDossier {
  caseId: string
  reference: string | null
  outcome: DossierOutcome['status']
  reason?: string
  /** `new`: handled in this run; `resumed`: finished a case a previous run had started. */
  how: 'new' | 'resumed'
}

export interface PullReport {
  clientId: string
  dossiers: PulledDossier[]
  /** Cases left for the next run (the notification is kept). */
  failed: { caseId: string; reference: string | null; error: string }[]
  /** Events from the depositor, read and acknowledged. */
  events: { caseId: string; eventId: string; actionType: string | null; caseNewStatus: string | null }[]
  /** Duplicate notifications of cases already finished (deleted without handing the dossier again). */
  duplicates: number
}

const finalStatuses = new Set(['DONE', 'REFUSED', 'SI_INTG_ERROR', 'CLOSED'])
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64')

/** `digest: <b64>` or the RFC 3230 form `sha-256=<b64>`. */
function digestValue(header: string | undefined): string | undefined {
  if (!header?.trim()) return undefined
  for (const part of header.split(',')) {
    const entry = part.trim()
    if (/^sha-256=/i.test(entry)) return entry.slice('sha-256='.length)
  }
  return header.trim()
}

/** Errors that stop the whole pull: HubEE cannot be reached, is failing, or refuses the credentials. */
function isSystemError(error: unknown): boolean {
  return (
    error instanceof UnreachableError ||
    (error instanceof HubeeApiError && (error.unavailable || error.credentialsRefused))
  )
}

const pulled = (p: CaseProgress, how: PulledDossier['how']): PulledDossier => ({
  caseId: p.caseId,
  reference: p.reference,
  outcome: p.outcome ?? 'DONE',
  ...(p.reason ? { reason: p.reason } : {}),
  how,
})

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * One pull of a subscription: every notification of the `FormulaireQF` process, page after page.
 * A new case (eventId null) is read, its files downloaded and checked (size, SHA-256 digest),
 * `FormulaireQF.json` validated, the case moved to `SI_RECEIVED`, handed to the handler, moved to its
 * outcome (`DONE`, `REFUSED`, `SI_INTG_ERROR`), each move followed by its STATUS_UPDATE event; only
 * then is the notification deleted. Every step is saved in the local state first, so a crash resumes.
 */
export async function pull(options: PullOptions): Promise<PullReport> {
  const { client, state, handler } = options
  const author = options.author ?? 'qf-editeur'
  const pageSize = options.pageSize ?? 25
  const report: PullReport = {
    clientId: client.clientId,
    dossiers: [],
    failed: [],
    events: [],
    duplicates: 0,
  }
  const progress = async (p: PullProgress) => options.onProgress?.(p)
  const seen = new Set<string>()

  async function moveCase(caseId: string, from: string, to: SiCaseStatus, message?: string) {
    // Read again: after a crash between the PATCH and the event, either may already be done.
    const current = await client.getCase(caseId)
    if (current.status !== to) await client.updateCaseStatus(caseId, to)
    const posted = (current.events ?? []).some(
      (e) =>
        e.actionType === 'STATUS_UPDATE' &&
        e.caseNewStatus === to &&
        (!e.transmitter || e.transmitter.companyRegister === current.recipient.companyRegister),
    )
    if (!posted)
      await client.postStatusEvent(caseId, { author, caseCurrentStatus: from, caseNewStatus: to, message })
  }

  async function download(kase: HubeeCase): Promise<{ files: DossierFile[] } | { error: string }> {
    const attachments = kase.attachments ?? []
    if (attachments.length === 0) return { error: 'Aucune pièce jointe dans le case' }
    const files: DossierFile[] = []
    for (const a of attachments) {
      if (a.status === 'CORRUPTED' || a.status === 'REJECTED')
        return { error: `Pièce ${a.fileName} : statut HubEE ${a.status}` }
      const tooLarge = {
        error: `Pièce ${a.fileName.slice(0, 100)} : plus de ${maxHubeeAnswerBytes} octets, refusée`,
      }
      if (a.size > maxHubeeAnswerBytes) return tooLarge
      let downloaded: { bytes: Buffer; digest?: string }
      try {
        downloaded = await client.downloadAttachment(kase.id, a.id)
      } catch (error) {
        if (error instanceof BodyTooLargeError) return tooLarge
        throw error
      }
      const { bytes, digest } = downloaded
      if (bytes.length !== a.size)
        return { error: `Pièce ${a.fileName} : ${bytes.length} octets reçus, ${a.size} annoncés` }
      const actual = sha256(bytes)
      const expected = digestValue(digest)
      if (expected !== undefined && expected !== actual)
        return { error: `Pièce ${a.fileName} : empreinte SHA-256 différente de l’en-tête digest` }
      files.push({ fileName: a.fileName, mimeType: a.mimeType, size: a.size, sha256: actual, bytes })
    }
    return { files }
  }

  async function handleNewCase(n: HubeeNotification, caseId: string) {
    const known = state.get(caseId)
    if (known?.phase === 'reported') {
      await client.deleteNotification(n.id)
      if (known.notificationDeleted) report.duplicates += 1
      else {
        // The previous run stopped between the final event and the deletion.
        await state.put({ ...known, notificationDeleted: true })
        await progress({
          step: 'notification_deleted',
          caseId,
          reference: known.reference,
          outcome: known.outcome,
        })
        report.dossiers.push(pulled(known, 'resumed'))
      }
      return
    }
    const resumed = known !== undefined
    let p: CaseProgress = known ?? {
      caseId,
      reference: null,
      phase: 'started',
      attempts: 0,
      updatedAt: new Date().toISOString(),
    }
    p = { ...p, attempts: p.attempts + 1 }
    delete p.lastError
    await state.put(p)

    const kase = await client.getCase(caseId)
    const reference = formulaireQf.referenceOf(kase.externalId)
    p = { ...p, reference }

    if (!known && finalStatuses.has(kase.status)) {
      // Finished elsewhere (another installation, or a state file lost): not handed again.
      const outcome = kase.status === 'REFUSED' || kase.status === 'SI_INTG_ERROR' ? kase.status : 'DONE'
      p = { ...p, phase: 'reported', outcome, notificationDeleted: true }
      await state.put(p)
      await client.deleteNotification(n.id)
      report.duplicates += 1
      return
    }

    if (p.phase === 'started' || p.phase === 'received') {
      let outcome: DossierOutcome
      const fetched = reference
        ? await download(kase)
        : { error: `externalId de case inattendu : ${kase.externalId.slice(0, 40)}` }
      const json =
        'files' in fetched ? fetched.files.find((f) => f.fileName === formulaireQf.jsonFileName) : undefined
      const checked = json ? parseFormulaireQfDocument(json.bytes) : undefined
      if ('error' in fetched) outcome = { status: 'SI_INTG_ERROR', reason: fetched.error }
      else if (!checked)
        outcome = { status: 'SI_INTG_ERROR', reason: `${formulaireQf.jsonFileName} absent du case` }
      else if (!checked.ok)
        outcome = {
          status: 'SI_INTG_ERROR',
          reason: `${formulaireQf.jsonFileName} non conforme au schéma : ${checked.errors.join(' ; ')}`.slice(
            0,
            1000,
          ),
        }
      else {
        await progress({ step: 'downloaded', caseId, reference })
        if (p.phase === 'started') {
          // After a crash between the PATCH and the state write, the case already shows SI_RECEIVED.
          await moveCase(caseId, kase.status === 'SI_RECEIVED' ? 'SENT' : kase.status, 'SI_RECEIVED')
          p = { ...p, phase: 'received', siReceived: true }
          await state.put(p)
          await progress({ step: 'received', caseId, reference })
        }
        const dossier: ReceivedDossier = {
          reference: reference ?? '',
          caseId,
          caseExternalId: kase.externalId,
          collectivity: { siret: kase.recipient.companyRegister, cog: kase.recipient.branchCode },
          document: checked.document,
          files: 'files' in fetched ? fetched.files : [],
          receivedAt: new Date().toISOString(),
        }
        outcome = await handler(dossier)
      }
      p = {
        ...p,
        phase: 'handled',
        outcome: outcome.status,
        ...('reason' in outcome ? { reason: outcome.reason } : {}),
      }
      await state.put(p)
      await progress({ step: 'handled', caseId, reference, outcome: outcome.status })
    }

    if (p.phase === 'handled' && p.outcome) {
      const from = p.siReceived ? 'SI_RECEIVED' : 'SENT'
      await moveCase(caseId, from, p.outcome, p.reason)
      p = { ...p, phase: 'reported' }
      await state.put(p)
      await progress({ step: 'reported', caseId, reference, outcome: p.outcome })
    }

    await client.deleteNotification(n.id)
    p = { ...p, notificationDeleted: true }
    await state.put(p)
    await progress({ step: 'notification_deleted', caseId, reference, outcome: p.outcome })
    report.dossiers.push(pulled(p, resumed ? 'resumed' : 'new'))
  }

  async function handleEvent(n: HubeeNotification, caseId: string, eventId: string) {
    try {
      const event = await client.getEvent(caseId, eventId)
      if (event.status !== 'RECEIVED') await client.acknowledgeEvent(caseId, eventId)
      report.events.push({
        caseId,
        eventId,
        actionType: event.actionType,
        caseNewStatus: event.caseNewStatus ?? null,
      })
    } catch (error) {
      // An event gone from HubEE leaves a stale notification: nothing to acknowledge.
      if (!(error instanceof HubeeApiError && error.status === 404)) throw error
    }
    await client.deleteNotification(n.id)
  }

  for (;;) {
    // HubEE has no offset: handled notifications are deleted, the ones kept are skipped.
    const maxResult = pageSize + seen.size
    const page = await client.listNotifications(maxResult)
    const fresh = page.filter((n) => !seen.has(n.id) && n.processCode === formulaireQf.processCode)
    if (fresh.length === 0) break
    for (const n of fresh) {
      seen.add(n.id)
      const caseId = n.caseId
      if (!caseId) continue
      try {
        if (n.eventId) await handleEvent(n, caseId, n.eventId)
        else await handleNewCase(n, caseId)
      } catch (error) {
        if (isSystemError(error)) throw error
        const known = state.get(caseId)
        if (known && !n.eventId) await state.put({ ...known, lastError: errorText(error).slice(0, 500) })
        report.failed.push({ caseId, reference: known?.reference ?? null, error: errorText(error) })
      }
    }
    if (page.length < maxResult) break
  }
  return report
}
