import './styles/dsfr.js'
import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router/index.js'

// Mount once the first route's view (a lazy chunk) is loaded: the first paint has the whole page,
// not the header and footer alone with the view popping in between.
const app = createApp(App).use(router)
void router.isReady().then(() => app.mount('#app'))
