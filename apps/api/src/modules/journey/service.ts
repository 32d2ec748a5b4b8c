import { randomUUID } from 'node:crypto'
import {
  journeyErrorMessages,
  type CreateSessionBody,
  type CurrentSession,
  type JourneyErrorCode,
} from '@qf/contracts'
import type { Config } from '../../config/load.js'
import type { Db } from '../../db/connection.js'
import { AppError } from '../../errors/catalog.js'
import type { SealedBox } from '../../lib/sealed-box.js'
import { hashSecret, newSecret } from '../../lib/secrets.js'
import type { Clock } from '../../ports/clock.js'
import { IdentityProviderError, type IdentityProvider } from '../../ports/identity-provider.js'
import type { QuotientFamilialProvider } from '../../ports/quotient-familial-provider.js'
import { findActiveBySiret } from '../collectivities/index.js'
import { deleteSession, findSessionBy, insertSession, updateSession } from './repository.js'
import { LOGIN_CODE_TTL_MS, SESSION_IDLE_MS, type JourneySession, type PersonalData } from './session.js'
import { checkFrontendUrl, checkRedirectUri } from './urls.js'

export interface JourneyDeps {
  db: Db
  box: SealedBox
  clock: Clock
  identityProvider: IdentityProvider
  quotientFamilial: QuotientFamilialProvider
  config: Config
}

/** Where the callback sends the browser, and the credential it hands over on the way. */
export interface CallbackOutcome {
  location: string
  /** Cookie mode: the rotated session secret to set. */
  sessionSecret?: string
  /** A failure worth a log line (never with personal data). */
  failure?: { code: JourneyErrorCode; reason: string }
}

const plus = (d: Date, ms: number) => new Date(d.getTime() + ms)

/**
 * The citizen's journey: a session per landing, the FranceConnect login, the QF read right after it
 * (the access token lives 60 s), and logout. All state is in Postgres: any API instance can serve
 * any step.
 */
export class JourneyService {
  constructor(private readonly deps: JourneyDeps) {}

  private get allowLocalHttp() {
    return this.deps.config.env !== 'production'
  }

  async createSession(body: CreateSessionBody, previousSecret: string | undefined) {
    const { db, clock, config } = this.deps
    const collectivity = await findActiveBySiret(db, body.siret)
    if (!collectivity) {
      throw new AppError('collectivityNotFound', {
        detail: 'Aucune collectivité active ne correspond à ce SIRET.',
      })
    }
    const redirectUri =
      body.redirectUri !== undefined
        ? checkRedirectUri(body.redirectUri, collectivity.allowedRedirectOrigins, this.allowLocalHttp)
        : null
    const frontendUrl =
      body.frontendUrl !== undefined
        ? checkFrontendUrl(body.frontendUrl, config.http.corsOrigins, this.allowLocalHttp)
        : null
    const now = clock.now()
    const secret = newSecret()
    const id = randomUUID()
    const expiresAt = plus(now, SESSION_IDLE_MS)
    await db.transaction().execute(async (trx) => {
      // A new landing never inherits the previous journey of this browser.
      if (previousSecret)
        await trx
          .deleteFrom('journey_sessions')
          .where('secret_hash', '=', hashSecret(previousSecret))
          .execute()
      await insertSession(
        trx,
        {
          id,
          secretHash: hashSecret(secret),
          siret: collectivity.siret,
          externalId: body.externalId ?? null,
          redirectUri,
          frontendUrl,
          expiresAt,
        },
        now,
      )
    })
    return {
      secret,
      transport: frontendUrl ? ('bearer' as const) : ('cookie' as const),
      created: {
        id,
        collectivity: { siret: collectivity.siret, name: collectivity.name },
        loginUrl: `${config.http.publicUrl}/api/v1/auth/franceconnect/login?session=${id}`,
        expiresAt: expiresAt.toISOString(),
      },
    }
  }

