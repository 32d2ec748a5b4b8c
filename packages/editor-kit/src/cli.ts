#!/usr/bin/env node
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { FormulaireQfPivotIdentity } from '@qf/contracts'
import { ConfigError, hubeeClientIdOf, type KitConfig, loadConfig } from './config.js'
import { HubeeApiError } from './hubee/client.js'
import { UnreachableError } from './http.js'
import { parseFormulaireQfDocument } from './pull/document.js'
import { dossierFileName } from './pull/inbox.js'
import { PullLockedError } from './pull/state.js'
import type { NormalizedDossier } from './pull/dossier.js'
import { reconcile } from './reconcile/reconcile.js'
import { loadUsers } from './reconcile/users.js'
import { type CsvEncoding, csvEncodings } from './csv.js'
import { QfRefresher } from './refresh/refresh.js'
import { kitVersion, pullSubscription } from './runner.js'
import { startWebhookServer } from './webhook/server.js'
import { formulaireQfJsonSchema, formulaireQfXsd, webhookEventJsonSchema } from './schema.js'
import { exitCodes } from './exit-codes.js'

class UsageError extends Error {}

const out = (line = '') => process.stdout.write(`${line}\n`)
const err = (line = '') => process.stderr.write(`${line}\n`)

const commonOptions = {
  config: { type: 'string', short: 'c' },
  sandbox: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

const commonHelp = `Options communes :
  -c, --config <fichier>   configuration JSON (défaut : $QF_CONFIG, sinon ./qf-editeur.json s'il existe)
      --sandbox            part de la configuration d'exemple du bac à sable (http://localhost:4000)
      --json               sortie JSON (une ligne par résultat)
  -h, --help               cette aide

Codes de sortie : 0 tout va bien ; 1 certains dossiers/identités en échec ; 2 usage ou configuration ;
3 HubEE ou API Particulier injoignable ou en panne ; 4 identifiants refusés (HubEE, jeton API Particulier).`

const help: Record<string, string> = {
  main: `qf-editeur ${kitVersion} — kit éditeurs du Formulaire QF

Usage : qf-editeur <commande> [options]

Commandes :
  pull        reçoit les nouveaux dossiers HubEE de chaque abonnement (SI) et les dépose dans la boîte
  reconcile   rapproche des dossiers reçus de vos usagers (external_id, sinon identité)
  refresh     rafraîchit le QF depuis l'identité pivot stockée (API Particulier, jeton de la collectivité
              ou jeton éditeur + délégation)
  delegations liste les délégations du jeton éditeur API Particulier (delegation_id → collectivité)
  serve       serveur HTTP qui reçoit le webhook signé « nouveau dossier » et lance un pull
  schema      affiche le JSON Schema de FormulaireQF.json (--webhook : du webhook ; --xsd : XSD du XML)

« qf-editeur <commande> --help » détaille chaque commande.

${commonHelp}`,
  pull: `Usage : qf-editeur pull [--siret <SIRET>] [options]

Lit toutes les notifications HubEE du processus FormulaireQF de chaque abonnement configuré, télécharge
les pièces (taille et empreinte SHA-256 vérifiées), valide FormulaireQF.json, écrit chaque dossier dans
<inboxDir>/<référence>/ (les trois fichiers et dossier.json), passe le case SI_RECEIVED puis DONE
(SI_INTG_ERROR si une pièce est corrompue ou le JSON non conforme), publie les événements STATUS_UPDATE
et supprime les notifications traitées. Reprend là où un arrêt l'a laissé (état dans <stateDir>).

      --siret <SIRET>      un seul abonnement
      --inbox <dossier>    boîte de réception (défaut : inboxDir de la configuration)
      --state-dir <dossier> état local (défaut : stateDir de la configuration)

${commonHelp}`,
  reconcile: `Usage : qf-editeur reconcile --users <usagers.csv|usagers.json> <dossier>...

<dossier> : un dossier.json ou un FormulaireQF.json, un dossier de la boîte (<inbox>/<référence>) ou la
boîte entière. Par external_id d'abord, sinon par l'identité (noms normalisés, nom d'usage, prénoms
multiples, dates partielles, sexe, lieu de naissance) avec un score et sa raison ; deux usagers de scores
proches sont signalés « ambigu », jamais fusionnés. Un external_id qui désigne un usager dont l'identité
contredit celle du dossier donne « IDENTITÉ DIFFÉRENTE du compte <id> » (statut identity_mismatch en
--json) : ne pas enregistrer ce QF sur ce compte sans vérification. Colonnes : id, nom_naissance,
nom_usage, prenoms, date_naissance, sexe, commune_naissance, pays_naissance.

      --users <fichier>    vos usagers (CSV avec en-tête, séparateur ; ou , ; ou tableau JSON)
      --encoding <enc>     encodage du CSV : utf-8 ou windows-1252 (défaut : détecté)

Colonnes obligatoires : id, nom_naissance, prenoms, date_naissance (AAAA-MM-JJ ou JJ/MM/AAAA). Un
fichier sans elles, illisible ou avec une date impossible est refusé (code 2), ligne et colonne nommées.

Code 1 si un dossier reste non rapproché, ambigu ou d'identité différente de son compte.

${commonHelp}`,
  refresh: `Usage : qf-editeur refresh [--siret <SIRET>] <fichier>...

<fichier> : un dossier.json de la boîte, un dossier de la boîte, ou un JSON [{"id","siret","pivot_identity"}].
Appelle GET /v3/dss/quotient_familial/identite avec le jeton API Particulier de la collectivité
(recipient = son SIRET), 20 requêtes/s au plus par jeton, en respectant Retry-After. N'écrit jamais
d'identité : la sortie donne l'id (ou la référence) et le QF. Jeton expiré (00103) : code 4 et la
procédure de renouvellement (DataPass). Un QF d'une période plus ancienne que celui du dossier (ou du
"quotient_familial": {"annee","mois"} de l'identité) ne le remplace jamais : « PLUS ANCIEN », code 1.
Sans jeton de la collectivité : le jeton éditeur (apiParticulier.editorToken) avec la délégation de
l'abonnement (apiParticulierDelegationId, envoyée en delegation_id). Plusieurs délégations sans
identifiant (00212) : code 2 ; pas de délégation de cette collectivité (00213) : code 4 ; avec la marche
à suivre.

      --siret <SIRET>      collectivité (sinon celle du dossier)
      --annee <AAAA> --mois <MM>   QF d'un mois donné (année en cours, N-1 ou N-2 ;
                           sans --annee : le QF du mois en cours)

${commonHelp}`,
  delegations: `Usage : qf-editeur delegations [options]

Liste les délégations du jeton éditeur API Particulier (apiParticulier.editorToken ou
$QF_API_PARTICULIER_EDITOR_TOKEN) : une ligne « <delegation_id>  <SIRET>  <collectivité> » par délégation,
à reporter en apiParticulierDelegationId dans l'abonnement de la collectivité.

${commonHelp}`,
  serve: `Usage : qf-editeur serve [--port <port>] [--host <hôte>]

Écoute POST <webhook.path> (défaut /webhooks/formulaire-qf), vérifie l'en-tête X-QF-Signature
(t=<temps unix>,v1=<HMAC-SHA256 hex de "<t>.<corps brut>">) avec webhook.secrets et les webhookSecrets de
l'abonnement, refuse les horodatages hors tolérance (rejeu) et les corps modifiés, ignore un id d'événement
déjà reçu, répond 202 puis lance un pull de l'abonnement. Un événement bien signé d'un type inconnu, ou
pour une collectivité absente de la configuration, est acquitté (202) et journalisé, sans pull.
GET /health répond 200.

      --port <port>        défaut : webhook.port (8787)
      --host <hôte>        défaut : webhook.host (127.0.0.1)

${commonHelp}`,
  schema: `Usage : qf-editeur schema [--webhook | --xsd]

Affiche le JSON Schema (draft-07) de FormulaireQF.json, celui du corps du webhook (--webhook), ou le
XSD de FormulaireQF.xml (--xsd). Versions et historique : CHANGELOG.md du paquet.

${commonHelp}`,
}

function loud(error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigError) {
    err(`Erreur : ${error.message}`)
    return exitCodes.usage
  }
  if (error instanceof UnreachableError) {
    err(`Erreur : ${error.message}`)
    return exitCodes.unreachable
  }
  if (error instanceof HubeeApiError) {
    err(`Erreur : ${error.message}`)
    if (error.credentialsRefused) {
      err(
        'Identifiants HubEE refusés : vérifiez hubeeClientId / hubeeClientSecret et que l’abonnement FormulaireQF est actif.',
      )
      return exitCodes.credentials
    }
    return error.unavailable ? exitCodes.unreachable : exitCodes.someFailed
  }
  err(`Erreur : ${error instanceof Error ? error.message : String(error)}`)
  return exitCodes.someFailed
}

