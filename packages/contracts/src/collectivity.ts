import { Type, type Static } from '@sinclair/typebox'

/** A SIRET: the 14-digit identifier of an establishment (here, a collectivity). */
export const Siret = Type.String({
  pattern: '^\\d{14}$',
  description: 'SIRET de l’établissement : 14 chiffres.',
  examples: ['21040107100019'],
})
export type Siret = Static<typeof Siret>

/**
 * A collectivity a family can send its quotient familial to, as the public sees it:
 * no token reference, no allowed origins, no internal field.
 */
export const Collectivity = Type.Object(
  {
    siret: Siret,
    name: Type.String({ minLength: 1, description: 'Nom de la collectivité.' }),
    cogCode: Type.String({
      pattern: '^(\\d{2}|2A|2B)\\d{3}$',
      description: 'Code officiel géographique (INSEE) de la commune.',
    }),
    departement: Type.String({
      pattern: '^(\\d{2}|2A|2B|97\\d)$',
      description: 'Code du département, déduit du code COG (`2A`, `2B`, `971` à `976` compris).',
    }),
    postalCodes: Type.Array(Type.String({ pattern: '^\\d{5}$' }), {
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
