import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHubeeStandIn, type HubeeStandIn } from '../src/hubee/index.js'
import { hubeeOslClient, hubeeSiSecret } from '../src/seed.js'
import { HubeeTestClient } from './helpers/hubee-client.js'
import { qfFiles, qfFolder, seeded, sha256Base64, siClientId } from './helpers/hubee-fixtures.js'
import { type ServedStandIn, serveStandIn } from './helpers/serve-stand-in.js'

interface FolderBody {
  id: string
  globalStatus: string
  closeDateTime: string | null
  cases: { id: string; status: string; externalId: string }[]
  attachments: { id: string; fileName: string; status: string; size: number }[]
}
interface CaseBody {
  id: string
  status: string
  transmissionDateTime: string | null
  attachments: { id: string; fileName: string }[]
  events: { id: string }[]
}
interface NotificationBody {
  id: string
  caseId: string | null
  eventId: string | null
  processCode: string
}
interface EventBody {
  id: string
  status: string
  caseNewStatus: string | null
  transmitter: { type: string }
}
interface ErrorBody {
  errors: { code: number; message: string }[]
}

const majastres = seeded('Majastres')
const hauteluce = seeded('Hauteluce')

let served: ServedStandIn<HubeeStandIn>
let hubee: HubeeTestClient
let osl: string
let si: string

beforeAll(async () => {
  served = await serveStandIn((ctx) => createHubeeStandIn(ctx))
  hubee = new HubeeTestClient(served.url)
  osl = await hubee.token(hubeeOslClient.clientId, hubeeOslClient.clientSecret, 'OSL')
  si = await hubee.token(siClientId(majastres), hubeeSiSecret, 'SI')
})
afterAll(() => served.close())