async function configFrom(values: { config?: string; sandbox?: boolean }): Promise<KitConfig> {
  return loadConfig({ file: values.config, sandbox: values.sandbox })
}

async function cmdPull(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...commonOptions,
      siret: { type: 'string' },
      inbox: { type: 'string' },
      'state-dir': { type: 'string' },
    },
    strict: true,
  })
  if (values.help) return (out(help.pull), exitCodes.ok)
  let config = await configFrom(values)
  if (values.inbox) config = { ...config, inboxDir: values.inbox }
  if (values['state-dir']) config = { ...config, stateDir: values['state-dir'] }
  const subscriptions = config.subscriptions.filter((s) => !values.siret || s.siret === values.siret)
  if (subscriptions.length === 0)
    throw new UsageError(
      values.siret
        ? `aucun abonnement pour le SIRET ${values.siret}`
        : 'aucun abonnement configuré (subscriptions)',
    )
  let code: number = exitCodes.ok
  for (const s of subscriptions) {
    const id = hubeeClientIdOf(s)
    try {
      const report = await pullSubscription(config, s)
      if (values.json) out(JSON.stringify(report))
      else {
        for (const d of report.dossiers)
          out(
            `${id}  dossier ${d.reference ?? '?'}  case ${d.caseId}  → ${d.outcome}${d.reason ? ` (${d.reason})` : ''}${d.how === 'resumed' ? '  [repris]' : ''}`,
          )
        for (const e of report.events)
          out(
            `${id}  événement ${e.actionType ?? '?'}${e.caseNewStatus ? ` ${e.caseNewStatus}` : ''}  case ${e.caseId}  acquitté`,
          )
        for (const f of report.failed)
          out(
            `${id}  ÉCHEC case ${f.caseId}${f.reference ? ` (${f.reference})` : ''} : ${f.error} — repris au prochain pull`,
          )
        out(
          `${id}  ${report.dossiers.length} dossier(s), ${report.events.length} événement(s), ${report.failed.length} échec(s), ${report.duplicates} doublon(s) ; boîte : ${config.inboxDir}`,
        )
      }
      if (report.failed.length > 0 || report.dossiers.some((d) => d.outcome === 'SI_INTG_ERROR'))
        code = Math.max(code, exitCodes.someFailed)
    } catch (error) {
      if (error instanceof PullLockedError) {
        // The running pull (cron or serve) takes these dossiers: nothing is wrong.
        out(`${id}  ${error.message} : ignoré`)
        continue
      }
      err(`${id} :`)
      code = Math.max(code, loud(error))
    }
  }
  return code
}

