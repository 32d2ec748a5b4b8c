import type { DossierAttachment, DossierContent } from './dossier-content.js'
import { buildFormulaireQfDocument, formulaireQfJson } from './formulaire-qf-json.js'
import { formulaireQfPdf } from './formulaire-qf-pdf.js'
import { formulaireQfXml } from './formulaire-qf-xml.js'

export {
  type DossierAttachment,
  type DossierContent,
  DossierContentError,
  pivotIdentityClaims,
} from './dossier-content.js'
export { buildFormulaireQfDocument, formulaireQfJson } from './formulaire-qf-json.js'
export { formulaireQfXml, formulaireQfXmlText, xmlElementName, xmlItemName } from './formulaire-qf-xml.js'
export { formulaireQfPdf, frenchDate } from './formulaire-qf-pdf.js'
export { fileNamePart, pdfFileName } from './pdf-file-name.js'

/** The three attachments of a sending, in the national form's order: JSON, XML, PDF. */
export async function buildAttachments(content: DossierContent): Promise<DossierAttachment[]> {
  const document = buildFormulaireQfDocument(content)
  return [formulaireQfJson(document), formulaireQfXml(document), await formulaireQfPdf(content, document)]
}
