import type { FranceConnectClient } from '@qf/sandbox'

/** A FranceConnect relying party registered at the sandbox by the API's adapter tests. */
export const sandboxRelyingParty: FranceConnectClient = {
  clientId: 'qf-api-adapter-tests',
  clientSecret: 'qf-api-adapter-tests-secret-0123456789abcdef',
  redirectUris: ['http://localhost/api/v1/auth/franceconnect/callback'],
  postLogoutRedirectUris: ['http://localhost/api/v1/auth/franceconnect/logout-callback'],
}

/** The same relying party as `franceConnectLogin` (sandbox test helper) wants it. */
export const sandboxLoginClient = {
  clientId: sandboxRelyingParty.clientId,
  clientSecret: sandboxRelyingParty.clientSecret,
  redirectUri: sandboxRelyingParty.redirectUris[0] ?? '',
}

/** Majastres (demo collectivity), the `recipient` of the calls. */
export const recipientSiret = '21040107100019'
