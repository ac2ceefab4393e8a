/// <reference lib="dom" />
// Code in page.evaluate runs in the browser, where document and getComputedStyle exist.
import { describe, expect, it } from 'vitest'
import { DIST_A, DS_A, ORG_A } from './seed-pages.js'
import { seedFileHistory } from './pages-seed-history.js'
import { axeViolations, horizontalOverflow, useChromium, shoot } from './pages-browser.js'
import { useSeededApp } from './seeded-app.js'

/**
 * WCAG 2.1 AA in a real browser: every page, in both languages, at a desktop width and
 * at a phone's 390 px, has no A or AA violation axe-core finds and no horizontal page
 * scroll; the skip link leads to the content and focus is visible. Screenshots of each
 * go to screenshotDir() for a person to look at.
 */

// Seeding and starting Chromium may each take minutes on a shared, loaded machine.
const web = useSeededApp({ prepare: (t) => seedFileHistory(web.t.db), serve: true, timeoutMs: 180_000 })
const chromium = useChromium()

const q = (iri: string) => encodeURIComponent(iri)
const PAGES: Array<[name: string, path: string]> = [
  ['region', '/?'],
  ['region-sorted', '/?sort=-metadata&q=a&days=30&'],
  ['organisation', `/organisation?iri=${q(ORG_A)}&`],
  ['dataset', `/dataset?iri=${q(DS_A)}&`],
  ['distribution', `/distribution?iri=${q(DIST_A)}&`],
  ['not-found', '/no/such/page?'],
]

describe('the pages meet WCAG 2.1 AA in Chromium', () => {
  for (const lang of ['sv', 'en'] as const) {
    for (const width of [1280, 390]) {
      it(`has no A/AA violation and no sideways page scroll, ${lang} at ${width} px`, async () => {
        const page = await chromium.browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true }) // to inject axe-core under the pages' CSP
        for (const [name, path] of PAGES) {
          await page.goto(`${web.base}${path}lang=${lang}`)
          expect(await page.locator('html').getAttribute('lang')).toBe(lang)
          // What a reader can open is checked open too: the problems of each cause, the chart's values.
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)))
          await shoot(page, `a11y-${name}-${lang}-${width}`)
          expect(await axeViolations(page), `${name} ${lang} ${width}`).toEqual([])
          expect(await horizontalOverflow(page), `${name} ${lang} ${width}`).toBeLessThanOrEqual(0)
        }
        // A badge is an image of its own: named by its title, legible (contrast is checked in test/dashboards/badge.test.ts).
        for (const kind of ['dataset', 'organisation']) {
          await page.goto(`${web.base}/badge/${kind}.svg?iri=${q(kind === 'dataset' ? DS_A : ORG_A)}&lang=${lang}`)
          expect(await page.locator('svg').getAttribute('role')).toBe('img')
          expect(await page.locator('svg title').textContent()).toBeTruthy()
          await shoot(page, `badge-a11y-${kind}-${lang}-${width}`)
        }
        await page.close()
      })
    }
  }

  it('reflows at 320 px too', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 320, height: 700 } })
    for (const [name, path] of PAGES) {
      await page.goto(`${web.base}${path}lang=sv`)
      expect(await horizontalOverflow(page), name).toBeLessThanOrEqual(0)
    }
    await shoot(page, 'a11y-organisation-sv-320')
    await page.close()
  })

  it('skips to the content with the first Tab, with a visible focus ring', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${web.base}/organisation?iri=${q(ORG_A)}&lang=en`)
    await page.keyboard.press('Tab')
    const skip = page.locator('a.skip')
    expect(await skip.evaluate((a) => a === document.activeElement)).toBe(true)
    expect(await skip.innerText()).toBe('Skip to the content')
    expect(await skip.evaluate((a) => getComputedStyle(a).outlineStyle)).toBe('solid')
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0)
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    await page.keyboard.press('Tab')
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement
      return { tag: el.tagName, outline: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth }
    })
    expect(ring).toEqual({ tag: 'A', outline: 'solid', width: '3px' })
    await page.close()
  })

  it('names every chart and puts its values in a table', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } })
    for (const path of ['/?lang=en', `/organisation?iri=${q(ORG_A)}&lang=en`, `/distribution?iri=${q(DIST_A)}&lang=en`]) {
      await page.goto(`${web.base}${path}`)
      const charts = page.locator('svg.chart')
      expect(await charts.count(), path).toBeGreaterThan(0)
      for (const chart of await charts.all()) {
        const name = await chart.evaluate((svg) => document.getElementById(svg.getAttribute('aria-labelledby')!)?.textContent)
        expect(name).toBeTruthy()
        const table = chart.locator('xpath=following-sibling::details[1]//table')
        expect(await table.locator('caption').textContent()).toBe(name)
        expect(await table.locator('tbody tr').count()).toBeGreaterThan(0)
      }
    }
    await page.close()
  })
})
