import { Type, type Static } from '@sinclair/typebox'

/** The pattern of a SIRET (also checked by the database on `collectivities.siret`). */
export const siretPattern = '^\\d{14}$'

/** A SIRET: the 14-digit identifier of an establishment (here, a collectivity). */
export const Siret = Type.String({
  pattern: siretPattern,
  description: 'SIRET de l’établissement : 14 chiffres.',
  examples: ['21040107100019'],
})
export type Siret = Static<typeof Siret>

/** The pattern of an INSEE COG code (also checked by the database on `collectivities.cog_code`). */
export const cogCodePattern = '^(\\d{2}|2A|2B)\\d{3}$'

/** The INSEE COG code of a commune: 5 characters, Corsica's départements as `2A`/`2B`. */
export const CogCode = Type.String({
  pattern: cogCodePattern,
  description: 'Code officiel géographique (INSEE) de la commune.',
  examples: ['04107'],
})
export type CogCode = Static<typeof CogCode>

/** A département code, derived from a COG code (`04`, `2A`, `974`). */
export const DepartementCode = Type.String({
  pattern: '^(\\d{2}|2A|2B|97\\d)$',
  description: 'Code du département, déduit du code COG (`2A`, `2B`, `971` à `976` compris).',
  examples: ['04'],
})

/** A French postal code: 5 digits. */
export const PostalCode = Type.String({ pattern: '^\\d{5}$', examples: ['04270'] })

/**
 * A collectivity a family can send its quotient familial to, as the public sees it:
 * no token reference, no allowed origins, no internal field.
 */
export const Collectivity = Type.Object(
  {
    siret: Siret,
    name: Type.String({ minLength: 1, description: 'Nom de la collectivité.' }),
    cogCode: CogCode,
    departement: DepartementCode,
    postalCodes: Type.Array(PostalCode, {
      description: 'Codes postaux desservis.',
    }),
  },
  {
    $id: 'Collectivity',
    additionalProperties: false,
    description: 'Une collectivité active qui reçoit le quotient familial des familles.',
    examples: [
      {
        siret: '21040107100019',
        name: 'Majastres',
        cogCode: '04107',
        departement: '04',
        postalCodes: ['04270'],
      },
    ],
  },
)
export type Collectivity = Static<typeof Collectivity>

/** The answer of a collectivity search: active collectivities, sorted by name, bounded. */
export const CollectivityList = Type.Object(
  { items: Type.Array(Type.Ref(Collectivity)) },
  {
    $id: 'CollectivityList',
    additionalProperties: false,
    description: 'Collectivités actives correspondant à la recherche, triées par nom.',
    examples: [
      {
        items: [
          {
            siret: '21200004600012',
            name: 'Ajaccio',
            cogCode: '2A004',
            departement: '2A',
            postalCodes: ['20000', '20090'],
          },
        ],
      },
    ],
  },
)
export type CollectivityList = Static<typeof CollectivityList>

/**
 * A collectivity's lifecycle (issue 16, ADR 0024): the one schema every other form derives from.
 * Offered to citizens (listed, landing page, journey) ⇔ `active`.
 */
export const CollectivityLifecycle = Type.Union(
  [
    Type.Literal('draft'),
    Type.Literal('awaiting_hubee'),
    Type.Literal('active'),
    Type.Literal('suspended'),
    Type.Literal('closed'),
  ],
  {
    $id: 'CollectivityLifecycle',
    description:
      '`draft` : connue, sans habilitation (ou embarquement en cours) ; `awaiting_hubee` : habilitée, ' +
      'abonnement HubEE `FormulaireQF` pas encore lu `Actif` (activation manuelle par HubEE) ; `active` : ' +
      'proposée aux familles ; `suspended` : retirée (décision des exploitants, habilitation révoquée, ' +
      'abonnement HubEE plus actif), peut revenir ; `closed` : archivée, définitivement.',
  },
)
export type CollectivityLifecycle = Static<typeof CollectivityLifecycle>
/** Every lifecycle state, in the schema's order. */
export const collectivityLifecycles: readonly CollectivityLifecycle[] = CollectivityLifecycle.anyOf.map(
  (s) => s.const,
)

/** The schemas of this module that OpenAPI shares by reference (`$id`). */
export const collectivitySchemas = [Collectivity, CollectivityList, CollectivityLifecycle]
