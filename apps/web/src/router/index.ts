import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import CollectivityLandingView from '../views/CollectivityLandingView.vue'
import HomeView from '../views/HomeView.vue'
import JourneyErrorView from '../views/JourneyErrorView.vue'
import NotFoundView from '../views/NotFoundView.vue'
import ReviewView from '../views/ReviewView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Page name shown first in the document title: "<title> - Quotient familial". */
    title?: string
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { title: 'Accueil' } },
  // The public ways in, printed in letters and QR codes (docs: protocols §5).
  {
    path: '/collectivites/:siret',
    alias: '/collectivites/:siret/me_connecter',
    name: 'collectivity',
    component: CollectivityLandingView,
    meta: { title: 'Transmettre votre quotient familial' },
  },
  {
    path: '/collectivites/:siret/envoyer_mes_donnees',
    name: 'review',
    component: ReviewView,
    meta: { title: 'Vérifier vos informations' },
  },
  {
    path: '/collectivites/:siret/erreur',
    name: 'collectivity-journey-error',
    component: JourneyErrorView,
    meta: { title: 'Démarche interrompue' },
  },
  {
    path: '/erreur',
    name: 'journey-error',
    component: JourneyErrorView,
    meta: { title: 'Démarche interrompue' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: NotFoundView,
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
