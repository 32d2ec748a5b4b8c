import { badRequest, isRecord, notFound, readJson, sendJson } from './http.js'
import { type OrganizationIdentifier, organizationId } from './identity.js'
import {
  knownProcessCodes,
  type Organization,
  type ReferentialStore,
  type Subscription,
} from './referential-store.js'
import type { Call, Route } from './router.js'
import { checkDateTime, RequestCheck } from './validation.js'

const listQueryParams = new Set([
  'processCode',
  'status',
  'companyRegister',
  'delegationActorEmail',
  'orderBy',
  'offSet',
  'maxResult',
])

function subscriber(check: RequestCheck, value: unknown): OrganizationIdentifier {
  const o = check.object(value, '/subscriber')
  check.required(o, ['branchCode', 'companyRegister', 'type'], '/subscriber')
  const companyRegister = check.string(o, 'companyRegister', 14, '/subscriber') ?? ''
  check.pattern(companyRegister, /[0-9]{14}/, '/subscriber/companyRegister')
  return {
    type: check.string(o, 'type', 20, '/subscriber') ?? '',
    companyRegister,
    branchCode: check.string(o, 'branchCode', 10, '/subscriber') ?? '',
  }
}

const dateFields = [
  'activateDateTime',
  'validateDateTime',
  'rejectDateTime',
  'endDateTime',
  'updateDateTime',
] as const

/** Reads the writable fields of a `Subscription` body (create and update). */
function subscriptionFields(check: RequestCheck, body: Record<string, unknown>) {
  check.required(body, [
    'datapassId',
    'localAdministrator',
    'notificationFrequency',
    'processCode',
    'subscriber',
  ])
  const accessMode = check.string(body, 'accessMode', 7, '', true) ?? null
  if (accessMode !== null && accessMode !== 'PORTAIL' && accessMode !== 'API')
    check.fail(
      'body',
      `Instance value ("${accessMode}") not found in enum (possible values: ["PORTAIL","API"])`,
      '/accessMode',
    )
  const dates = Object.fromEntries(
    dateFields.map((f) => {
      const v = check.string(body, f, 40, '', true)
      checkDateTime(check, v, `/${f}`)
      return [f, v ?? null]
    }),
  ) as Record<(typeof dateFields)[number], string | null>
  const localAdministrator = check.object(body.localAdministrator, '/localAdministrator')
  check.required(localAdministrator, ['email'], '/localAdministrator')
  const delegationActor = body.delegationActor ?? null
  if (delegationActor !== null && !isRecord(delegationActor))
    check.object(delegationActor, '/delegationActor')
  return {
    datapassId: check.integer(body, 'datapassId') ?? 0,
    processCode: check.string(body, 'processCode', 30) ?? '',
    subscriber: subscriber(check, body.subscriber),
    accessMode: accessMode as Subscription['accessMode'],
    notificationFrequency: check.string(body, 'notificationFrequency', 20) ?? '',
    ...dates,
    delegationActor: delegationActor as Record<string, unknown> | null,
    rejectionReason: check.string(body, 'rejectionReason', 1000, '', true) ?? null,
    status: check.string(body, 'status', 20, '', true) ?? null,
    email: check.string(body, 'email', 320, '', true) ?? null,
    localAdministrator,
  }
}

/** The routes of `/referential/v1`: organizations (`SI-<SIRET>-<COG>`) and process subscriptions. */
/**
 * How subscriptions become `Actif`: `manual` (HubEE since July 2026: created `Inactif` whatever the
 * client asks, activated by HubEE's staff — here `POST /__admin/hubee/subscriptions/<SIRET>/activate`),
 * or `automatic` (as before: the status the client sends).
 */
export type SubscriptionActivation = 'manual' | 'automatic'

