import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { editorResourcesPlugin } from './scripts/editor-resources.js'

const apiUrl = process.env.API_URL ?? 'http://localhost:3000'
const proxiedPaths = ['/api', '/health', '/ready', '/docs', '/openapi.json']
const proxy = Object.fromEntries(proxiedPaths.map((path) => [path, { target: apiUrl, changeOrigin: true }]))

export default defineConfig({
  // Every component is `<script setup>`: Vue's Options API is left out of the bundle (~4 kB gzipped).
  // editorResourcesPlugin: the vendors' guide, the kit's README/CHANGELOG, the schemas, at /editeurs/ressources/.
  plugins: [vue({ features: { optionsAPI: false } }), editorResourcesPlugin()],
  server: {
    port: 5173,
    strictPort: true,
    proxy,
  },
  // `vite preview` also serves the production build with the API paths forwarded (`npm run demo` uses
  // scripts/serve-dist.ts, which adds gzip and the nginx image's headers).
  preview: { port: 5173, strictPort: true, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Everything the first page needs in one file (Vue, the router, the API client, the two entry
    // pages): left alone, the bundler splits the modules the lazy views share with the entry into
    // common chunks, and each extra file compresses worse (ADR 0018's 50 kB budget).
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] } } },
  },
})
