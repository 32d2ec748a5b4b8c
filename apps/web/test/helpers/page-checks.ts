import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { saveScreenshot } from './artifacts.js'
import { axeViolations } from './axe.js'

/** The two widths every page is checked at: a small phone and a desktop. */
export const MOBILE = { width: 320, height: 640 }
export const DESKTOP = { width: 1280, height: 800 }

export interface PageStateCheck {
  /** The screenshots' base name. */
  name: string
  /** The page's one h1 (exact text, or a pattern). */
  h1: string | RegExp
  /** The document title before " - Quotient familial". */
  title: string
  /** Also run axe at the desktop width (the layouts differ). */
  axeOnDesktop?: boolean
  /** What the title must never show (personal data). */
  titleMustNotMatch?: RegExp
}

/**
 * The checks every page and state passes: French, one h1 with this text, its own title, no axe
 * violation (WCAG 2.1 A/AA) at 320 px, nothing wider than the screen; then a screenshot at 320 px and
 * on desktop. The page is left at 320 px.
 */
export async function checkPageState(page: Page, check: PageStateCheck): Promise<void> {
  const { name, h1, title } = check
  await page
    .getByRole('heading', { level: 1, name: h1, ...(typeof h1 === 'string' ? { exact: true } : {}) })
    .waitFor()
  expect(await page.getAttribute('html', 'lang')).toBe('fr')
  expect(await page.locator('h1').count()).toBe(1)
  expect(await page.title()).toBe(`${title} - Quotient familial`)
  if (check.titleMustNotMatch) expect(await page.title()).not.toMatch(check.titleMustNotMatch)
  expect(await axeViolations(page), `${name}: axe-core violations`).toEqual([])
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow, `${name}: wider than 320 px`).toBeLessThanOrEqual(0)
  await saveScreenshot(page, `${name}-320`)
  await page.setViewportSize(DESKTOP)
  await saveScreenshot(page, `${name}-desktop`)
  if (check.axeOnDesktop)
    expect(await axeViolations(page), `${name} (desktop): axe-core violations`).toEqual([])
  await page.setViewportSize(MOBILE)
}
