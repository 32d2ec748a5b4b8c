import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Flags that keep Chromium quiet on a closed network (no background calls home). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Debian's Chromium through playwright-core; create pages with `browser.newContext()`. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium" (as root) ` +
        'or point CHROMIUM_PATH to a Chromium binary.',
    )
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

export interface PageWatch {
  /** Console messages of type "error" and uncaught page exceptions. */
  errors: string[]
  /** Every request whose URL is not on the allowed origin (data: and blob: URLs are not network calls). */
  foreignRequests: string[]
}

/** Records what a page does that a test usually forbids: errors, and calls to any other host. */
export function watchPage(page: Page, allowedOrigin: string): PageWatch {
  const watch: PageWatch = { errors: [], foreignRequests: [] }
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => watch.errors.push(`pageerror: ${error.message}`))
  page.on('request', (request) => {
    const url = request.url()
    if (url.startsWith('data:') || url.startsWith('blob:')) return
    if (new URL(url).origin !== allowedOrigin) watch.foreignRequests.push(url)
  })
  return watch
}
