/// <reference lib="dom" />
// Code in page.evaluate runs in the browser, where document and getComputedStyle exist.
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'

/**
 * What the heavy page suites share: Debian's chromium through playwright-core, with every
 * background service off (tests talk to loopback only), screenshots, and axe-core.
 */

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Debian's chromium, headless with FLAGS; fails the test with an install hint when it is missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))
  expect(executablePath, 'Debian chromium must be installed (apt-get install chromium)').toBeTruthy()
  return chromium.launch({ executablePath, args: FLAGS })
}

/** Registers beforeAll (launch Chromium, allowing `timeoutMs` on a loaded machine) and afterAll (close it); read `.browser` inside tests. */
export function useChromium(timeoutMs = 180_000): { browser: Browser } {
  const file = { browser: undefined as unknown as Browser }
  beforeAll(async () => {
    file.browser = await launchChromium()
  }, timeoutMs)
  afterAll(async () => {
    await file.browser?.close()
  })
  return file
}

/** Where screenshots go: DATAVAKT_SCREENSHOTS, else a folder in the system's temp dir (never the repository). */
export function screenshotDir(): string {
  return process.env.DATAVAKT_SCREENSHOTS ?? join(tmpdir(), 'datavakt-pages')
}

export async function shoot(page: Page, name: string): Promise<void> {
  const dir = screenshotDir()
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  // A bare SVG document has no page to scroll: take the image itself.
  if (name.startsWith('badge')) await page.locator('svg').screenshot({ path })
  else await page.screenshot({ path, fullPage: true })
}

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

/** The WCAG 2.0/2.1 A and AA violations axe-core finds on the page, each with the selectors of its nodes. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated, not added as a <script>: the pages' Content-Security-Policy allows no script, and must not for this test.
  await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'))
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }))
  })
}

/** How many CSS pixels the page is wider than its viewport (0 when it reflows). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
}
