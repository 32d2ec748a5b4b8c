import { Type, type Static } from '@sinclair/typebox'
import { Siret } from './collectivity.js'
import { journeyErrorCodes } from './journey-errors.js'
import { Base64UrlToken, PrintableText, SafeText } from './strings.js'
import { SubmissionReference, SubmissionStatus } from './submission.js'

/**
 * The cookies of the journey (HttpOnly, SameSite=Lax): the session credential of a same-site front
 * end, and the binding of a login to the browser that started it.
 */
export const journeyCookies = { session: 'qf_session', loginBinding: 'qf_login' } as const

/** The FranceConnect v2 scopes the QF form asks for: the minimum (no address). */
export const qfScopes = 'openid identite_pivot cnaf_quotient_familial cnaf_allocataires cnaf_enfants'

/** Where a journey stands. */
export const JourneyStep = Type.Union(
  [
    Type.Literal('created', {
      description:
        'Session ouverte, sans données personnelles : connexion FranceConnect pas encore faite, ou démarche ' +
        'arrêtée sur une erreur après la connexion (quotient familial introuvable…) ; l’identité a alors été effacée.',
    }),
    Type.Literal('login_pending', { description: 'Le navigateur est parti chez FranceConnect.' }),
    Type.Literal('authenticated', { description: 'Identité et quotient familial obtenus.' }),
    Type.Literal('submitted', {
      description: 'Envoi fait : les données personnelles ont quitté la session (voir `submission`).',
    }),
  ],
  { $id: 'JourneyStep' },
)
export type JourneyStep = Static<typeof JourneyStep>

export { journeyErrorMessages, journeyErrorCodes, type JourneyErrorCode } from './journey-errors.js'

export const JourneyErrorCodeSchema = Type.Union(
  journeyErrorCodes.map((c) => Type.Literal(c)),
  { $id: 'JourneyErrorCode', description: 'Code stable d’une erreur du parcours.' },
)

/** The pivot identity FranceConnect returns (`identite_pivot`). */
export const PivotIdentity = Type.Object(
  {
    givenName: Type.String({ description: 'Prénoms, séparés par des espaces.' }),
    givenNameArray: Type.Array(Type.String()),
    familyName: Type.String({ description: 'Nom de naissance.' }),
    preferredUsername: Type.Union([Type.String(), Type.Null()], { description: 'Nom d’usage, s’il existe.' }),
    birthdate: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'AAAA-MM-JJ ; le jour et le mois peuvent valoir 00 (date présumée).',
    }),
    gender: Type.Union([Type.Literal('male'), Type.Literal('female')]),
    birthplace: Type.Union([Type.String(), Type.Null()], {
      description: 'Code COG de la commune ; null né à l’étranger.',
    }),
    birthcountry: Type.String({ description: 'Code COG du pays (99100 : France).' }),
  },
  {
    $id: 'PivotIdentity',
    examples: [
      {
        givenName: 'Angela Claire Louise',
        givenNameArray: ['Angela', 'Claire', 'Louise'],
        familyName: 'DUBOIS',
        preferredUsername: null,
        birthdate: '1962-08-24',
        gender: 'female',
        birthplace: '75107',
        birthcountry: '99100',
      },
    ],
  },
)
export type PivotIdentity = Static<typeof PivotIdentity>

/**
 * The identity as `getCurrentSession` shows it: the pivot identity (codes kept) with the names the
 * API reads them as, so a citizen reads "Paris 7e Arrondissement", not `75107` (the raw code when the
 * INSEE lists do not know it).
 */
export const SessionIdentity = Type.Composite(
  [
    PivotIdentity,
    Type.Object({
      genderLabel: Type.Union([Type.Literal('Femme'), Type.Literal('Homme')], {
        description: 'Le sexe, en toutes lettres.',
      }),
      birthplaceName: Type.Union([Type.String(), Type.Null()], {
        description:
          'Nom de la commune de naissance (commune, arrondissement municipal ou ancienne commune) ; le code s’il est inconnu ; null né à l’étranger.',
      }),
      birthcountryName: Type.String({
        description: 'Nom du pays de naissance (liste des pays de l’INSEE) ; le code s’il est inconnu.',
      }),
    }),
  ],
  {
    $id: 'SessionIdentity',
    examples: [
      {
        givenName: 'Angela Claire Louise',
        givenNameArray: ['Angela', 'Claire', 'Louise'],
        familyName: 'DUBOIS',
        preferredUsername: null,
        birthdate: '1962-08-24',
        gender: 'female',
        birthplace: '75107',
        birthcountry: '99100',
        genderLabel: 'Femme',
        birthplaceName: 'Paris 7e Arrondissement',
        birthcountryName: 'France',
      },
    ],
  },
)
export type SessionIdentity = Static<typeof SessionIdentity>

