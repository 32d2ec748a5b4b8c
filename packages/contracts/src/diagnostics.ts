import { Type, type Static } from '@sinclair/typebox'
import { Siret } from './collectivity.js'

/*
 * The health check of a collectivity (and of every collectivity of an editor): whatever stops a
 * dossier from arriving or a QF refresh from working, and the automatic repair
 * (`/api/v1/admin/…/health`, `…/repair`, the ops CLI). No personal data: SIRETs, states, dates.
 */

/** Every problem the health check can name (one check each; see the API's `diagnostics` module). */
export const healthProblemCodes = [
  'hubee_unreachable',
  'hubee_subscription_missing',
  'hubee_subscription_inactive',
  'hubee_access_mode_mismatch',
  'no_editor',
  'api_particulier_token_missing',
  'api_particulier_token_expired',
  'api_particulier_token_expiring',
  'api_particulier_token_mark_stale',
  'webhook_failing',
  'not_offered',
] as const

export const HealthProblemCode = Type.Union(
  healthProblemCodes.map((code) => Type.Literal(code)),
  {
    $id: 'HealthProblemCode',
    description:
      '`hubee_unreachable` : le référentiel HubEE n’a pas pu être lu ; `hubee_subscription_missing` : aucun ' +
      'abonnement FormulaireQF ; `hubee_subscription_inactive` : abonnement non actif (p. ex. en attente ' +
      'd’activation par HubEE) ; `hubee_access_mode_mismatch` : mode d’accès (API avec un éditeur, PORTAIL ' +
      'sans) ou délégation à un autre éditeur ; `no_editor` : aucun éditeur ; `api_particulier_token_missing`, ' +
      '`…_expired`, `…_expiring` (moins de 90 jours) : le jeton API Particulier ; ' +
      '`api_particulier_token_mark_stale` : la marque « à renouveler » ne correspond pas à la date du jeton ; ' +
      '`webhook_failing` : les derniers envois du webhook échouent ou ont été abandonnés ; `not_offered` : la ' +
      'collectivité n’est pas proposée aux familles (état du cycle de vie autre que `active`).',
  },
)
export type HealthProblemCode = Static<typeof HealthProblemCode>

export const HealthSeverity = Type.Union([Type.Literal('blocking'), Type.Literal('warning')], {
  $id: 'HealthSeverity',
  description:
    '`blocking` : un dossier n’arrive pas ou le QF ne peut être rafraîchi ; `warning` : à traiter, sans ' +
    'bloquer (encore).',
})
export type HealthSeverity = Static<typeof HealthSeverity>

export const HealthProblem = Type.Object(
  {
    code: Type.Ref(HealthProblemCode),
    severity: Type.Ref(HealthSeverity),
    message: Type.String({ description: 'Le problème et ce qu’il faut faire, en français.' }),
    repairable: Type.Boolean({
      description: '`true` : `POST …/repair` le corrige (ou le demande à HubEE) sans intervention humaine.',
    }),
  },
  { $id: 'HealthProblem', additionalProperties: false },
)
export type HealthProblem = Static<typeof HealthProblem>

export const CollectivityHealth = Type.Object(
  {
    siret: Siret,
    name: Type.String(),
    healthy: Type.Boolean({
      description: '`true` : aucun problème bloquant (des avertissements possibles).',
    }),
    problems: Type.Array(Type.Ref(HealthProblem)),
  },
  {
    $id: 'CollectivityHealth',
    additionalProperties: false,
    examples: [
      {
        siret: '21010004600015',
        name: 'Ambérieu-en-Bugey',
        healthy: false,
        problems: [
          {
            code: 'hubee_subscription_inactive',
            severity: 'blocking',
            message:
              'L’abonnement FormulaireQF de HubEE est « Inactif » : en attente d’activation par HubEE. Les dossiers ' +
              'ne peuvent pas être déposés tant qu’il n’est pas actif.',
            repairable: true,
          },
        ],
      },
    ],
  },
)
export type CollectivityHealth = Static<typeof CollectivityHealth>

export const EditorHealth = Type.Object(
  {
    editorSiret: Siret,
    healthy: Type.Boolean({ description: '`true` : aucune de ses collectivités n’a de problème bloquant.' }),
    collectivities: Type.Array(Type.Ref(CollectivityHealth)),
  },
  { $id: 'EditorHealth', additionalProperties: false },
)
export type EditorHealth = Static<typeof EditorHealth>

export const RepairAction = Type.Object(
  {
    code: Type.Ref(HealthProblemCode),
    outcome: Type.Union([Type.Literal('repaired'), Type.Literal('pending'), Type.Literal('failed')], {
      description:
        '`repaired` : corrigé ; `pending` : demandé, attend une action d’un tiers (HubEE) ; `failed` : ' +
        'la réparation a échoué (le message dit pourquoi).',
    }),
    message: Type.String({ description: 'Ce qui a été fait, en français.' }),
  },
  { $id: 'RepairAction', additionalProperties: false },
)
export type RepairAction = Static<typeof RepairAction>

export const CollectivityRepair = Type.Object(
  {
    siret: Siret,
    actions: Type.Array(Type.Ref(RepairAction), { description: 'Les réparations tentées.' }),
    health: Type.Ref(CollectivityHealth, {
      description: 'Le bilan relu après les réparations : ce qui reste à faire (à la main).',
    }),
  },
  { $id: 'CollectivityRepair', additionalProperties: false },
)
export type CollectivityRepair = Static<typeof CollectivityRepair>

/** The schemas of this module that OpenAPI shares by reference (`$id`). */
export const diagnosticsSchemas = [
  HealthProblemCode,
  HealthSeverity,
  HealthProblem,
  CollectivityHealth,
  EditorHealth,
  RepairAction,
  CollectivityRepair,
]