  /** Starts the FranceConnect login of a session; the binding secret goes in a cookie of this browser. */
  async startLogin(sessionId: string): Promise<{ location: string; binding?: string }> {
    const { db, box, clock, identityProvider } = this.deps
    const now = clock.now()
    const session = await findSessionBy(db, 'id', sessionId, box)
    if (!session || session.expiresAt <= now) {
      if (session) await deleteSession(db, session.id)
      return { location: this.errorLocation(session ?? null, 'session_expired') }
    }
    const transaction = identityProvider.newTransaction()
    let location: URL
    try {
      location = await identityProvider.authorizationUrl(transaction)
    } catch (err) {
      throw new AppError('identityProviderUnavailable', {
        detail: 'FranceConnect ne répond pas. Veuillez réessayer dans quelques instants.',
        cause: err,
      })
    }
    const binding = newSecret()
    await updateSession(
      db,
      session.id,
      {
        step: 'login_pending',
        loginState: transaction.state,
        loginBindingHash: hashSecret(binding),
        loginTransaction: { nonce: transaction.nonce, codeVerifier: transaction.codeVerifier },
        loginCodeHash: null,
        loginCodeExpiresAt: null,
        personalData: null,
        expiresAt: plus(now, SESSION_IDLE_MS),
      },
      box,
      now,
    )
    return { location: location.href, binding }
  }

  /** The FranceConnect callback: verifies, reads the QF at once, stores both, rotates the credential. */
  async completeLogin(callbackUrl: URL, binding: string | undefined): Promise<CallbackOutcome> {
    const { db, box, clock, identityProvider, quotientFamilial } = this.deps
    const now = clock.now()
    const state = callbackUrl.searchParams.get('state')
    const session = state ? await findSessionBy(db, 'login_state', state, box) : undefined
    if (!session || !session.loginTransaction || !state) {
      return this.fail(null, 'invalid_state', 'unknown or already used state')
    }
    // The state is single-use: whatever happens next, this login cannot be replayed.
    const transaction = { state, ...session.loginTransaction }
    const reset = { loginState: null, loginBindingHash: null, loginTransaction: null }
    if (session.expiresAt <= now) {
      await deleteSession(db, session.id)
      return this.fail(session, 'session_expired', 'session expired during login')
    }
    if (!binding || hashSecret(binding) !== session.loginBindingHash) {
      await updateSession(db, session.id, { ...reset, step: 'created' }, box, now)
      return this.fail(
        session,
        'invalid_state',
        'callback from another browser than the one that started the login',
      )
    }
    await updateSession(db, session.id, reset, box, now)

    let user
    try {
      user = await identityProvider.completeLogin(callbackUrl, transaction)
    } catch (err) {
      await updateSession(db, session.id, { step: 'created' }, box, now)
      if (err instanceof IdentityProviderError) {
        const code =
          err.kind === 'access_denied'
            ? 'franceconnect_access_denied'
            : err.kind === 'provider_error'
              ? 'franceconnect_error'
              : 'login_failed'
        return this.fail(session, code, err.message)
      }
      throw err
    }

    const qf = await quotientFamilial.byFranceConnectToken(user.accessToken, session.siret)
    const personalData: PersonalData = {
      identity: user.identity,
      quotientFamilial: qf.ok ? qf.quotientFamilial : null,
      quotientFamilialError: qf.ok ? null : { code: qf.code, message: journeyErrorMessages[qf.code] },
      rawQuotientFamilial: qf.ok ? qf.raw : null,
      idToken: user.idToken,
    }
    // The data is readable only with a credential born here, handed to this browser alone.
    const secret = newSecret()
    const after = clock.now()
    const loginCode = session.frontendUrl ? newSecret() : null
    await updateSession(
      db,
      session.id,
      {
        step: 'authenticated',
        secretHash: hashSecret(secret),
        personalData,
        loginCodeHash: loginCode ? hashSecret(loginCode) : null,
        loginCodeExpiresAt: loginCode ? plus(after, LOGIN_CODE_TTL_MS) : null,
        expiresAt: plus(after, SESSION_IDLE_MS),
      },
      box,
      after,
    )
    const path = qf.ok ? 'envoyer_mes_donnees' : `erreur?code=${qf.code}`
    const location = `${this.frontBase(session)}/collectivites/${session.siret}/${path}${loginCode ? `#login_code=${loginCode}` : ''}`
    return {
      location,
      ...(loginCode ? {} : { sessionSecret: secret }),
      ...(qf.ok
        ? {}
        : {
            failure: {
              code: qf.code,
              reason: `api particulier ${qf.status ?? 'unreachable'} ${qf.providerCode ?? ''}`.trim(),
            },
          }),
    }
  }

