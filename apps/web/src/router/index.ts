import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import { prefetchCollectivity } from '../composables/use-collectivity.js'
import { prefetchCurrentSession } from '../composables/use-current-session.js'
import { prefetchSubmission } from '../composables/use-submission.js'
import CollectivityLandingView from '../views/CollectivityLandingView.vue'
import HomeView from '../views/HomeView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Page name shown first in the document title: "<title> - Quotient familial". */
    title?: string
  }
}

// Every view is its own chunk, loaded when its route is first visited, except the two pages people
// land on from outside (home, and the collectivity page every letter and QR code points to): those
// are in the entry chunk, saving a round trip before the first paint (ADR 0018). Views that need
// data start the request in `beforeEnter`, which runs before the chunk is fetched: both travel at
// the same time.
const withCollectivity = (to: RouteLocationNormalized) => prefetchCollectivity(String(to.params.siret))
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { title: 'Accueil' } },
  {
    path: '/collectivites',
    name: 'collectivity-picker',
    component: () => import('../views/CollectivityPickerView.vue'),
    meta: { title: 'Trouver votre collectivité' },
  },
  // The public ways in, printed in letters and QR codes (docs: protocols §5).
  {
    path: '/collectivites/:siret',
    alias: '/collectivites/:siret/me_connecter',
    name: 'collectivity',
    component: CollectivityLandingView,
    beforeEnter: withCollectivity,
    meta: { title: 'Transmettre votre quotient familial' },
  },
  // The spelling the editors' guide prints: same page, query (external_id, redirect_uri) kept.
  {
    path: '/collectivities/:siret',
    redirect: (to) => ({ path: `/collectivites/${String(to.params.siret)}`, query: to.query, hash: to.hash }),
  },
  {
    path: '/collectivites/:siret/sans_france_connect',
    name: 'alternatives',
    component: () => import('../views/AlternativesView.vue'),
    beforeEnter: withCollectivity,
    meta: { title: 'Sans FranceConnect' },
  },
  {
    path: '/collectivites/:siret/envoyer_mes_donnees',
    name: 'review',
    component: () => import('../views/ReviewView.vue'),
    beforeEnter: () => prefetchCurrentSession(),
    meta: { title: 'Vérifier vos informations' },
  },
  {
    path: '/collectivites/:siret/confirmation/:reference',
    name: 'confirmation',
    component: () => import('../views/ConfirmationView.vue'),
    beforeEnter: (to) => prefetchSubmission(String(to.params.reference)),
    meta: { title: 'Confirmation de l’envoi' },
  },
  {
    path: '/suivi',
    name: 'tracking',
    component: () => import('../views/TrackingView.vue'),
    meta: { title: 'Suivre un envoi' },
  },
  {
    path: '/collectivites/:siret/deconnecte',
    component: () => import('../views/LoggedOutView.vue'), // titled by the view (useStateTitle)
  },
  {
    path: '/collectivites/:siret/erreur',
    name: 'collectivity-journey-error',
    component: () => import('../views/JourneyErrorView.vue'),
    meta: { title: 'Démarche interrompue' },
  },
  {
    path: '/erreur',
    name: 'journey-error',
    component: () => import('../views/JourneyErrorView.vue'),
    meta: { title: 'Démarche interrompue' },
  },
  {
    path: '/faq',
    name: 'faq',
    component: () => import('../views/FaqView.vue'),
    meta: { title: 'Questions fréquentes' },
  },
  {
    path: '/accessibilite',
    name: 'accessibility',
    component: () => import('../views/AccessibilityView.vue'),
    meta: { title: 'Déclaration d’accessibilité' },
  },
  {
    path: '/donnees-personnelles',
    name: 'personal-data',
    component: () => import('../views/PersonalDataView.vue'),
    meta: { title: 'Données personnelles' },
  },
  {
    path: '/mentions-legales',
    name: 'legal-notice',
    component: () => import('../views/LegalNoticeView.vue'),
    meta: { title: 'Mentions légales' },
  },
  // The editors' and collectivities' area (share kit).
  {
    path: '/editeurs',
    name: 'editors',
    component: () => import('../views/EditorsHomeView.vue'),
    meta: { title: 'Éditeurs et collectivités' },
  },
  {
    path: '/editeurs/collectivites/:siret',
    name: 'editor-kit',
    component: () => import('../views/EditorKitView.vue'),
    beforeEnter: withCollectivity,
    meta: { title: 'Kit de communication' },
  },
  {
    path: '/editeurs/collectivites/:siret/affiche',
    name: 'editor-poster',
    component: () => import('../views/EditorPosterView.vue'),
    beforeEnter: withCollectivity,
    meta: { title: 'Affiche à imprimer' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../views/NotFoundView.vue'),
    meta: { title: 'Page non trouvée' },
  },
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior(to, _from, savedPosition) {
    if (savedPosition) return savedPosition
    if (to.hash) return { el: to.hash }
    return { top: 0 }
  },
})
