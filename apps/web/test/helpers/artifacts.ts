import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { WEB_ROOT } from './build-spa.js'

/** Where the e2e run leaves its screenshots (ignored by git: test-results/). */
export const SCREENSHOTS_DIR = join(WEB_ROOT, 'test-results', 'screenshots')

/** Saves a full-page screenshot named after the step, e.g. `landing-320.png`. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true })
  const path = join(SCREENSHOTS_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
