import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const apiUrl = process.env.API_URL ?? 'http://localhost:3000'
const proxiedPaths = ['/api', '/health', '/ready', '/docs', '/openapi.json']

export default defineConfig({
  plugins: [vue()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(proxiedPaths.map((path) => [path, { target: apiUrl, changeOrigin: true }])),
  },
  preview: { port: 5173, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
})
