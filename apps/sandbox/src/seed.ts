/**
 * The demo world of the sandbox: the collectivities known to INSEE, subscribed (or not) to the
 * `FormulaireQF` process in HubEE, and holding an API Particulier token. The API seeds its own
 * `collectivities` table from a committed copy of the same facts (it must not import this file:
 * the sandbox stands for other people's systems).
 */
export interface SeedCollectivity {
  siret: string
  name: string
  /** INSEE COG code of the commune (HubEE `branchCode`). */
  cog: string
  postalCodes: string[]
  /** HubEE `FormulaireQF` subscription status. */
  subscription: 'Actif' | 'Inactif'
  /** The collectivity's API Particulier token (sandbox form) and its expiry. */
  apiParticulierToken: string
  apiParticulierTokenExpiresAt: string
}

export const seedCollectivities: readonly SeedCollectivity[] = [
  {
    siret: '21040107100019',
    name: 'Majastres',
    cog: '04107',
    postalCodes: ['04270'],
    subscription: 'Actif',
    apiParticulierToken: 'sandbox-api-particulier-21040107100019',
    apiParticulierTokenExpiresAt: '2028-05-31T23:59:59Z',
  },
  {
    siret: '21730132400018',
    name: 'Hauteluce',
    cog: '73132',
    postalCodes: ['73620'],
    subscription: 'Actif',
    apiParticulierToken: 'sandbox-api-particulier-21730132400018',
    apiParticulierTokenExpiresAt: '2028-05-31T23:59:59Z',
  },
  {
    siret: '21750001600019',
    name: 'Paris Centre',
    cog: '75101',
    postalCodes: ['75001', '75002', '75003', '75004'],
    subscription: 'Actif',
    apiParticulierToken: 'sandbox-api-particulier-21750001600019',
    apiParticulierTokenExpiresAt: '2028-05-31T23:59:59Z',
  },
  {
    siret: '21200004600012',
    name: 'Ajaccio',
    cog: '2A004',
    postalCodes: ['20000', '20090'],
    subscription: 'Actif',
    apiParticulierToken: 'sandbox-api-particulier-21200004600012',
    apiParticulierTokenExpiresAt: '2028-05-31T23:59:59Z',
  },
  {
    siret: '21974110600013',
    name: 'Saint-Denis',
    cog: '97411',
    postalCodes: ['97400', '97490'],
    subscription: 'Actif',
    apiParticulierToken: 'sandbox-api-particulier-21974110600013',
    apiParticulierTokenExpiresAt: '2026-01-31T23:59:59Z',
  },
  {
    siret: '21010004600015',
    name: 'Ambérieu-en-Bugey',
    cog: '01004',
    postalCodes: ['01500'],
    subscription: 'Inactif',
    apiParticulierToken: 'sandbox-api-particulier-21010004600015',
    apiParticulierTokenExpiresAt: '2028-05-31T23:59:59Z',
  },
]

/**
 * An establishment known to INSEE only: a commune that has not (yet) joined the service, so it is
 * neither an organization at HubEE nor in the API's demo seed. Onboarding one (DataPass `approve`)
 * is what the demo shows. Names, COG and postal codes are real; the SIRETs are checksum-valid
 * (Luhn) sandbox values.
 */
export interface InseeOnlyEstablishment {
  siret: string
  name: string
  cog: string
  postalCodes: string[]
  /** Closed at INSEE (`etatAdministratifEtablissement` `F`), e.g. a commune merged into another. */
  closed?: boolean
}

export const inseeOnlyEstablishments: readonly InseeOnlyEstablishment[] = [
  { siret: '21690123100011', name: 'Lyon', cog: '69123', postalCodes: ['69001'] },
  { siret: '21130055300016', name: 'Marseille', cog: '13055', postalCodes: ['13001'] },
  { siret: '21330063500017', name: 'Bordeaux', cog: '33063', postalCodes: ['33000'] },
  { siret: '21440109300015', name: 'Nantes', cog: '44109', postalCodes: ['44000'] },
  { siret: '21670482500019', name: 'Strasbourg', cog: '67482', postalCodes: ['67000'] },
  { siret: '21200033900011', name: 'Bastia', cog: '2B033', postalCodes: ['20200'] },
  { siret: '21972209700017', name: 'Fort-de-France', cog: '97209', postalCodes: ['97200'] },
  { siret: '21976110700016', name: 'Mamoudzou', cog: '97611', postalCodes: ['97600'] },
  { siret: '21740011800014', name: 'Annecy-le-Vieux', cog: '74011', postalCodes: ['74940'], closed: true },
]

/** The form's own OSL (depositor) client at HubEE. */
export const hubeeOslClient = { clientId: 'formulaire-qf-osl', clientSecret: 'sandbox-osl-secret' } as const
/** The referential administrator client at HubEE. */
export const hubeeAdminClient = {
  clientId: 'formulaire-qf-admin',
  clientSecret: 'sandbox-admin-secret',
} as const
/** Every subscribed organisation gets an SI client `SI-<SIRET>-<COG>` with this secret. */
export const hubeeSiSecret = 'sandbox-secret'

/** The API registered as a FranceConnect client in the demo. */
export const franceConnectDemoClient = {
  clientId: 'formulaire-qf-local',
  clientSecret: 'sandbox-franceconnect-secret-0123456789abcdef',
  redirectUris: ['http://localhost:3000/api/v1/auth/franceconnect/callback'],
  postLogoutRedirectUris: ['http://localhost:3000/api/v1/auth/franceconnect/logout-callback'],
} as const

/** API Particulier reads citizens' FranceConnect tokens through introspection with this data-provider client. */
export const apiParticulierIntrospectionClient = {
  clientId: 'api-particulier',
  clientSecret: 'sandbox-api-particulier-introspection-secret',
} as const

/** The shared secret of the demo DataPass webhook (`X-Hub-Signature-256`); the API's demo config uses the same. */
export const datapassWebhookSecret = 'sandbox-datapass-webhook-secret'

/** The software editor of the demo: DataPass's service provider of the QF form requests it files. */
export const demoEditor = {
  id: 'logiciels-communes',
  name: 'Logiciels Communes',
  siret: '99900000100019',
} as const