async function dossierFiles(paths: string[]): Promise<string[]> {
  const files: string[] = []
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined)
    if (!info) throw new UsageError(`introuvable : ${p}`)
    if (info.isFile()) files.push(p)
    else {
      const direct = join(p, dossierFileName)
      if (await stat(direct).catch(() => undefined)) files.push(direct)
      else
        for (const entry of (await readdir(p, { withFileTypes: true })).sort((a, b) =>
          a.name.localeCompare(b.name),
        ))
          if (entry.isDirectory() && !entry.name.startsWith('.')) {
            const f = join(p, entry.name, dossierFileName)
            if (await stat(f).catch(() => undefined)) files.push(f)
          }
    }
  }
  return files
}

async function readDossier(
  path: string,
): Promise<NormalizedDossier | { document: ReturnType<typeof parseFormulaireQfDocument> }> {
  const text = await readFile(path, 'utf8')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new UsageError(`${path} : JSON invalide`)
  }
  if ((value as { format?: unknown } | null)?.format === 'qf-editeur/dossier@1')
    return value as NormalizedDossier
  return { document: parseFormulaireQfDocument(text) }
}

async function cmdReconcile(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...commonOptions, users: { type: 'string', short: 'u' }, encoding: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) return (out(help.reconcile), exitCodes.ok)
  if (!values.users) throw new UsageError('--users <fichier> est obligatoire')
  if (positionals.length === 0) throw new UsageError('au moins un dossier est attendu')
  const encoding = values.encoding ?? 'auto'
  if (encoding !== 'auto' && !(csvEncodings as readonly string[]).includes(encoding))
    throw new UsageError(`--encoding : ${csvEncodings.join(' ou ')} (défaut : détecté)`)
  const file = await loadUsers(values.users, { encoding: encoding as CsvEncoding | 'auto' }).catch(
    (e: unknown) => {
      const reason =
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? `fichier introuvable : ${values.users}`
          : e instanceof Error
            ? e.message
            : String(e)
      throw new UsageError(`usagers refusés : ${reason}`)
    },
  )
  const users = file.users
  if (file.encoding === 'windows-1252') err(`Usagers : encodage Windows-1252 (${values.users})`)
  if (file.ignoredColumns.length > 0)
    err(
      `Usagers : colonnes ignorées (non utilisées pour le rapprochement) : ${file.ignoredColumns.join(', ')}`,
    )
  let code: number = exitCodes.ok
  for (const file of await dossierFiles(positionals)) {
    const read = await readDossier(file)
    let label = file
    let result
    if ('format' in read) {
      label = read.reference
      result = await reconcile(read, users)
    } else if (read.document.ok) result = await reconcile(read.document.document, users)
    else {
      err(`${file} : non conforme (${read.document.errors.join(' ; ')})`)
      code = Math.max(code, exitCodes.someFailed)
      continue
    }
    if (values.json) out(JSON.stringify({ dossier: label, ...result }))
    else if (result.status === 'matched')
      out(`${label}  → usager ${result.userId}  score ${result.score}  (${result.reason})`)
    else {
      const verdict =
        result.status === 'identity_mismatch'
          ? `IDENTITÉ DIFFÉRENTE du compte ${result.userId}`
          : result.status === 'ambiguous'
            ? 'AMBIGU'
            : 'NON RAPPROCHÉ'
      out(`${label}  ${verdict} : ${result.reason}`)
      for (const c of result.candidates.slice(0, 5))
        out(`    candidat ${c.userId}  score ${c.score}  (${c.reasons.join(', ')})`)
    }
    if (result.status !== 'matched') code = Math.max(code, exitCodes.someFailed)
  }
  return code
}

