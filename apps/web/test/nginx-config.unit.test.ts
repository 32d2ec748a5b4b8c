import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const read = (file: string) =>
  readFileSync(fileURLToPath(new URL(`../nginx/${file}`, import.meta.url)), 'utf8')
const template = read('default.conf.template')
const headers = read('security-headers.conf')
const hstsScript = fileURLToPath(new URL('../nginx/15-hsts.envsh', import.meta.url))

/** The API's largest accepted body: `POST /admin/collectivities/import` (bodyLimit in the registry routes). */
const importLimitBytes = 5 * 1024 * 1024

describe('the web image’s nginx (issue 21, info)', () => {
  it('lets an import of up to 5 MB reach the API (its own problem+json 413 beyond)', () => {
    const sizes = [...template.matchAll(/client_max_body_size\s+(\d+)([km]?);/g)].map(([, n, unit]) => {
      const factor = unit === 'm' ? 1024 * 1024 : unit === 'k' ? 1024 : 1
      return Number(n) * factor
    })
    expect(sizes.length).toBeGreaterThan(0)
    for (const size of sizes) expect(size).toBeGreaterThan(importLimitBytes)
  })

  it('sends HSTS on the SPA’s files when WEB_PUBLIC_URL is https, none on the http demo', () => {
    expect(headers).toMatch(/add_header Strict-Transport-Security \$spa_hsts always;/)
    expect(template).toMatch(/map \$host \$spa_hsts \{\s*default "\$\{SPA_HSTS\}";/)
    // The entrypoint sources the script: run it the same way.
    const hsts = (url: string) =>
      execFileSync('sh', ['-c', `. "${hstsScript}"; printf %s "$SPA_HSTS"`], {
        env: { PATH: process.env.PATH ?? '', WEB_PUBLIC_URL: url },
      }).toString()
    expect(hsts('https://qf.example.fr')).toBe('max-age=31536000; includeSubDomains')
    expect(hsts('http://localhost:5173')).toBe('')
    expect(hsts('')).toBe('')
  })
})
