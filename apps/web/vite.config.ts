import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const apiUrl = process.env.API_URL ?? 'http://localhost:3000'
const proxiedPaths = ['/api', '/health', '/ready', '/docs', '/openapi.json']
const proxy = Object.fromEntries(proxiedPaths.map((path) => [path, { target: apiUrl, changeOrigin: true }]))

export default defineConfig({
  plugins: [vue()],
  server: {
    port: 5173,
    strictPort: true,
    proxy,
  },
  // `vite preview` also serves the production build with the API paths forwarded (`npm run demo` uses
  // scripts/serve-dist.ts, which adds gzip and the nginx image's headers).
  preview: { port: 5173, strictPort: true, proxy },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
})