export function referentialRoutes(
  store: ReferentialStore,
  activation: SubscriptionActivation = 'manual',
): Route[] {
  function subscriptionFor(call: Call): Subscription {
    const s = store.subscriptions.get(call.params.subscriptionId ?? '')
    if (!s) throw notFound('Subscription is not found')
    return s
  }

  function checkSubscriber(s: { processCode: string; subscriber: OrganizationIdentifier }) {
    if (!knownProcessCodes.has(s.processCode)) throw badRequest(`Process ${s.processCode} is not found`)
    if (!store.findOrganization(organizationId(s.subscriber)))
      throw badRequest(`Organization ${organizationId(s.subscriber)} is not found`)
  }

  async function createOrganization(call: Call) {
    const check = new RequestCheck(call.where)
    const body = check.object(await readJson(call.req, call.where))
    check.required(body, [
      'branchCode',
      'companyRegister',
      'email',
      'name',
      'postalCode',
      'status',
      'territory',
      'type',
    ])
    const companyRegister = check.string(body, 'companyRegister', 14) ?? ''
    check.pattern(companyRegister, /^[0-9]{14}$/, '/companyRegister')
    const organization: Organization = {
      type: check.string(body, 'type', 20) ?? '',
      companyRegister,
      branchCode: check.string(body, 'branchCode', 10) ?? '',
      name: check.string(body, 'name', 255) ?? '',
      code: check.string(body, 'code', 50, '', true) ?? null,
      country: check.string(body, 'country', 50, '', true) ?? 'France',
      postalCode: check.string(body, 'postalCode', 10) ?? '',
      territory: check.string(body, 'territory', 255) ?? '',
      email: check.string(body, 'email', 320) ?? '',
      phoneNumber: check.string(body, 'phoneNumber', 20, '', true) ?? null,
      status: check.string(body, 'status', 20) ?? '',
    }
    if (store.findOrganization(organizationId(organization)))
      throw badRequest(`Organization ${organizationId(organization)} already exists`)
    sendJson(call.res, 201, store.addOrganization(organization))
  }

  function getOrganization(call: Call) {
    const organization = store.findOrganization(call.params.organizationId ?? '')
    if (!organization) throw notFound('Organization is not found')
    sendJson(call.res, 200, organization)
  }

  function listOrganizations(call: Call) {
    const filters = (['type', 'companyRegister', 'branchCode'] as const).map(
      (k) => [k, call.query.get(k)] as const,
    )
    const list = [...store.organizations.values()].filter((o) =>
      filters.every(([k, v]) => v === null || o[k] === v),
    )
    sendJson(call.res, 200, list)
  }

  async function createSubscription(call: Call) {
    const check = new RequestCheck(call.where)
    const fields = subscriptionFields(check, check.object(await readJson(call.req, call.where)))
    checkSubscriber(fields)
    if (store.findSubscription(fields.processCode, fields.subscriber))
      throw badRequest(
        `Subscription ${fields.processCode} for organization ${organizationId(fields.subscriber)} already exists`,
      )
    const status = activation === 'manual' ? 'Inactif' : (fields.status ?? 'Inactif')
    const created = store.addSubscription({
      ...fields,
      status,
      activateDateTime: fields.activateDateTime ?? (status === 'Actif' ? store.isoNow() : null),
    })
    sendJson(call.res, 201, created)
  }

  async function updateSubscription(call: Call) {
    const existing = subscriptionFor(call)
    const check = new RequestCheck(call.where)
    const fields = subscriptionFields(check, check.object(await readJson(call.req, call.where)))
    checkSubscriber(fields)
    const clash = store.findSubscription(fields.processCode, fields.subscriber)
    if (clash && clash.id !== existing.id)
      throw badRequest(
        `Subscription ${fields.processCode} for organization ${organizationId(fields.subscriber)} already exists`,
      )
    // Manual activation: a client cannot make an inactive subscription active (HubEE's staff do).
    if (activation === 'manual' && existing.status !== 'Actif' && fields.status === 'Actif')
      fields.status = existing.status
    Object.assign(existing, fields, {
      updateDateTime: fields.updateDateTime ?? store.isoNow(),
      activateDateTime:
        fields.activateDateTime ??
        (fields.status === 'Actif' ? (existing.activateDateTime ?? store.isoNow()) : null),
    })
    sendJson(call.res, 200, existing)
  }

  function listSubscriptions(call: Call) {
    for (const key of call.query.keys())
      if (!listQueryParams.has(key))
        throw badRequest(
          `Bad Request : Validation failed.\n[ERROR][REQUEST][${call.where} @query.${key}] Query parameter '${key}' is unexpected on path "/subscriptions"`,
        )
    const intParam = (name: string) => {
      const raw = call.query.get(name)
      if (raw === null) return undefined
      if (!/^\d+$/.test(raw))
        throw badRequest(
          `Bad Request : Validation failed.\n[ERROR][REQUEST][${call.where} @query.${name}] Instance type (string) does not match any allowed primitive type (allowed: ["integer"])`,
        )
      return Number(raw)
    }
    const offset = intParam('offSet') ?? 0
    const maxResult = intParam('maxResult')
    const processCodes = call.query.getAll('processCode').flatMap((v) => v.split(','))
    const status = call.query.get('status')
    const companyRegister = call.query.get('companyRegister')
    const delegationEmail = call.query.get('delegationActorEmail')
    const matching = [...store.subscriptions.values()].filter(
      (s) =>
        (processCodes.length === 0 || processCodes.includes(s.processCode)) &&
        (status === null || s.status === status) &&
        (companyRegister === null || s.subscriber.companyRegister === companyRegister) &&
        (delegationEmail === null || s.delegationActor?.email === delegationEmail),
    )
    const orderBy = /^(asc|desc)\((\w+)\)$/.exec(call.query.get('orderBy') ?? '')
    if (orderBy) {
      const key = (orderBy[2] ?? '').replace(/_(\w)/g, (_, ch: string) =>
        ch.toUpperCase(),
      ) as keyof Subscription
      const sign = orderBy[1] === 'desc' ? -1 : 1
      matching.sort((a, b) => sign * String(a[key] ?? '').localeCompare(String(b[key] ?? '')))
    }
    const page = matching.slice(offset, maxResult === undefined ? undefined : offset + maxResult)
    sendJson(call.res, 200, page, {
      'content-range': `Susbscriptions ${offset}-${offset + page.length}/${matching.length}`,
    })
  }

  return [
    { method: 'GET', template: '/organizations', scopes: ['ADMIN', 'DATAPASS'], handler: listOrganizations },
    {
      method: 'POST',
      template: '/organizations',
      scopes: ['ADMIN', 'DATAPASS'],
      handler: createOrganization,
    },
    {
      method: 'GET',
      template: '/organizations/{organizationId}',
      scopes: ['ADMIN', 'DATAPASS'],
      uuidParams: [],
      handler: getOrganization,
    },
    {
      method: 'GET',
      template: '/subscriptions',
      scopes: ['OSL', 'ADMIN', 'DATAPASS'],
      handler: listSubscriptions,
    },
    {
      method: 'POST',
      template: '/subscriptions',
      scopes: ['ADMIN', 'DATAPASS'],
      handler: createSubscription,
    },
    {
      method: 'GET',
      template: '/subscriptions/{subscriptionId}',
      scopes: ['OSL', 'ADMIN', 'DATAPASS'],
      handler: (c) => sendJson(c.res, 200, subscriptionFor(c)),
    },
    {
      method: 'PUT',
      template: '/subscriptions/{subscriptionId}',
      scopes: ['ADMIN', 'DATAPASS'],
      handler: updateSubscription,
    },
  ]
}