interface RefreshItem {
  id: string
  siret: string | undefined
  identity: FormulaireQfPivotIdentity
  /** The period of the QF already held (dossier.json's, or an identity's `quotient_familial`). */
  current: { annee: number; mois: number } | undefined
}

const Period = Type.Object({ annee: Type.Integer(), mois: Type.Integer({ minimum: 1, maximum: 12 }) })

async function refreshItems(files: string[], siret: string | undefined): Promise<RefreshItem[]> {
  const items: RefreshItem[] = []
  for (const path of await dossierFiles(files)) {
    let value: unknown
    try {
      value = JSON.parse(await readFile(path, 'utf8'))
    } catch {
      throw new UsageError(`${path} : JSON invalide`)
    }
    const list = Array.isArray(value) ? value : [value]
    for (const [i, v] of list.entries()) {
      const o = (v ?? {}) as Record<string, unknown>
      const pivot = o.pivot_identity
      if (!Value.Check(FormulaireQfPivotIdentity, pivot))
        throw new UsageError(`${path} [${i}] : pivot_identity absente ou non conforme`)
      const normalized = o.format === 'qf-editeur/dossier@1' ? (o as unknown as NormalizedDossier) : undefined
      const held = o.quotient_familial
      if (held !== undefined && held !== null && !Value.Check(Period, held))
        throw new UsageError(
          `${path} [${i}] : quotient_familial attendu sous la forme {"annee": AAAA, "mois": M}`,
        )
      items.push({
        id: String(o.id ?? normalized?.reference ?? `${path}#${i}`),
        siret: siret ?? (typeof o.siret === 'string' ? o.siret : normalized?.collectivite.siret),
        identity: pivot,
        current: held ? { annee: held.annee, mois: held.mois } : undefined,
      })
    }
  }
  return items
}

