import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReceivedDossier } from '../src/pull/dossier.js'
import { inboxHandler, readInboxDossier, safeFileName } from '../src/pull/inbox.js'
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
})
