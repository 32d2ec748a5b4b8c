import { Type, type Static } from '@sinclair/typebox'

/**
 * `FormulaireQF.json`: the document deposited in HubEE for each sending, byte-compatible in keys and
 * nesting with what the national form deposits today (editors already parse it). The editors' kit
 * validates what it downloads against these schemas; the API builds the attachment from them.
 *
 * Keys stay snake_case / camelCase exactly as the national form writes them: they are a wire format.
 */

/** The FranceConnect `identite_pivot` claims, as FranceConnect returned them. */
export const FormulaireQfPivotIdentity = Type.Object(
  {
    family_name: Type.String({ description: 'Nom de naissance.' }),
    given_name: Type.String({ description: 'Prénoms, séparés par des espaces.' }),
    gender: Type.Union([Type.Literal('male'), Type.Literal('female')]),
    birthdate: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'AAAA-MM-JJ ; mois et jour peuvent valoir 00.',
    }),
    birthplace: Type.Union([Type.String(), Type.Null()], {
      description: 'Code COG INSEE de la commune de naissance ; vide ou null si né à l’étranger.',
    }),
    birthcountry: Type.String({ description: 'Code COG INSEE du pays de naissance (99100 : France).' }),
  },
  { additionalProperties: true },
)
export type FormulaireQfPivotIdentity = Static<typeof FormulaireQfPivotIdentity>

/** A person in API Particulier v3's `data` (allocataire or child). */
export const FormulaireQfV3Person = Type.Object(
  {
    nom_naissance: Type.String(),
    nom_usage: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    prenoms: Type.String({ description: 'Prénoms séparés par des espaces, casse quelconque.' }),
    date_naissance: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'AAAA-MM-JJ, partielle possible (2020-00-00).',
    }),
    sexe: Type.Union([Type.Literal('M'), Type.Literal('F')]),
  },
  { additionalProperties: true },
)
export type FormulaireQfV3Person = Static<typeof FormulaireQfV3Person>

/** `quotient_familial_v3`: API Particulier v3's `data` as received, plus `"version": "v3"`. */
export const FormulaireQfV3 = Type.Object(
  {
    allocataires: Type.Optional(Type.Array(FormulaireQfV3Person)),
    enfants: Type.Optional(Type.Array(FormulaireQfV3Person)),
    adresse: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
    quotient_familial: Type.Object(
      {
        fournisseur: Type.Union([Type.Literal('CNAF'), Type.Literal('MSA')]),
        valeur: Type.Integer(),
        annee: Type.Integer(),
        mois: Type.Integer({ minimum: 1, maximum: 12 }),
        annee_calcul: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
        mois_calcul: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
      },
      { additionalProperties: true },
    ),
    version: Type.Literal('v3'),
  },
  { additionalProperties: true },
)
export type FormulaireQfV3 = Static<typeof FormulaireQfV3>

/** A person in the v2 projection (camelCase, birth date split in strings: "2020", "00", "00"). */
export const FormulaireQfV2Person = Type.Object(
  {
    nomNaissance: Type.String(),
    nomUsuel: Type.Union([Type.String(), Type.Null()]),
    prenoms: Type.String(),
    anneeDateDeNaissance: Type.String({ pattern: '^\\d{4}$' }),
    moisDateDeNaissance: Type.String({ pattern: '^\\d{2}$', description: '"00" quand inconnu.' }),
    jourDateDeNaissance: Type.String({ pattern: '^\\d{2}$', description: '"00" quand inconnu.' }),
    sexe: Type.Union([Type.Literal('M'), Type.Literal('F')]),
  },
  { additionalProperties: false },
)
export type FormulaireQfV2Person = Static<typeof FormulaireQfV2Person>

/** `quotient_familial`: the same data in API Particulier v2's shape, as the national form projects it. */
export const FormulaireQfV2 = Type.Object(
  {
    regime: Type.Union([Type.Literal('CNAF'), Type.Literal('MSA')]),
    allocataires: Type.Array(FormulaireQfV2Person),
    enfants: Type.Array(FormulaireQfV2Person),
    quotientFamilial: Type.Integer(),
    annee: Type.Integer(),
    mois: Type.Integer({ minimum: 1, maximum: 12 }),
    version: Type.Literal('v2'),
  },
  { additionalProperties: false },
)
export type FormulaireQfV2 = Static<typeof FormulaireQfV2>

