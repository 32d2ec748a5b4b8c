// DSFR styles, imported piece by piece: the core and only the components the app renders.
// Never import icons.min.css (it inlines every icon, ~2.9 MB): components bring the few icons they use.
// No DSFR JavaScript either (ADR 0018): no component the app renders needs it (no menu, modal, accordion).
import '@gouvfr/dsfr/dist/core/core.min.css'
import '@gouvfr/dsfr/dist/component/link/link.min.css'
import '@gouvfr/dsfr/dist/component/button/button.min.css'
import '@gouvfr/dsfr/dist/component/logo/logo.min.css'
import '@gouvfr/dsfr/dist/component/skiplink/skiplink.min.css'
import '@gouvfr/dsfr/dist/component/header/header.min.css'
import '@gouvfr/dsfr/dist/component/footer/footer.min.css'
import '@gouvfr/dsfr/dist/component/connect/connect.min.css'
import '@gouvfr/dsfr/dist/component/alert/alert.min.css'
import '@gouvfr/dsfr/dist/component/table/table.min.css'
import '@gouvfr/dsfr/dist/component/stepper/stepper.min.css'
import '@gouvfr/dsfr/dist/component/form/form.min.css'
import '@gouvfr/dsfr/dist/component/input/input.min.css'
import '@gouvfr/dsfr/dist/component/callout/callout.min.css'
import './app.css'
