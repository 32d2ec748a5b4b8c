import type { FormulaireQfDocument, FormulaireQfV3Person } from '@qf/contracts'
import PDFDocument from 'pdfkit'
import type { DossierAttachment, DossierContent } from './dossier-content.js'
import { parsedDejaVuSans } from './embedded-font.js'
import { pdfFileName } from './pdf-file-name.js'

const months = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
]

/** `1962-08-24` → `24/08/1962`; partial dates stay partial: `2020-05-00` → `mai 2020`, `2020-00-00` → `2020`. */
export function frenchDate(date: string): string {
  const [year = '', month = '00', day = '00'] = date.split('-')
  const m = Number(month)
  if (m < 1 || m > 12) return year
  if (day === '00') return `${months[m - 1]} ${year}`
  return `${day}/${month}/${year}`
}

const monthYear = (year: number, month: number) => `${months[month - 1] ?? String(month)} ${year}`
/** "Quotient familial de février 2024", "… d’octobre 2025": API Particulier's QF month, in plain French. */
const quotientFamilialOf = (year: number, month: number) => {
  const when = monthYear(year, month)
  return /^[aeiouyéèêàâîôû]/i.test(when) ? `Quotient familial d’${when}` : `Quotient familial de ${when}`
}
const parisDateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
})
const providers = { CNAF: 'CAF (CNAF)', MSA: 'MSA' } as const

function personLine(p: FormulaireQfV3Person): string {
  const usage = p.nom_usage ? ` (nom d’usage : ${p.nom_usage})` : ''
  const born = p.sexe === 'F' ? 'née' : 'né'
  const date = frenchDate(p.date_naissance)
  const on = date.includes('/') ? `le ${date}` : `en ${date}`
  return `${p.nom_naissance}${usage} ${p.prenoms}, ${born} ${on}`
}

/** The one-page French summary for agents without software: `quotient_familial_<NOM>_<Prénoms>.pdf`. */
export async function formulaireQfPdf(
  content: DossierContent,
  document: FormulaireQfDocument,
): Promise<DossierAttachment> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: `Quotient familial — envoi ${content.reference}`,
      Author: 'Formulaire QF',
      Producer: 'Formulaire QF',
      Creator: 'Formulaire QF',
      CreationDate: content.submittedAt,
    },
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
  })
  const fonts = parsedDejaVuSans()
  pdf.registerFont('body', fonts.regular)
  pdf.registerFont('bold', fonts.bold)

  const heading = (text: string) => {
    pdf.moveDown(0.6).font('bold').fontSize(12).fillColor('#000091').text(text).moveDown(0.2)
    pdf.font('body').fontSize(10).fillColor('#161616')
  }
  const field = (label: string, value: string) => {
    pdf.font('bold').text(`${label} : `, { continued: true }).font('body').text(value)
  }

  const id = document.pivot_identity
  const v3 = document.quotient_familial_v3
  const qf = v3.quotient_familial

  pdf.font('bold').fontSize(16).fillColor('#000091').text('Demande de quotient familial')
  pdf.font('body').fontSize(10).fillColor('#161616')
  pdf.text(`Transmise le ${parisDateTime.format(content.submittedAt)} par le formulaire QF.`)

  heading('Envoi')
  field('Référence', content.reference)
  field(
    'Collectivité',
    `${content.collectivity.name} (SIRET ${content.collectivity.siret}, code commune ${content.collectivity.cog})`,
  )
  field('Identifiant chez l’éditeur (external_id)', document.external_id ?? 'aucun')

  heading('Identité du demandeur (FranceConnect)')
  field('Nom de naissance', id.family_name)
  field('Prénoms', id.given_name)
  field('Sexe', id.gender === 'female' ? 'féminin' : 'masculin')
  field('Date de naissance', frenchDate(id.birthdate))
  field('Commune de naissance (code INSEE)', id.birthplace || 'née ou né à l’étranger')
  field('Pays de naissance (code INSEE)', id.birthcountry)

  heading('Quotient familial')
  field(quotientFamilialOf(qf.annee, qf.mois), `${qf.valeur} €`)
  pdf.text('Calculé sur les ressources du mois précédent.')
  field('Organisme', providers[qf.fournisseur])
  if (qf.annee_calcul && qf.mois_calcul) field('Calculé en', monthYear(qf.annee_calcul, qf.mois_calcul))

  // A list API Particulier left out was masked (the habilitation's scopes), which is not "none".
  const allocataires = v3.allocataires ?? []
  const enfants = v3.enfants ?? []
  // One page up to ~30 people: large families get a smaller type.
  const people = allocataires.length + enfants.length
  const listSize = people <= 14 ? 10 : people <= 22 ? 8 : 6.5
  const notCovered = 'non transmis : l’habilitation de la collectivité ne couvre pas cette information.'
  pdf.moveDown(0.3).text('Composition actuelle du foyer (elle n’a pas d’historique), à la date de l’envoi.')
  heading('Allocataires')
  pdf.fontSize(listSize)
  if (!v3.allocataires) pdf.text(`Allocataires ${notCovered}`)
  else if (allocataires.length === 0) pdf.text('Aucun allocataire transmis.')
  for (const p of allocataires) pdf.text(`• ${personLine(p)}`)

  heading('Enfants')
  pdf.fontSize(listSize)
  if (!v3.enfants) pdf.text(`Enfants ${notCovered}`)
  else if (enfants.length === 0) pdf.text('Aucun enfant transmis.')
  for (const p of enfants) pdf.text(`• ${personLine(p)}`)

  pdf
    .moveDown(1.5)
    .fontSize(8)
    .fillColor('#666666')
    .text(
      'Données transmises par la CNAF ou la MSA via API Particulier, avec l’accord du demandeur. ' +
        'Les fichiers FormulaireQF.json et FormulaireQF.xml du même dossier contiennent les mêmes informations.',
    )
  pdf.end()
  return {
    fileName: pdfFileName(id.family_name, id.given_name),
    mimeType: 'application/pdf',
    bytes: await done,
  }
}