async function cmdRefresh(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...commonOptions,
      siret: { type: 'string' },
      annee: { type: 'string' },
      mois: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) return (out(help.refresh), exitCodes.ok)
  if (positionals.length === 0) throw new UsageError('au moins un fichier est attendu')
  const config = await configFrom(values)
  const items = await refreshItems(positionals, values.siret)
  const period = {
    ...(values.annee ? { annee: Number(values.annee) } : {}),
    ...(values.mois ? { mois: Number(values.mois) } : {}),
  }
  const refresher = new QfRefresher({
    baseUrl: config.apiParticulier.baseUrl,
    timeoutMs: config.apiParticulier.timeoutMs,
    requestsPerSecond: config.apiParticulier.requestsPerSecond,
  })
  let code: number = exitCodes.ok
  const procedures = new Set<string>()
  try {
    const results = await Promise.all(
      items.map(async (item) => {
        const subscription = config.subscriptions.find((s) => s.siret === item.siret)
        // The collectivity's own token, else the editor's one token with this collectivity's delegation.
        const token = subscription?.apiParticulierToken ?? config.apiParticulier.editorToken
        if (!item.siret || !subscription || !token) return { item, missingToken: true as const }
        const delegationId = subscription.apiParticulierToken
          ? undefined
          : subscription.apiParticulierDelegationId
        const result = await refresher.refresh({
          token,
          ...(delegationId ? { delegationId } : {}),
          siret: item.siret,
          identity: item.identity,
          ...period,
          ...(item.current ? { current: item.current } : {}),
        })
        return { item, result }
      }),
    )
    for (const r of results) {
      if ('missingToken' in r) {
        err(
          `${r.item.id} : pas de jeton API Particulier configuré pour le SIRET ${r.item.siret ?? '(inconnu)'}`,
        )
        code = Math.max(code, exitCodes.usage)
        continue
      }
      const { item, result } = r
      if (values.json) out(JSON.stringify({ id: item.id, siret: item.siret, ...result }))
      else if (result.ok) {
        const qf = result.data.quotient_familial
        out(
          `${item.id}  QF ${qf.valeur} (${qf.fournisseur}, ${String(qf.mois).padStart(2, '0')}/${qf.annee})${result.cached ? '  [cache]' : ''}`,
        )
      } else if (result.failure === 'older_period') out(`${item.id}  PLUS ANCIEN : ${result.detail}`)
      else
        out(
          `${item.id}  ÉCHEC ${result.failure} (${result.status ?? '-'} ${result.code ?? ''}) : ${result.detail}`,
        )
      if (!result.ok) {
        if (result.procedure) procedures.add(result.procedure)
        const c =
          result.failure === 'token_expired' ||
          result.failure === 'token_invalid' ||
          result.failure === 'forbidden' ||
          result.failure === 'not_delegated'
            ? exitCodes.credentials
            : result.failure === 'delegation_ambiguous'
              ? exitCodes.usage
              : result.failure === 'unreachable' ||
                  result.failure === 'provider_unavailable' ||
                  result.failure === 'provider_error'
                ? exitCodes.unreachable
                : exitCodes.someFailed
        code = Math.max(code, c)
      }
    }
  } finally {
    await refresher.close()
  }
  for (const p of procedures) err(`\n${p}`)
  return code
}

async function cmdDelegations(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...commonOptions }, strict: true })
  if (values.help) return (out(help.delegations), exitCodes.ok)
  const config = await configFrom(values)
  const token = config.apiParticulier.editorToken
  if (!token) throw new UsageError('pas de jeton éditeur configuré (apiParticulier.editorToken)')
  const refresher = new QfRefresher({
    baseUrl: config.apiParticulier.baseUrl,
    timeoutMs: config.apiParticulier.timeoutMs,
  })
  try {
    const result = await refresher.delegations(token)
    if (!result.ok) {
      err(`ÉCHEC (${result.status ?? '-'} ${result.code ?? ''}) : ${result.detail}`)
      return result.status === null || result.status >= 500
        ? exitCodes.unreachable
        : result.status === 401 || result.status === 403
          ? exitCodes.credentials
          : exitCodes.someFailed
    }
    for (const d of result.delegations)
      out(values.json ? JSON.stringify(d) : `${d.id}  ${d.siret}  ${d.nom ?? ''}`.trimEnd())
    return exitCodes.ok
  } finally {
    await refresher.close()
  }
}