export const FamilyMember = Type.Object(
  {
    nomNaissance: Type.String(),
    nomUsage: Type.Union([Type.String(), Type.Null()]),
    prenoms: Type.String(),
    dateNaissance: Type.String({ description: 'AAAA-MM-JJ, partielle possible (2020-00-00).' }),
    sexe: Type.Union([Type.Literal('M'), Type.Literal('F')]),
  },
  { $id: 'FamilyMember' },
)
export type FamilyMember = Static<typeof FamilyMember>

export const QuotientFamilial = Type.Object(
  {
    supplier: Type.Union([Type.Literal('CNAF'), Type.Literal('MSA')], {
      description: 'Organisme : CAF (CNAF) ou MSA.',
    }),
    value: Type.Integer({ description: 'Valeur du quotient familial, en euros.' }),
    year: Type.Integer({
      description:
        'Année du mois du quotient familial (API Particulier : le QF du mois M, calculé sur les ressources du mois M-1).',
    }),
    month: Type.Integer({
      minimum: 1,
      maximum: 12,
      description: 'Mois du quotient familial (« quotient familial de février 2024 »).',
    }),
    computedYear: Type.Union([Type.Integer(), Type.Null()]),
    computedMonth: Type.Union([Type.Integer(), Type.Null()]),
    allocataires: Type.Array(Type.Ref(FamilyMember), {
      description: 'Composition actuelle du foyer (sans historique) ; vide si masquée (voir `withheld`).',
    }),
    enfants: Type.Array(Type.Ref(FamilyMember), {
      description: 'Enfants du foyer aujourd’hui (sans historique) ; vide si masqué (voir `withheld`).',
    }),
    withheld: Type.Array(Type.Union([Type.Literal('allocataires'), Type.Literal('enfants')]), {
      uniqueItems: true,
      description:
        'Parties de la réponse qu’API Particulier n’a pas transmises : l’habilitation de la collectivité ' +
        'ne les couvre pas (réponse masquée). La liste correspondante est alors vide sans être « aucun ».',
    }),
  },
  {
    $id: 'QuotientFamilial',
    examples: [
      {
        supplier: 'CNAF',
        value: 2550,
        year: 2024,
        month: 2,
        computedYear: 2024,
        computedMonth: 12,
        allocataires: [
          {
            nomNaissance: 'DUBOIS',
            nomUsage: null,
            prenoms: 'ANGELA CLAIRE LOUISE',
            dateNaissance: '1962-08-24',
            sexe: 'F',
          },
        ],
        enfants: [],
        withheld: [],
      },
    ],
  },
)
export type QuotientFamilial = Static<typeof QuotientFamilial>

export const QuotientFamilialError = Type.Object(
  {
    code: Type.Ref(JourneyErrorCodeSchema),
    message: Type.String({ description: 'Message en français pour le citoyen.' }),
  },
  { $id: 'QuotientFamilialError' },
)
export type QuotientFamilialError = Static<typeof QuotientFamilialError>

/** An editor's id for the citizen: see `PrintableText` (1–255 code points, the one accepted set). */
export const ExternalId = PrintableText({
  maxLength: 255,
  description:
    'Identifiant de l’usager chez l’éditeur : 1 à 255 caractères Unicode (points de code ; emoji acceptés), ' +
    'sans caractère de contrôle, de formatage (bidi, largeur nulle, BOM) ni séparateur autre que l’espace, ' +
    'sans espace en bordure.',
})

