import { describe, expect, it } from 'vitest'
import { referentialSpec, teledossiersSpec } from './helpers/hubee-client.js'

const id = '94b1b09d-b47f-4480-9b48-93b8b36108f2'
const recipient = { type: 'SI', companyRegister: '21040107100019', branchCode: '04107' }
const folder = {
  id,
  globalStatus: 'HUBEE_RECEIVED',
  processCode: 'FormulaireQF',
  createDateTime: '2026-03-01T08:00:00.000Z',
  closeDateTime: null,
  applicant: { firstName: 'Camille', lastName: 'TESTEUR' },
  externalId: 'Formulaire-QF-ABCDEFGHJKLMN',
  updateDateTime: null,
  partnerInfo: null,
  cases: [{ id, status: 'HUBEE_RECEIVED', recipient, externalId: 'Formulaire-QF-ABCDEFGHJKLMN-01' }],
  attachments: [
    {
      id,
      status: 'PENDING',
      fileName: 'a.pdf',
      type: 'FormulaireQF',
      size: 3,
      mimeType: 'application/pdf',
      recipients: ['x'],
    },
  ],
}

describe('the OpenAPI validator used by the HubEE tests', () => {
  it('matches concrete paths to templates, literal segments first', () => {
    expect(teledossiersSpec.templateOf(`/folders/${id}`)).toBe('/folders/{folderId}')
    expect(teledossiersSpec.templateOf('/cases/migrate')).toBe('/cases/migrate')
    expect(teledossiersSpec.hasOperation('POST', '/folders')).toBe(true)
    expect(teledossiersSpec.hasOperation('GET', '/folders')).toBe(false)
  })

  it('accepts a correct folder and catches a missing, mistyped or too long field', () => {
    expect(teledossiersSpec.validateResponse('POST', '/folders', 201, folder).valid).toBe(true)
    const { globalStatus: _g, ...noStatus } = folder
    expect(teledossiersSpec.validateResponse('POST', '/folders', 201, noStatus).valid).toBe(false)
    expect(
      teledossiersSpec.validateResponse('POST', '/folders', 201, { ...folder, externalId: 'x'.repeat(31) })
        .valid,
    ).toBe(false)
    expect(
      teledossiersSpec.validateResponse('POST', '/folders', 201, {
        ...folder,
        attachments: [{ ...folder.attachments[0], size: '3' }],
      }).valid,
    ).toBe(false)
  })

  it('does not require readOnly properties in requests, but does in responses', () => {
    const { id: _id, globalStatus: _s, createDateTime: _c, ...request } = folder
    const requestCases = [{ recipient, externalId: 'Formulaire-QF-ABCDEFGHJKLMN-01' }]
    const requestAttachments = [
      { fileName: 'a.pdf', type: 'FormulaireQF', size: 3, mimeType: 'application/pdf', recipients: ['x'] },
    ]
    const body = { ...request, cases: requestCases, attachments: requestAttachments }
    expect(teledossiersSpec.validateRequest('POST', '/folders', body).valid).toBe(true)
    expect(teledossiersSpec.validateResponse('POST', '/folders', 201, body).valid).toBe(false)
  })

  it('handles nullable, including nullable allOf', () => {
    const notification = {
      id,
      recipient,
      transmitter: recipient,
      processCode: 'FormulaireQF',
      caseId: id,
      eventId: null,
      dateTime: folder.createDateTime,
    }
    expect(teledossiersSpec.validateResponse('GET', '/notifications', 200, [notification]).valid).toBe(true)
    expect(
      teledossiersSpec.validateResponse('GET', '/notifications', 200, [{ ...notification, eventId: 12 }])
        .valid,
    ).toBe(false)
    expect(
      teledossiersSpec.validateResponse('GET', '/notifications', 200, [
        { ...notification, dateTime: 'yesterday' },
      ]).valid,
    ).toBe(false)
    expect(
      teledossiersSpec.validateResponse('POST', '/folders', 201, {
        ...folder,
        partnerInfo: { editorName: null },
      }).valid,
    ).toBe(true)
  })

  it('refuses an undocumented status and validates error bodies', () => {
    expect(teledossiersSpec.validateResponse('GET', `/folders/${id}`, 418, {}).valid).toBe(false)
    expect(
      teledossiersSpec.validateResponse('GET', `/folders/${id}`, 404, {
        errors: [{ code: 404, message: 'Folder is not found' }],
      }).valid,
    ).toBe(true)
    expect(
      teledossiersSpec.validateResponse('GET', `/folders/${id}`, 404, { errors: [{ code: '404' }] }).valid,
    ).toBe(false)
    expect(referentialSpec.validateResponse('GET', '/subscriptions', 200, [{ id }]).valid).toBe(false)
  })
})