describe('HubEE stand-in: the deposit flow OSL → SI → OSL', () => {
  it('delivers a folder, its files and the status updates both ways, as the real hub does', async () => {
    const files = qfFiles()
    // 1. The form creates the folder: ids for the folder, the case and each file.
    const created = await hubee.call(osl, 'POST', '/teledossiers/v1/folders', {
      json: qfFolder(majastres, files),
    })
    expect(created.status).toBe(201)
    const folder = created.json as FolderBody
    expect(folder.globalStatus).toBe('HUBEE_RECEIVED')
    expect(folder.cases).toHaveLength(1)
    expect(folder.attachments.map((a) => a.status)).toEqual(['PENDING', 'PENDING', 'PENDING'])
    const caseId = folder.cases[0]?.id ?? ''

    // Nothing reaches the recipient before completion.
    const early = await hubee.call(si, 'GET', '/teledossiers/v1/notifications?maxResult=25')
    expect((early.json as NotificationBody[]).some((n) => n.caseId === caseId)).toBe(false)
    expect((await hubee.call(si, 'GET', `/teledossiers/v1/cases/${caseId}`)).status).toBe(404)

    // 2. Upload each file, with the digest in both accepted forms.
    for (const [i, attachment] of folder.attachments.entries()) {
      const bytes = files[i]?.bytes ?? Buffer.alloc(0)
      const digest = i === 0 ? `sha-256=${sha256Base64(bytes)}` : sha256Base64(bytes)
      const put = await hubee.call(
        osl,
        'PUT',
        `/teledossiers/v1/folders/${folder.id}/attachments/${attachment.id}`,
        {
          bytes,
          headers: { digest },
        },
      )
      expect(put.status).toBe(204)
    }

    // 3. Complete: only now is the recipient notified.
    const done = await hubee.call(osl, 'PATCH', `/teledossiers/v1/folders/${folder.id}`, {
      json: { globalStatus: 'HUBEE_COMPLETED' },
    })
    expect(done.status).toBe(204)
    const afterCompletion = (await hubee.call(osl, 'GET', `/teledossiers/v1/folders/${folder.id}`))
      .json as FolderBody
    expect(afterCompletion.globalStatus).toBe('HUBEE_COMPLETED')
    expect(afterCompletion.cases[0]?.status).toBe('HUBEE_NOTIFIED')
    expect(afterCompletion.attachments.every((a) => a.status === 'RECEIVED')).toBe(true)

    // 4. The SI finds a new-case notification (eventId null), reads the case and downloads the files.
    const siNotifications = (await hubee.call(si, 'GET', '/teledossiers/v1/notifications?maxResult=25'))
      .json as NotificationBody[]
    const newCase = siNotifications.find((n) => n.caseId === caseId)
    expect(newCase).toMatchObject({ eventId: null, processCode: 'FormulaireQF' })
    const kase = (await hubee.call(si, 'GET', `/teledossiers/v1/cases/${caseId}`)).json as CaseBody
    expect(kase.status).toBe('SENT')
    expect(kase.transmissionDateTime).not.toBeNull()
    expect(kase.attachments.map((a) => a.fileName)).toEqual(files.map((f) => f.fileName))
    for (const [i, attachment] of kase.attachments.entries()) {
      const download = await hubee.call(
        si,
        'GET',
        `/teledossiers/v1/cases/${caseId}/attachments/${attachment.id}`,
      )
      expect(download.status).toBe(200)
      expect(download.headers.get('content-type')).toBe('application/octet-stream')
      expect(download.bytes.equals(files[i]?.bytes ?? Buffer.alloc(0))).toBe(true)
      expect(download.headers.get('digest')).toBe(sha256Base64(download.bytes))
    }

    // 5. The SI reports SI_RECEIVED with a notifying event, and deletes its notification.
    expect(
      (await hubee.call(si, 'PATCH', `/teledossiers/v1/cases/${caseId}`, { json: { status: 'SI_RECEIVED' } }))
        .status,
    ).toBe(204)
    const event = await hubee.call(si, 'POST', `/teledossiers/v1/cases/${caseId}/events`, {
      json: {
        actionType: 'STATUS_UPDATE',
        author: 'Logiciel de la mairie',
        notification: true,
        caseCurrentStatus: 'SENT',
        caseNewStatus: 'SI_RECEIVED',
      },
    })
    expect(event.status).toBe(201)
    const eventId = (event.json as EventBody).id
    expect(event.json).toMatchObject({ status: 'SENT', transmitter: { type: 'SI' } })
    expect((await hubee.call(si, 'DELETE', `/teledossiers/v1/notifications/${newCase?.id}`)).status).toBe(204)
    const siLeft = (await hubee.call(si, 'GET', '/teledossiers/v1/notifications')).json as NotificationBody[]
    expect(siLeft.some((n) => n.id === newCase?.id)).toBe(false)

    // 6. The depositor is notified with the event id, reads the event, acknowledges it, deletes the notification.
    const oslNotifications = (await hubee.call(osl, 'GET', '/teledossiers/v1/notifications?maxResult=25'))
      .json as NotificationBody[]
    const update = oslNotifications.find((n) => n.eventId === eventId)
    expect(update).toMatchObject({ caseId, processCode: 'FormulaireQF' })
    const read = await hubee.call(osl, 'GET', `/teledossiers/v1/cases/${caseId}/events/${eventId}`)
    expect(read.json).toMatchObject({ caseNewStatus: 'SI_RECEIVED', status: 'SENT' })
    expect(
      (
        await hubee.call(osl, 'PATCH', `/teledossiers/v1/cases/${caseId}/events/${eventId}`, {
          json: { status: 'RECEIVED' },
        })
      ).status,
    ).toBe(204)
    const acked = await hubee.call(osl, 'GET', `/teledossiers/v1/cases/${caseId}/events/${eventId}`)
    expect((acked.json as EventBody).status).toBe('RECEIVED')
    expect((await hubee.call(osl, 'DELETE', `/teledossiers/v1/notifications/${update?.id}`)).status).toBe(204)
    const folderNow = (await hubee.call(osl, 'GET', `/teledossiers/v1/folders/${folder.id}`))
      .json as FolderBody
    expect(folderNow.globalStatus).toBe('SI_RECEIVED')

    // 7. DONE, then the depositor closes the case and the folder.
    expect(
      (await hubee.call(si, 'PATCH', `/teledossiers/v1/cases/${caseId}`, { json: { status: 'DONE' } }))
        .status,
    ).toBe(204)
    expect(
      (await hubee.call(osl, 'PATCH', `/teledossiers/v1/cases/${caseId}`, { json: { status: 'CLOSED' } }))
        .status,
    ).toBe(204)
    const closing = await hubee.call(osl, 'POST', `/teledossiers/v1/cases/${caseId}/events`, {
      json: {
        actionType: 'STATUS_UPDATE',
        notification: false,
        caseCurrentStatus: 'DONE',
        caseNewStatus: 'CLOSED',
      },
    })
    expect(closing.status).toBe(201)
    expect(
      (
        await hubee.call(osl, 'PATCH', `/teledossiers/v1/folders/${folder.id}`, {
          json: { globalStatus: 'CLOSED' },
        })
      ).status,
    ).toBe(204)
    const closed = (await hubee.call(osl, 'GET', `/teledossiers/v1/folders/${folder.id}`)).json as FolderBody
    expect(closed.globalStatus).toBe('CLOSED')
    expect(closed.closeDateTime).not.toBeNull()
    expect(closed.cases[0]?.status).toBe('CLOSED')

    // A closed case no longer moves.
    const late = await hubee.call(si, 'PATCH', `/teledossiers/v1/cases/${caseId}`, {
      json: { status: 'IN_PROGRESS' },
    })
    expect(late.status).toBe(400)
  })
})