  /** Bearer mode: the one-time code from the callback → the session token (single use, 2 minutes). */
  async exchangeLoginCode(loginCode: string) {
    const { db, box, clock } = this.deps
    const now = clock.now()
    return db.transaction().execute(async (trx) => {
      const session = await findSessionBy(trx, 'login_code_hash', hashSecret(loginCode), box, {
        forUpdate: true,
      })
      if (
        !session ||
        !session.loginCodeExpiresAt ||
        session.loginCodeExpiresAt <= now ||
        session.expiresAt <= now
      ) {
        throw new AppError('invalidLoginCode', {
          detail: 'Ce code de connexion est inconnu, déjà utilisé ou expiré.',
        })
      }
      const token = newSecret()
      const expiresAt = plus(now, SESSION_IDLE_MS)
      await updateSession(
        trx,
        session.id,
        { secretHash: hashSecret(token), loginCodeHash: null, loginCodeExpiresAt: null, expiresAt },
        box,
        now,
      )
      return { sessionToken: token, expiresAt: expiresAt.toISOString() }
    })
  }

  /** The session behind a credential, its idle expiry pushed back; 401 problems otherwise. */
  async current(secret: string | undefined): Promise<JourneySession> {
    const { db, box, clock } = this.deps
    if (!secret)
      throw new AppError('sessionMissing', { detail: 'Aucune session n’est ouverte dans ce navigateur.' })
    const session = await findSessionBy(db, 'secret_hash', hashSecret(secret), box)
    const now = clock.now()
    if (!session)
      throw new AppError('sessionMissing', { detail: 'Aucune session n’est ouverte dans ce navigateur.' })
    if (session.expiresAt <= now) {
      await deleteSession(db, session.id)
      throw new AppError('sessionExpired', {
        detail: 'Votre session a expiré. Recommencez depuis le lien de votre collectivité.',
      })
    }
    const expiresAt = plus(now, SESSION_IDLE_MS)
    await updateSession(db, session.id, { expiresAt }, box, now)
    return { ...session, expiresAt }
  }

  async view(session: JourneySession): Promise<CurrentSession> {
    const collectivity = await findActiveBySiret(this.deps.db, session.siret)
    const pd = session.personalData
    return {
      id: session.id,
      step: session.step,
      collectivity: { siret: session.siret, name: collectivity?.name ?? session.siret },
      externalId: session.externalId,
      redirectUri: session.redirectUri,
      identity: pd?.identity ?? null,
      quotientFamilial: pd?.quotientFamilial ?? null,
      quotientFamilialError: pd?.quotientFamilialError ?? null,
      submission: null,
      expiresAt: session.expiresAt.toISOString(),
    }
  }

  /** Destroys the session; the FranceConnect logout URL when the citizen logged in, else home. */
  async logout(secret: string | undefined): Promise<{ logoutUrl: string }> {
    const session = await this.current(secret)
    await deleteSession(this.deps.db, session.id)
    const idToken = session.personalData?.idToken
    if (!idToken) return { logoutUrl: `${this.frontBase(session)}/` }
    try {
      const url = await this.deps.identityProvider.logoutUrl({ idToken, state: newSecret() })
      return { logoutUrl: url.href }
    } catch (err) {
      throw new AppError('identityProviderUnavailable', {
        detail: 'Votre session est fermée ici, mais FranceConnect ne répond pas pour la déconnexion.',
        cause: err,
      })
    }
  }

  /** The callback's own base URL (the registered redirect URI's origin). */
  get callbackBase() {
    return this.deps.config.http.publicUrl
  }

  get homeUrl() {
    return `${this.deps.config.http.webUrl}/`
  }

  private frontBase(session: JourneySession | null) {
    return session?.frontendUrl ?? this.deps.config.http.webUrl
  }

  private errorLocation(session: JourneySession | null, code: JourneyErrorCode) {
    return session
      ? `${this.frontBase(session)}/collectivites/${session.siret}/erreur?code=${code}`
      : `${this.deps.config.http.webUrl}/erreur?code=${code}`
  }

  private fail(session: JourneySession | null, code: JourneyErrorCode, reason: string): CallbackOutcome {
    return { location: this.errorLocation(session, code), failure: { code, reason } }
  }
}