/** The whole `FormulaireQF.json` attachment. */
export const FormulaireQfDocument = Type.Object(
  {
    external_id: Type.Union([Type.String(), Type.Null()], {
      description: 'Identifiant de l’usager chez l’éditeur (`external_id` du lien), ou null.',
    }),
    pivot_identity: FormulaireQfPivotIdentity,
    quotient_familial_v3: FormulaireQfV3,
    quotient_familial: FormulaireQfV2,
  },
  {
    $id: 'FormulaireQfDocument',
    additionalProperties: true,
    description: 'Contenu de la pièce `FormulaireQF.json` déposée dans HubEE pour chaque envoi.',
    examples: [
      {
        external_id: 'famille-1234',
        pivot_identity: {
          family_name: 'DUBOIS',
          given_name: 'Angela Claire Louise',
          gender: 'female',
          birthdate: '1962-08-24',
          birthplace: '75107',
          birthcountry: '99100',
        },
        quotient_familial_v3: {
          allocataires: [
            {
              nom_naissance: 'DUBOIS',
              nom_usage: null,
              prenoms: 'ANGELA CLAIRE LOUISE',
              date_naissance: '1962-08-24',
              sexe: 'F',
            },
          ],
          enfants: [
            {
              nom_naissance: 'DUBOIS',
              nom_usage: null,
              prenoms: 'JEAN',
              date_naissance: '2016-00-00',
              sexe: 'M',
            },
          ],
          quotient_familial: {
            fournisseur: 'CNAF',
            valeur: 2550,
            annee: 2024,
            mois: 2,
            annee_calcul: 2024,
            mois_calcul: 12,
          },
          version: 'v3',
        },
        quotient_familial: {
          regime: 'CNAF',
          allocataires: [
            {
              nomNaissance: 'DUBOIS',
              nomUsuel: null,
              prenoms: 'ANGELA CLAIRE LOUISE',
              anneeDateDeNaissance: '1962',
              moisDateDeNaissance: '08',
              jourDateDeNaissance: '24',
              sexe: 'F',
            },
          ],
          enfants: [
            {
              nomNaissance: 'DUBOIS',
              nomUsuel: null,
              prenoms: 'JEAN',
              anneeDateDeNaissance: '2016',
              moisDateDeNaissance: '00',
              jourDateDeNaissance: '00',
              sexe: 'M',
            },
          ],
          quotientFamilial: 2550,
          annee: 2024,
          mois: 2,
          version: 'v2',
        },
      },
    ],
  },
)
export type FormulaireQfDocument = Static<typeof FormulaireQfDocument>

/** HubEE facts of the form, shared by the depositor (API) and the receivers (editors' kit). */
export const formulaireQf = {
  /** HubEE process code. */
  processCode: 'FormulaireQF',
  /** The attachments' HubEE `type`. */
  attachmentType: 'FormulaireQF',
  jsonFileName: 'FormulaireQF.json',
  xmlFileName: 'FormulaireQF.xml',
  /** `Formulaire-QF-<reference>`: the folder's externalId (≤ 30 characters). */
  folderExternalId: (reference: string) => `Formulaire-QF-${reference}`,
  /** The one case of a folder. */
  caseExternalId: (reference: string) => `Formulaire-QF-${reference}-01`,
  /** The reference inside a folder or case externalId (`Formulaire-QF-<reference>[-NN]`), or null. */
  referenceOf: (externalId: string): string | null =>
    /^Formulaire-QF-([A-Za-z0-9]{1,16})(?:-\d{2})?$/.exec(externalId)?.[1] ?? null,
} as const

/**
 * The webhook the service posts to an editor (or a collectivity) when a dossier is completed in HubEE:
 * ids only, **no personal data**. Signed with `X-QF-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">` (several `v1` during a secret rotation).
 */
export const formulaireQfWebhook = {
  signatureHeader: 'X-QF-Signature',
  /** The receiver refuses a signature older (or further in the future) than this. */
  defaultToleranceSeconds: 300,
} as const

export const FormulaireQfWebhookEvent = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Identifiant unique de l’événement (déduplication).' }),
    type: Type.Literal('dossier.completed', {
      description: 'Un dossier est complet dans HubEE : le logiciel de la collectivité peut le récupérer.',
    }),
    reference: Type.String({
      minLength: 1,
      maxLength: 16,
      description: 'Référence de l’envoi (13 caractères).',
    }),
    collectivity_siret: Type.String({
      pattern: '^\\d{14}$',
      description: 'SIRET de la collectivité destinataire.',
    }),
    hubee_folder_id: Type.String({ format: 'uuid', description: 'Identifiant HubEE du télédossier.' }),
    hubee_case_id: Type.String({
      format: 'uuid',
      description: 'Identifiant HubEE du case (celui des notifications).',
    }),
    external_id: Type.Union([Type.String(), Type.Null()], {
      description: 'Identifiant de l’usager chez l’éditeur, s’il figurait dans le lien ; sinon null.',
    }),
    occurred_at: Type.String({ format: 'date-time', description: 'Date de l’événement (ISO 8601, UTC).' }),
  },
  {
    $id: 'FormulaireQfWebhookEvent',
    additionalProperties: true,
    description: 'Corps JSON du webhook « nouveau dossier » (aucune donnée personnelle).',
    examples: [
      {
        id: '0b8f0c4e-6a4f-4d8e-9a51-3f2f1c7d9e10',
        type: 'dossier.completed',
        reference: '7KQ4MXD9HTCW3',
        collectivity_siret: '21040107100019',
        hubee_folder_id: 'a66abb0c-52d1-4e50-9195-22526fb7ce92',
        hubee_case_id: '94b1b09d-b47f-4480-9b48-93b8b36108f2',
        external_id: 'famille-1234',
        occurred_at: '2026-11-26T15:02:13.000Z',
      },
    ],
  },
)
export type FormulaireQfWebhookEvent = Static<typeof FormulaireQfWebhookEvent>

/** The schemas of this module that OpenAPI shares by reference (`$id`): the deposit's format and the
 * webhook's body. Their parts carry no `$id` (inlined; a person appears twice in the v3 data). */
export const formulaireQfSchemas = [FormulaireQfDocument, FormulaireQfWebhookEvent]