describe('HubEE stand-in: deposit rules', () => {
  async function createFolder(recipient = majastres, files = qfFiles()) {
    const created = await hubee.call(osl, 'POST', '/teledossiers/v1/folders', {
      json: qfFolder(recipient, files),
    })
    expect(created.status).toBe(201)
    return created.json as FolderBody
  }
  const upload = (folderId: string, attachmentId: string, bytes: Buffer, digest?: string) =>
    hubee.call(osl, 'PUT', `/teledossiers/v1/folders/${folderId}/attachments/${attachmentId}`, {
      bytes,
      headers: digest ? { digest } : {},
    })

  it('refuses a file whose size differs from the declared one', async () => {
    const files = qfFiles()
    const folder = await createFolder(majastres, files)
    const answer = await upload(
      folder.id,
      folder.attachments[0]?.id ?? '',
      Buffer.concat([files[0]?.bytes ?? Buffer.alloc(0), Buffer.from('x')]),
    )
    expect(answer.status).toBe(400)
    expect((answer.json as ErrorBody).errors[0]?.code).toBe(400)
  })

  it('refuses a file whose digest does not match, and then refuses to complete the folder', async () => {
    const files = qfFiles()
    const folder = await createFolder(majastres, files)
    for (const [i, a] of folder.attachments.entries()) {
      const bytes = files[i]?.bytes ?? Buffer.alloc(0)
      const digest = i === 1 ? sha256Base64(Buffer.from('something else')) : sha256Base64(bytes)
      expect((await upload(folder.id, a.id, bytes, digest)).status).toBe(i === 1 ? 400 : 204)
    }
    const after = (await hubee.call(osl, 'GET', `/teledossiers/v1/folders/${folder.id}`)).json as FolderBody
    expect(after.attachments[1]?.status).toBe('CORRUPTED')
    const complete = await hubee.call(osl, 'PATCH', `/teledossiers/v1/folders/${folder.id}`, {
      json: { globalStatus: 'HUBEE_COMPLETED' },
    })
    expect(complete.status).toBe(400)
  })

  it('accepts an upload without digest, and refuses completion while a file is missing', async () => {
    const files = qfFiles()
    const folder = await createFolder(majastres, files)
    expect(
      (await upload(folder.id, folder.attachments[0]?.id ?? '', files[0]?.bytes ?? Buffer.alloc(0))).status,
    ).toBe(204)
    const complete = await hubee.call(osl, 'PATCH', `/teledossiers/v1/folders/${folder.id}`, {
      json: { globalStatus: 'HUBEE_COMPLETED' },
    })
    expect(complete.status).toBe(400)
  })

  it('deletes a folder only while HUBEE_RECEIVED', async () => {
    const files = qfFiles()
    const pending = await createFolder(majastres, files)
    expect((await hubee.call(osl, 'DELETE', `/teledossiers/v1/folders/${pending.id}`)).status).toBe(204)
    expect((await hubee.call(osl, 'GET', `/teledossiers/v1/folders/${pending.id}`)).status).toBe(404)

    const completed = await createFolder(majastres, files)
    for (const [i, a] of completed.attachments.entries())
      await upload(completed.id, a.id, files[i]?.bytes ?? Buffer.alloc(0))
    await hubee.call(osl, 'PATCH', `/teledossiers/v1/folders/${completed.id}`, {
      json: { globalStatus: 'HUBEE_COMPLETED' },
    })
    const refused = await hubee.call(osl, 'DELETE', `/teledossiers/v1/folders/${completed.id}`)
    expect(refused.status).toBe(400)
    expect((await hubee.call(osl, 'GET', `/teledossiers/v1/folders/${completed.id}`)).status).toBe(200)
  })

  it('refuses a recipient without an active FormulaireQF subscription', async () => {
    const inactive = seeded('Ambérieu-en-Bugey')
    const answer = await hubee.call(osl, 'POST', '/teledossiers/v1/folders', { json: qfFolder(inactive) })
    expect(answer.status).toBe(400)
    expect((answer.json as ErrorBody).errors[0]?.message).toContain('does not suscribed')
    const unknown = await hubee.call(osl, 'POST', '/teledossiers/v1/folders', {
      json: qfFolder({ siret: '21990000000000', cog: '99999' }),
    })
    expect((unknown.json as ErrorBody).errors[0]?.message).toContain('does not suscribed')
  })

  it('checks the body like the gateway: required fields, externalId length, known process', async () => {
    const { applicant: _applicant, ...withoutApplicant } = qfFolder(majastres)
    const missing = await hubee.call(osl, 'POST', '/teledossiers/v1/folders', {
      json: withoutApplicant,
      validateRequest: false,
    })
    expect(missing.status).toBe(400)
    expect((missing.json as ErrorBody).errors[0]?.message).toContain(
      'Object has missing required properties (["applicant"])',
    )

    const tooLong = { ...qfFolder(majastres), externalId: 'Formulaire-QF-ABCDEFGHJKLMNPQRS' }
    expect(tooLong.externalId.length).toBe(31)
    expect(
      (await hubee.call(osl, 'POST', '/teledossiers/v1/folders', { json: tooLong, validateRequest: false }))
        .status,
    ).toBe(400)

    const unknownProcess = { ...qfFolder(majastres), processCode: 'NoSuchProcess' }
    expect((await hubee.call(osl, 'POST', '/teledossiers/v1/folders', { json: unknownProcess })).status).toBe(
      400,
    )

    const badId = await hubee.call(osl, 'GET', '/teledossiers/v1/folders/not-a-uuid')
    expect(badId.status).toBe(400)
    expect((badId.json as ErrorBody).errors[0]?.message).toContain('is not a valid UUID')

    const badMax = await hubee.call(osl, 'GET', '/teledossiers/v1/notifications?maxResult=abc')
    expect(badMax.status).toBe(400)
  })

  it('accepts the POST + X-HTTP-Method-Override: PATCH form of the spec', async () => {
    const folder = await createFolder()
    const answer = await hubee.call(osl, 'POST', `/teledossiers/v1/folders/${folder.id}`, {
      json: { globalStatus: 'HUBEE_COMPLETED' },
      headers: { 'x-http-method-override': 'PATCH' },
    })
    expect(answer.status).toBe(400) // files missing: the PATCH rules applied
    const noOverride = await hubee.call(osl, 'POST', `/teledossiers/v1/folders/${folder.id}`, {
      json: { globalStatus: 'HUBEE_COMPLETED' },
      validateRequest: false,
    })
    expect(noOverride.status).toBe(405)
  })

  it('limits the notification list to maxResult', async () => {
    const si2 = await hubee.token(siClientId(hauteluce), hubeeSiSecret, 'SI')
    const files = qfFiles()
    for (let n = 0; n < 2; n++) {
      const folder = await createFolder(hauteluce, files)
      for (const [i, a] of folder.attachments.entries())
        await upload(folder.id, a.id, files[i]?.bytes ?? Buffer.alloc(0))
      await hubee.call(osl, 'PATCH', `/teledossiers/v1/folders/${folder.id}`, {
        json: { globalStatus: 'HUBEE_COMPLETED' },
      })
    }
    const all = (await hubee.call(si2, 'GET', '/teledossiers/v1/notifications')).json as NotificationBody[]
    expect(all.length).toBeGreaterThanOrEqual(2)
    const one = (await hubee.call(si2, 'GET', '/teledossiers/v1/notifications?maxResult=1'))
      .json as NotificationBody[]
    expect(one).toHaveLength(1)
    const filtered = (await hubee.call(si2, 'GET', '/teledossiers/v1/notifications?processCode=CERTDC'))
      .json as NotificationBody[]
    expect(filtered).toHaveLength(0)
  })
})
