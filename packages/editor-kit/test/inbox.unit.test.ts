import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReceivedDossier } from '../src/pull/dossier.js'
import { inboxHandler, readInboxDossier, safeFileName } from '../src/pull/inbox.js'
import { PullState } from '../src/pull/state.js'
import { exampleDocument } from './helpers/world.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qf-inbox-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const dossier = (caseId: string, fileName = 'FormulaireQF.json'): ReceivedDossier => ({
  reference: '7KQ4MXD9HTCW3',
  caseId,
  caseExternalId: 'Formulaire-QF-7KQ4MXD9HTCW3-01',
  collectivity: { siret: '21040107100019', cog: '04107' },
  document: exampleDocument(),
  files: [{ fileName, mimeType: 'application/json', size: 2, sha256: 'x', bytes: Buffer.from('{}') }],
  receivedAt: '2026-12-01T09:00:00.000Z',
})

describe('a malicious HubEE (issue 21, L7)', () => {
  it('a 300-character file name is shortened (extension kept) and the dossier is written', async () => {
    const long = `${'a'.repeat(300)}.pdf`
    const safe = safeFileName(long)
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(200)
    expect(safe.endsWith('.pdf')).toBe(true)
    expect(Buffer.byteLength(safeFileName(`${'é'.repeat(300)}.json`))).toBeLessThanOrEqual(200)
    expect(await inboxHandler(dir)(dossier('case-long', long))).toEqual({ status: 'DONE' })
    expect(await readdir(join(dir, '7KQ4MXD9HTCW3'))).toContain(safe)
  })

  it('a case id of __proto__ is a case like any other in the local state', async () => {
    const state = await PullState.open(dir, 'client-x')
    const progress = {
      caseId: '__proto__',
      reference: 'PR0T04444444A',
      phase: 'started' as const,
      attempts: 1,
      updatedAt: new Date().toISOString(),
    }
    expect(state.get('__proto__')).toBeUndefined()
    expect(state.get('constructor')).toBeUndefined()
    await state.put(progress)
    expect(state.get('__proto__')).toMatchObject({ caseId: '__proto__', reference: 'PR0T04444444A' })
    expect(state.all().map((c) => c.caseId)).toEqual(['__proto__'])
    const reopened = await PullState.open(dir, 'client-x')
    expect(reopened.get('__proto__')).toMatchObject({ caseId: '__proto__', phase: 'started' })
    const onDisk: unknown = JSON.parse(await readFile(PullState.fileFor(dir, 'client-x'), 'utf8'))
    const cases = (onDisk as { cases: object }).cases
    expect(Object.getOwnPropertyDescriptor(cases, '__proto__')?.value).toMatchObject({
      reference: 'PR0T04444444A',
    })
  })
})

describe('the inbox handler', () => {
  it('keeps HubEE file names inside the dossier folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd')
    expect(safeFileName('..')).toBe('piece-jointe')
    expect(safeFileName('a\\b\\c.pdf')).toBe('c.pdf')
  })

  it('is idempotent by reference, and refuses the same reference for another case', async () => {
    const handler = inboxHandler(dir)
    expect(await handler(dossier('case-1', '../evil.json'))).toEqual({ status: 'DONE' })
    expect(await handler(dossier('case-1'))).toEqual({ status: 'DONE' })
    expect(await readdir(dir)).toEqual(['7KQ4MXD9HTCW3'])
    expect((await readdir(join(dir, '7KQ4MXD9HTCW3'))).sort()).toEqual(['dossier.json', 'evil.json'])
    expect(await handler(dossier('case-2'))).toMatchObject({ status: 'SI_INTG_ERROR' })
    const stored = await readInboxDossier(dir, '7KQ4MXD9HTCW3')
    expect(stored?.hubee.case_id).toBe('case-1')
    expect(JSON.parse(await readFile(join(dir, '7KQ4MXD9HTCW3', 'dossier.json'), 'utf8'))).toMatchObject({
      format: 'qf-editeur/dossier@1',
      pivot_identity: { family_name: 'DUBOIS' },
    })
  })

  it('dossier.json carries the requester’s usage name when the CAF gives one (MERCIER → DUBOIS)', async () => {
    // The sandbox's CAF answer for FranceConnect's `avec_nom_dusage` (MERCIER Pierre), as deposited.
    const document = exampleDocument('famille-7')
    document.pivot_identity = {
      family_name: 'MERCIER',
      given_name: 'Pierre',
      gender: 'male',
      birthdate: '1969-03-17',
      birthplace: '95277',
      birthcountry: '99100',
    }
    document.quotient_familial_v3.allocataires = [
      {
        nom_naissance: 'MERCIER',
        nom_usage: 'DUBOIS',
        prenoms: 'PIERRE',
        date_naissance: '1969-03-17',
        sexe: 'M',
      },
    ]
    document.quotient_familial_v3.enfants = [
      {
        nom_naissance: 'MERCIER',
        nom_usage: null,
        prenoms: 'ROBERT',
        date_naissance: '2020-03-15',
        sexe: 'M',
      },
    ]
    await inboxHandler(dir)({ ...dossier('case-1'), document })
    const stored = await readInboxDossier(dir, '7KQ4MXD9HTCW3')
    expect(stored?.demandeur).toEqual({
      nom_naissance: 'MERCIER',
      nom_usage: 'DUBOIS',
      prenoms: ['Pierre'],
      date_naissance: '1969-03-17',
      sexe: 'M',
      commune_naissance: '95277',
      pays_naissance: '99100',
    })
    expect(stored?.allocataires[0]?.nom_usage).toBe('DUBOIS')
  })

  it('dossier.json: the requester’s own usage name, never the partner’s (YOGO → BOBO)', async () => {
    // YOGO Sophie Suzanne: the partner (BOBO Mohamed) has no usage name; only she does.
    const document = exampleDocument(null)
    document.pivot_identity = {
      family_name: 'YOGO',
      given_name: 'Sophie Suzanne',
      gender: 'female',
      birthdate: '1981-11-01',
      birthplace: '50528',
      birthcountry: '99100',
    }
    const partner = {
      nom_naissance: 'BOBO',
      nom_usage: 'YOGO',
      prenoms: 'Mohamed',
      date_naissance: '1983-05-15',
      sexe: 'M' as const,
    }
    document.quotient_familial_v3.allocataires = [
      {
        nom_naissance: 'YOGO',
        nom_usage: 'BOBO',
        prenoms: 'Sophie Suzanne',
        date_naissance: '1981-11-01',
        sexe: 'F',
      },
      partner,
    ]
    const handler = inboxHandler(dir)
    await handler({ ...dossier('case-1'), document })
    expect((await readInboxDossier(dir, '7KQ4MXD9HTCW3'))?.demandeur.nom_usage).toBe('BOBO')
    // The partner's usage name is never lent to the requester.
    await handler({
      ...dossier('case-2'),
      reference: '9TRW4XAHC3D6K',
      document: {
        ...document,
        quotient_familial_v3: { ...document.quotient_familial_v3, allocataires: [partner] },
      },
    })
    expect((await readInboxDossier(dir, '9TRW4XAHC3D6K'))?.demandeur.nom_usage).toBeNull()
  })
})