export const CreateSessionBody = Type.Object(
  {
    siret: Siret,
    externalId: Type.Optional(ExternalId),
    redirectUri: Type.Optional(
      SafeText({
        maxLength: 2048,
        description:
          'Page de la collectivité où revenir à la fin ; https, et son origine doit être autorisée par la collectivité.',
      }),
    ),
    frontendUrl: Type.Optional(
      SafeText({
        maxLength: 2048,
        description:
          'Pour un front-end tiers (autre origine autorisée, sans cookie tiers) : URL de base où renvoyer le navigateur après FranceConnect, avec un `login_code` à échanger (`exchangeLoginCode`).',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      { siret: '21040107100019', externalId: 'famille-1234', redirectUri: 'https://portail.majastres.fr/qf' },
    ],
  },
)
export type CreateSessionBody = Static<typeof CreateSessionBody>

export const SessionCollectivity = Type.Object(
  { siret: Siret, name: Type.String() },
  { $id: 'SessionCollectivity' },
)

export const CreatedSession = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Identifiant public de la session (pas un secret).' }),
    collectivity: Type.Ref(SessionCollectivity),
    loginUrl: Type.String({
      description:
        'Où envoyer le navigateur pour se connecter avec FranceConnect, aussitôt : le lien porte un ticket à usage unique valable 5 minutes (jamais l’identifiant de la session). Un nouveau lien : `renewLoginUrl`.',
    }),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  {
    $id: 'CreatedSession',
    examples: [
      {
        id: '0b6f3a4e-5c1d-4f0e-9d8a-2f1e6c7b8a90',
        collectivity: { siret: '21040107100019', name: 'Majastres' },
        loginUrl:
          'http://localhost:3000/api/v1/auth/franceconnect/login?ticket=Q2hhbmdlZC1ldmVyeS10aW1lLXNpbmdsZS11c2UtdGlj',
        expiresAt: '2026-11-26T15:00:00.000Z',
      },
    ],
  },
)
export type CreatedSession = Static<typeof CreatedSession>

/** A fresh login link for the current session (`renewLoginUrl`), e.g. to retry after a cancelled login. */
export const LoginLink = Type.Object(
  {
    loginUrl: Type.String({
      description: 'Le lien de connexion FranceConnect, à ticket à usage unique (remplace le précédent).',
    }),
    expiresAt: Type.String({ format: 'date-time', description: 'Fin de validité du ticket (5 minutes).' }),
  },
  {
    $id: 'LoginLink',
    examples: [
      {
        loginUrl:
          'http://localhost:3000/api/v1/auth/franceconnect/login?ticket=TmV3LXNpbmdsZS11c2UtdGlja2V0LWZvci1hLXJldHJ5',
        expiresAt: '2026-11-26T14:35:00.000Z',
      },
    ],
  },
)
export type LoginLink = Static<typeof LoginLink>

/** The sending of a journey, as its session shows it (no personal data). */
export const SessionSubmission = Type.Object(
  {
    reference: SubmissionReference,
    status: Type.Ref(SubmissionStatus),
    submittedAt: Type.String({ format: 'date-time' }),
  },
  {
    $id: 'SessionSubmission',
    additionalProperties: false,
    examples: [{ reference: '7KQ4MXD9HTCW3', status: 'queued', submittedAt: '2026-11-26T15:02:11.000Z' }],
  },
)
export type SessionSubmission = Static<typeof SessionSubmission>

export const CurrentSession = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    step: Type.Ref(JourneyStep),
    collectivity: Type.Ref(SessionCollectivity),
    externalId: Type.Union([Type.String(), Type.Null()]),
    redirectUri: Type.Union([Type.String(), Type.Null()]),
    identity: Type.Union([Type.Ref(SessionIdentity), Type.Null()]),
    quotientFamilial: Type.Union([Type.Ref(QuotientFamilial), Type.Null()]),
    quotientFamilialError: Type.Union([Type.Ref(QuotientFamilialError), Type.Null()]),
    submission: Type.Union([Type.Ref(SessionSubmission), Type.Null()], {
      description:
        'L’envoi, une fois fait (`step` = `submitted`) ; `identity` et `quotientFamilial` sont alors null.',
    }),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  {
    $id: 'CurrentSession',
    examples: [
      {
        id: '0b6f3a4e-5c1d-4f0e-9d8a-2f1e6c7b8a90',
        step: 'authenticated',
        collectivity: { siret: '21040107100019', name: 'Majastres' },
        externalId: 'famille-1234',
        redirectUri: 'https://portail.majastres.fr/qf',
        identity: {
          givenName: 'Pierre',
          givenNameArray: ['Pierre'],
          familyName: 'MERCIER',
          preferredUsername: null,
          birthdate: '1969-03-17',
          gender: 'male',
          birthplace: '95277',
          birthcountry: '99100',
          genderLabel: 'Homme',
          birthplaceName: 'Gonesse',
          birthcountryName: 'France',
        },
        quotientFamilial: {
          supplier: 'CNAF',
          value: 2550,
          year: 2024,
          month: 2,
          computedYear: 2024,
          computedMonth: 12,
          allocataires: [
            {
              nomNaissance: 'MERCIER',
              nomUsage: 'DUBOIS',
              prenoms: 'PIERRE',
              dateNaissance: '1969-03-17',
              sexe: 'M',
            },
          ],
          enfants: [
            {
              nomNaissance: 'MERCIER',
              nomUsage: null,
              prenoms: 'ROBERT',
              dateNaissance: '2020-00-00',
              sexe: 'M',
            },
          ],
        },
        quotientFamilialError: null,
        submission: null,
        expiresAt: '2026-11-26T15:30:00.000Z',
      },
      {
        id: '5d2c9e7a-1b3f-4c8d-9e0a-7f6b5a4c3d21',
        step: 'authenticated',
        collectivity: { siret: '21040107100019', name: 'Majastres' },
        externalId: null,
        redirectUri: null,
        identity: {
          givenName: 'THIBAULT',
          givenNameArray: ['THIBAULT'],
          familyName: 'TABLE',
          preferredUsername: null,
          birthdate: '1991-02-13',
          gender: 'male',
          birthplace: '75116',
          birthcountry: '99100',
          genderLabel: 'Homme',
          birthplaceName: 'Paris 16e Arrondissement',
          birthcountryName: 'France',
        },
        quotientFamilial: null,
        quotientFamilialError: {
          code: 'qf_not_found',
          message: 'Aucun dossier à votre nom n’a été trouvé auprès de la CAF ou de la MSA.',
        },
        submission: null,
        expiresAt: '2026-11-26T15:30:00.000Z',
      },
      {
        id: '0b6f3a4e-5c1d-4f0e-9d8a-2f1e6c7b8a90',
        step: 'submitted',
        collectivity: { siret: '21040107100019', name: 'Majastres' },
        externalId: 'famille-1234',
        redirectUri: 'https://portail.majastres.fr/qf',
        identity: null,
        quotientFamilial: null,
        quotientFamilialError: null,
        submission: { reference: '7KQ4MXD9HTCW3', status: 'queued', submittedAt: '2026-11-26T15:02:11.000Z' },
        expiresAt: '2026-11-26T15:32:11.000Z',
      },
    ],
  },
)
export type CurrentSession = Static<typeof CurrentSession>

