import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Component tests opt into the DOM with a `// @vitest-environment happy-dom` docblock;
// everything else (api client, e2e) runs in Node.
export default defineConfig({
  plugins: [vue()],
  test: {
    name: 'web',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
