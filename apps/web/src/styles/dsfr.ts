// DSFR styles the shell needs on every page: the core and the shell's components (the ".main" builds,
// without the legacy-browser and print layers). A component used by only some views imports its own
// DSFR stylesheet next to it, so it loads with that view’s chunk.
// Never import icons.min.css (it inlines every icon, ~2.9 MB): components bring the few icons they use.
// No DSFR JavaScript either (ADR 0018): no component the app renders needs it (no menu, modal, accordion).
import '@gouvfr/dsfr/dist/core/core.main.min.css'
import '@gouvfr/dsfr/dist/component/link/link.main.min.css'
import '@gouvfr/dsfr/dist/component/button/button.main.min.css'
import '@gouvfr/dsfr/dist/component/logo/logo.main.min.css'
import '@gouvfr/dsfr/dist/component/skiplink/skiplink.main.min.css'
import '@gouvfr/dsfr/dist/component/header/header.main.min.css'
import '@gouvfr/dsfr/dist/component/footer/footer.main.min.css'
import './app.css'
