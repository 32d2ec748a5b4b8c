import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Page name shown first in the document title: "<title> - Quotient familial". */
    title?: string
  }
}

// Every view is its own chunk, loaded when its route is first visited: the first load carries only
// the shell (header, footer, router) and the page asked for.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('../views/HomeView.vue'), meta: { title: 'Accueil' } },
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
    component: () => import('../views/CollectivityLandingView.vue'),
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
    meta: { title: 'Sans FranceConnect' },
  },
  {
    path: '/collectivites/:siret/envoyer_mes_donnees',
    name: 'review',
    component: () => import('../views/ReviewView.vue'),
    meta: { title: 'Vérifier vos informations' },
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
