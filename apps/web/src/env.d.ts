/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the API when it is not served from the same origin as the SPA (empty: same origin). */
  readonly VITE_API_URL?: string
  /** Publisher of this instance (name, address, director of publication), for the legal notice. */
  readonly VITE_OPERATOR_PUBLISHER?: string
  /** Host of this instance (name, address), for the legal notice. */
  readonly VITE_OPERATOR_HOSTING?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
