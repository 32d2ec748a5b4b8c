import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/** The WCAG 2.1 A and AA rules axe-core knows (RGAA 4.1 builds on WCAG 2.1 AA). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** Runs axe-core on the page as it is; returns one line per violation (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  return violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
}