async function cmdServe(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...commonOptions, port: { type: 'string' }, host: { type: 'string' } },
    strict: true,
  })
  if (values.help) return (out(help.serve), exitCodes.ok)
  let config = await configFrom(values)
  if (values.port) {
    if (!/^\d+$/.test(values.port)) throw new UsageError('--port : un nombre est attendu')
    config = { ...config, webhook: { ...config.webhook, port: Number(values.port) } }
  }
  if (values.host) config = { ...config, webhook: { ...config.webhook, host: values.host } }
  const anySecret =
    config.webhook.secrets.length > 0 || config.subscriptions.some((s) => (s.webhookSecrets ?? []).length > 0)
  if (!anySecret)
    throw new UsageError(
      'aucun secret de webhook configuré (webhook.secrets ou subscriptions[].webhookSecrets)',
    )
  const server = await startWebhookServer({
    config,
    log: (line) => out(line),
    onEvent: async (_event, subscription) => {
      const report = await pullSubscription(config, subscription)
      for (const d of report.dossiers)
        out(`${hubeeClientIdOf(subscription)}  dossier ${d.reference ?? '?'}  → ${d.outcome}`)
      for (const f of report.failed)
        out(`${hubeeClientIdOf(subscription)}  ÉCHEC case ${f.caseId} : ${f.error}`)
    },
  })
  out(`qf-editeur serve : écoute ${server.url}`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await server.close()
  return exitCodes.ok
}

async function cmdSchema(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...commonOptions, webhook: { type: 'boolean' }, xsd: { type: 'boolean' } },
    strict: true,
  })
  if (values.help) return (out(help.schema), exitCodes.ok)
  if (values.xsd) return (process.stdout.write(formulaireQfXsd()), exitCodes.ok)
  out(JSON.stringify(values.webhook ? webhookEventJsonSchema() : formulaireQfJsonSchema(), null, 2))
  return exitCodes.ok
}

const commands: Record<string, (args: string[]) => Promise<number>> = {
  pull: cmdPull,
  reconcile: cmdReconcile,
  refresh: cmdRefresh,
  delegations: cmdDelegations,
  serve: cmdServe,
  schema: cmdSchema,
}

/** Options that take a value (so that `-c x pull` finds the command `pull`, not `x`). */
const valued = new Set([
  '-c',
  '--config',
  '--siret',
  '--inbox',
  '--state-dir',
  '--users',
  '-u',
  '--encoding',
  '--annee',
  '--mois',
  '--port',
  '--host',
])

/** The command wherever it stands among the options (`qf-editeur -c x refresh …` = `qf-editeur refresh -c x …`). */
export function splitCommand(argv: string[]): { name: string | undefined; rest: string[] } {
  const args = argv[0] === '--' ? argv.slice(1) : argv
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '--') break
    if (!a.startsWith('-')) return { name: a, rest: [...args.slice(0, i), ...args.slice(i + 1)] }
    if (valued.has(a)) i++
  }
  const help = args.find((a) => a === '--help' || a === '-h' || a === '--version')
  return { name: help, rest: args.filter((a) => a !== help) }
}

/** node:util parseArgs's English errors, in French. */
function parseArgsMessage(error: NodeJS.ErrnoException): string {
  const token = /'([^']+)'/.exec(error.message)?.[1] ?? ''
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `option inconnue : ${token}`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message)
        ? `l’option ${token.replace(/ <value>$/, '')} attend une valeur`
        : `l’option ${token.replace(/ <value>$/, '')} ne prend pas de valeur`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `argument inattendu : ${token}`
    default:
      return 'arguments invalides'
  }
}

export async function main(argv: string[]): Promise<number> {
  const { name, rest } = splitCommand(argv)
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help.main)
    return name ? exitCodes.ok : exitCodes.usage
  }
  if (name === '--version') return (out(kitVersion), exitCodes.ok)
  const command = commands[name]
  if (!command) {
    err(`Commande inconnue : ${name}\n`)
    err(help.main)
    return exitCodes.usage
  }
  try {
    return await command(rest)
  } catch (error) {
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))
      return loud(new UsageError(`${parseArgsMessage(error)} (voir « qf-editeur ${name} --help »)`))
    return loud(error)
  }
}

// A closed pipe (`qf-editeur reconcile … | head`) ends the run quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? exitCodes.ok)
    throw error
  })

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    err(`Erreur : ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = exitCodes.someFailed
  },
)
