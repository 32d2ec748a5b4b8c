/**
 * @qf/editor-kit — the editors' side of the Formulaire QF: receive the dossiers from HubEE (`pull`),
 * match them to users (`reconcile`), refresh the QF from the stored identity (`QfRefresher`), and
 * verify the signed "new dossier" webhook (`verifyWebhook`, `startWebhookServer`).
 */
export type {
  FormulaireQfDocument,
  FormulaireQfPivotIdentity,
  FormulaireQfV2,
  FormulaireQfV2Person,
  FormulaireQfV3,
  FormulaireQfV3Person,
  FormulaireQfWebhookEvent,
} from '@qf/contracts'
export {
  FormulaireQfDocument as FormulaireQfDocumentSchema,
  formulaireQf,
  formulaireQfWebhook,
} from '@qf/contracts'

export {
  ConfigError,
  KitConfig,
  loadConfig,
  parseConfig,
  sandboxConfigPath,
  SubscriptionConfig,
} from './config.js'
export { exitCodes } from './exit-codes.js'
export { UnreachableError } from './http.js'
export {
  HubeeApiError,
  HubeeSiClient,
  type HubeeEndpoints,
  type HubeeSiClientOptions,
  type HubeeSiCredentials,
  type PartnerHeaders,
} from './hubee/client.js'
export type {
  HubeeAttachment,
  HubeeCase,
  HubeeEvent,
  HubeeNotification,
  SiCaseStatus,
} from './hubee/types.js'
export { type DocumentCheck, parseFormulaireQfDocument } from './pull/document.js'
export {
  type DossierFile,
  type DossierHandler,
  type DossierOutcome,
  normalizeDossier,
  type NormalizedDossier,
  type NormalizedPerson,
  type ReceivedDossier,
} from './pull/dossier.js'
export { inboxHandler, readInboxDossier } from './pull/inbox.js'
export {
  pull,
  type PullOptions,
  type PullProgress,
  type PullReport,
  type PullStep,
  type PulledDossier,
} from './pull/pull.js'
export { type CaseProgress, lockSubscription, PullLockedError, PullState } from './pull/state.js'
export { compact, givenNameTokens, normalizeName, parseBirthDate } from './reconcile/normalize.js'
export {
  type EditorUser,
  type MatchCandidate,
  reconcile,
  type ReconcileOptions,
  type ReconcileResult,
  type UserSource,
} from './reconcile/reconcile.js'
export {
  birthDateError,
  loadUsers,
  parseUsers,
  parseUsersFile,
  requiredUserColumns,
  userColumns,
  type UsersFile,
  UsersFileError,
} from './reconcile/users.js'
export {
  type CsvEncoding,
  csvEncodings,
  CsvError,
  type CsvRecord,
  type CsvTable,
  decodeCsv,
  fieldCountError,
  parseCsvRecords,
  parseCsvTable,
} from './csv.js'
export {
  civilityQuery,
  invalidTokenProcedure,
  QfRefresher,
  type QfRefresherOptions,
  type RefreshedQf,
  type RefreshFailure,
  type RefreshRequest,
  type RefreshResult,
  tokenRenewalProcedure,
} from './refresh/refresh.js'
export { type Clock, TokenBucket } from './refresh/token-bucket.js'
export { hubeeClientFor, kitVersion, pullSubscription } from './runner.js'
export {
  formulaireQfJsonSchema,
  formulaireQfXsd,
  schemaFiles,
  schemaVersions,
  webhookEventJsonSchema,
} from './schema.js'
export {
  signatureHeaderName,
  signWebhook,
  type VerifyOptions,
  type VerifyResult,
  verifyWebhook,
} from './webhook/signature.js'
export { startWebhookServer, type WebhookServer, type WebhookServerOptions } from './webhook/server.js'