export const LoginCodeExchangeBody = Type.Object(
  { loginCode: Base64UrlToken({ minLength: 16, maxLength: 128 }) },
  { additionalProperties: false, examples: [{ loginCode: 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c' }] },
)
export const SessionToken = Type.Object(
  {
    sessionToken: Type.String({
      description: 'À envoyer en `Authorization: Bearer …` sur les appels suivants.',
    }),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  {
    $id: 'SessionToken',
    examples: [
      { sessionToken: 'hV3p0dXqfQn1c8mZr2kq7yTt4bN6wLs9aE5uJfGi0oY', expiresAt: '2026-11-26T15:30:00.000Z' },
    ],
  },
)
export type SessionToken = Static<typeof SessionToken>

export const LogoutResult = Type.Object(
  {
    logoutUrl: Type.String({
      description:
        'URL `session/end` de FranceConnect où envoyer le navigateur (ou la page d’accueil s’il n’était pas connecté).',
    }),
  },
  {
    $id: 'LogoutResult',
    examples: [
      {
        logoutUrl:
          'https://oidc.franceconnect.gouv.fr/api/v2/session/end?id_token_hint=eyJhbGciOiJFUzI1NiJ9...&state=Zk3&post_logout_redirect_uri=https%3A%2F%2Fquotient-familial.example%2Fapi%2Fv1%2Fauth%2Ffranceconnect%2Flogout-callback',
      },
    ],
  },
)
export type LogoutResult = Static<typeof LogoutResult>

/** The schemas of this module that OpenAPI shares by reference (`$id`). */
export const journeySchemas = [
  JourneyStep,
  JourneyErrorCodeSchema,
  PivotIdentity,
  SessionIdentity,
  FamilyMember,
  QuotientFamilial,
  QuotientFamilialError,
  SessionCollectivity,
  CreatedSession,
  LoginLink,
  SessionSubmission,
  CurrentSession,
  SessionToken,
  LogoutResult,
]
