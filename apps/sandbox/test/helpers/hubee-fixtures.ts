import { createHash } from 'node:crypto'
import { type SeedCollectivity, seedCollectivities } from '../../src/seed.js'

export function seeded(name: string): SeedCollectivity {
  const c = seedCollectivities.find((s) => s.name === name)
  if (!c) throw new Error(`no seeded collectivity ${name}`)
  return c
}

export const siClientId = (c: Pick<SeedCollectivity, 'siret' | 'cog'>) => `SI-${c.siret}-${c.cog}`
export const recipientOf = (c: Pick<SeedCollectivity, 'siret' | 'cog'>) => ({
  type: 'SI',
  companyRegister: c.siret,
  branchCode: c.cog,
})
export const sha256Base64 = (data: Buffer) => createHash('sha256').update(data).digest('base64')

export interface DepositFile {
  fileName: string
  mimeType: string
  bytes: Buffer
}

/** The three files the national form deposits (fake content, no real person). */
export function qfFiles(): DepositFile[] {
  const json = { external_id: null, pivot_identity: { family_name: 'TESTEUR', given_name: 'Camille' } }
  return [
    { fileName: 'FormulaireQF.json', mimeType: 'application/json', bytes: Buffer.from(JSON.stringify(json)) },
    {
      fileName: 'FormulaireQF.xml',
      mimeType: 'application/xml',
      bytes: Buffer.from('<?xml version="1.0"?><FormulaireQF><external_id/></FormulaireQF>'),
    },
    {
      fileName: 'quotient_familial_TESTEUR_Camille.pdf',
      mimeType: 'application/pdf',
      bytes: Buffer.from('%PDF-1.7\n% sandbox\n%%EOF\n'),
    },
  ]
}

let sequence = 0
/** A 13-character reference, unique in the test run. */
export function reference(): string {
  sequence += 1
  return `T${Date.now().toString(36).toUpperCase()}${sequence.toString(36).toUpperCase()}`
    .padEnd(13, 'X')
    .slice(0, 13)
}

/** The `POST /folders` body of the national form for one collectivity. */
export function qfFolder(
  recipient: Pick<SeedCollectivity, 'siret' | 'cog'>,
  files = qfFiles(),
  ref = reference(),
) {
  const externalId = `Formulaire-QF-${ref}`
  const caseExternalId = `${externalId}-01`
  return {
    processCode: 'FormulaireQF',
    externalId,
    applicant: { firstName: 'Camille', lastName: 'TESTEUR' },
    cases: [{ externalId: caseExternalId, recipient: recipientOf(recipient) }],
    attachments: files.map((f) => ({
      fileName: f.fileName,
      type: 'FormulaireQF',
      size: f.bytes.length,
      mimeType: f.mimeType,
      recipients: [caseExternalId],
    })),
  }
}
