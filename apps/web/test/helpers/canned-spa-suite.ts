import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { launchBrowser, watchPage, type PageWatch } from './browser.js'
import { buildSpa, type BuiltSpa } from './build-spa.js'
import { startStaticServer, type StaticServer } from './static-server.js'

import type { RequestHandler } from './static-server.js'

/** What one test of a canned-API browser suite works with (new for each test). */
export interface CannedSpaWorld<Api> {
  browser: Browser
  context: BrowserContext
  page: Page
  api: Api
  watch: PageWatch
  /** The SPA's origin (production build, same-origin canned API). */
  baseUrl: string
}

/**
 * A browser suite over the SPA's production build and a canned same-origin API: Chromium and the
 * build once per file; per test a fresh API, server, context and page. After each test: no console
 * error but the API statuses the test said it expects, and no request to another origin.
 */
export function cannedSpaSuite<Api extends { handle: RequestHandler }>(options: {
  createApi: () => Api
  viewport: { width: number; height: number }
}) {
  let spa: BuiltSpa | undefined
  let browser: Browser | undefined
  let server: StaticServer | undefined
  let world: CannedSpaWorld<Api> | undefined
  /** HTTP statuses of API answers a test expects: Chromium logs each as a console error. */
  let expectedStatuses: number[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    spa = await buildSpa()
  })
  afterAll(async () => {
    await browser?.close()
    await spa?.remove()
  })
  beforeEach(async () => {
    if (!browser || !spa) throw new Error('browser or SPA missing')
    const api = options.createApi()
    server = await startStaticServer(spa.dir, { handle: api.handle })
    const context = await browser.newContext({ viewport: options.viewport })
    const page = await context.newPage()
    world = { browser, context, page, api, watch: watchPage(page, server.url), baseUrl: server.url }
    expectedStatuses = []
  })
  afterEach(async () => {
    await world?.context.close()
    await server?.close()
    const expected = new RegExp(
      `^console: Failed to load resource: the server responded with a status of (${expectedStatuses.join('|')}) `,
    )
    const errors = world?.watch.errors ?? []
    expect(errors.filter((error) => expectedStatuses.length === 0 || !expected.test(error))).toEqual([])
    expect(world?.watch.foreignRequests ?? []).toEqual([])
  })

  return {
    get world(): CannedSpaWorld<Api> {
      if (!world) throw new Error('no test running')
      return world
    },
    /** The API statuses this test provokes on purpose (Chromium logs each as a console error). */
    expectStatuses(...statuses: number[]) {
      expectedStatuses = statuses
    },
  }
}
