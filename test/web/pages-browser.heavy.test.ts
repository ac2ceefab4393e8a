import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { swedishWords } from '../helpers/language.js'
import { DIST_A, DS_A, HARVESTED, ORG_A, ORG_B } from './seed-pages.js'
import { HVD_HARVESTED, seedHvd } from './seed-hvd.js'
import { seedFileHistory } from './pages-seed-history.js'
import { axeViolations, horizontalOverflow, useChromium, screenshotDir, shoot } from './pages-browser.js'
import { useSeededApp } from './seeded-app.js'

/**
 * The pages in a real browser (Debian's chromium through playwright-core): a reader clicks
 * from the region to a publisher, to a dataset, and switches language on the way, with a
 * screenshot of every page in both languages (see screenshotDir in pages-browser.ts).
 */

// Seeding and starting Chromium may each take minutes on a shared, loaded machine.
const web = useSeededApp({
  prepare: async (t) => {
    await seedFileHistory(web.t.db)
    await seedHvd(web.t.db)
  },
  serve: true,
  timeoutMs: 180_000,
})
const chromium = useChromium()

/** The page's visible text without the harvested data, and without the link to the other language. */
async function ownText(page: Page): Promise<string> {
  let text = await page.locator('body').innerText()
  text = text.replace(/\bSvenska\b/, '')
  for (const h of [...HARVESTED, ...HVD_HARVESTED].sort((a, b) => b.length - a.length)) text = text.split(h).join(' ')
  return text
}

describe('the pages in Chromium', () => {
  it('lead a Swedish reader from the region to a publisher and a dataset, then to the same page in English', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${web.base}/`)
    expect(await page.locator('#organisations tbody tr').count()).toBe(3)
    await shoot(page, 'region-sv')
    await page.click('text=Göteborgs Stad')
    await page.waitForSelector('#problems')
    // Each cause is a closed <details>: open them all, as a reader would.
    for (const summary of await page.locator('#problems summary').all()) await summary.click()
    const problems = await page.locator('#problems').innerText()
    expect(problems).toContain('Servern svarar OK men skickar en tom fil.')
    expect(problems).toContain('2 förekomster')
    await shoot(page, 'organisation-sv')
    await page.click('header >> text=English')
    await page.waitForSelector('html[lang="en"]')
    expect(new URL(page.url()).searchParams.get('iri')).toBe(ORG_A)
    expect(await page.locator('h1').innerText()).toBe('City of Gothenburg')
    expect(await page.locator('#problems').innerText()).toContain('The server answers OK but sends an empty file.')
    expect(swedishWords(await ownText(page))).toEqual([])
    await shoot(page, 'organisation-en')
    await page.locator('#problems summary').first().click()
    await page.locator('#problems a', { hasText: 'Bathing places' }).first().click()
    await page.waitForSelector('[data-distribution]')
    expect(await page.locator('h1').innerText()).toBe('Bathing places')
    expect(new URL(page.url()).searchParams.get('iri')).toBe(DS_A)
    expect(swedishWords(await ownText(page))).toEqual([])
    await shoot(page, 'dataset-en')
    await page.click('header >> text=Svenska')
    await page.waitForSelector('html[lang="sv"]')
    expect(await page.locator('h1').innerText()).toBe('Badplatser')
    await shoot(page, 'dataset-sv')
    await page.click('header >> text=datavakt')
    await page.click('header >> text=English')
    await page.waitForSelector('html[lang="en"]')
    await shoot(page, 'region-en')
    await page.close()
  })

  it('search, sort and the trend switch work without JavaScript, and the language link keeps them', async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${web.base}/?lang=en`)
    await page.fill('#q', 'ale')
    await page.click('form[role=search] button')
    await page.waitForURL(/q=ale/)
    expect(await page.locator('#organisations tbody tr').count()).toBe(1)
    await page.click('#organisations th >> text=Metadata')
    await page.click('#organisations th >> text=Metadata') // again: the other way
    await page.click('#trend-days >> text=365 days')
    const url = new URL(page.url())
    expect(Object.fromEntries(url.searchParams)).toEqual({ lang: 'en', q: 'ale', sort: '-metadata', days: '365' })
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain('Metadata')
    await shoot(page, 'region-searched-en')
    await page.click('header >> text=Svenska')
    await page.waitForSelector('html[lang="sv"]')
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ lang: 'sv', q: 'ale', sort: '-metadata', days: '365' })
    expect(await page.inputValue('#q')).toBe('ale')
    await shoot(page, 'region-searched-sv')
    await context.close()
  })

  it("leads from a dataset to a file's page, whose address is a link", async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 390, height: 900 } })
    await page.goto(`${web.base}/dataset?iri=${encodeURIComponent(DS_A)}&lang=en`)
    expect(await page.locator('#embed-markdown').innerText()).toContain(`/badge/dataset.svg?iri=${encodeURIComponent(DS_A)}&lang=en`)
    await page.locator(`[data-distribution="${DIST_A}"] h3 a`).click()
    await page.waitForSelector('#uptime')
    expect(new URL(page.url()).searchParams.get('iri')).toBe(DIST_A)
    expect(await page.locator('#file-address a').getAttribute('href')).toBe('http://127.0.0.2/bad.csv')
    expect(await page.locator('#changes tbody tr').count()).toBe(3)
    expect(swedishWords(await ownText(page))).toEqual([])
    await shoot(page, 'distribution-en-390')
    await page.click('header >> text=Svenska')
    await page.waitForSelector('html[lang="sv"]')
    expect(new URL(page.url()).searchParams.get('iri')).toBe(DIST_A)
    await shoot(page, 'distribution-sv-390')
    await page.close()
  })

  it("shows a publisher's HVD obligations as a section of its own, at 1280 and 390 px, in both languages", async () => {
    for (const width of [1280, 390]) {
      const page = await chromium.browser.newPage({ viewport: { width, height: 900 } })
      for (const lang of ['sv', 'en'] as const) {
        await page.goto(`${web.base}/organisation?iri=${encodeURIComponent(ORG_B)}&lang=${lang}`)
        const section = page.locator('section#hvd')
        await section.scrollIntoViewIfNeeded()
        expect(await section.locator('h2').innerText()).toBe(lang === 'sv' ? 'Högvärdesdatamängder (HVD)' : 'High-value datasets (HVD)')
        expect(await section.locator('.hvd-dataset').count()).toBe(2)
        const text = await section.innerText()
        expect(text).toContain(lang === 'sv' ? 'Titel och beskrivning på engelska' : 'Title and description in English')
        expect(text).toContain(lang === 'sv' ? 'svarade på 90 % av 30 kontroller' : 'answered 90 % of 30 checks')
        if (lang === 'en') expect(swedishWords(await ownText(page))).toEqual([])
        expect(await horizontalOverflow(page)).toBe(0)
        // Nor is anything cut off at the edge of a table's scroll box: the words wrap.
        expect(await section.locator('.table-scroll').evaluateAll((boxes) => boxes.map((b) => b.scrollWidth - b.clientWidth))).toEqual([0, 0])
        expect(await axeViolations(page)).toEqual([])
        await section.screenshot({ path: `${screenshotDir()}/hvd-${lang}-${width}.png` })
      }
      await page.close()
    }
  })

  it('shows an error page in the chosen language, and badges as images', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 600 } })
    const res = await page.goto(`${web.base}/dataset?iri=urn:none&lang=en`)
    expect(res?.status()).toBe(404)
    expect(await page.locator('#error-text').innerText()).toBe('No dataset with the IRI urn:none is known here.')
    await shoot(page, 'error-en')
    await page.goto(`${web.base}/no/such/page`)
    expect(await page.locator('h1').innerText()).toBe('Hittades inte')
    await shoot(page, 'error-sv')
    for (const lang of ['sv', 'en']) {
      await page.goto(`${web.base}/badge/organisation.svg?iri=${encodeURIComponent(ORG_A)}&lang=${lang}`)
      expect(await page.locator('svg title').textContent()).toMatch(lang === 'sv' ? /^datakvalitet: \d+\/100 \(senast kontrollerad \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/ : /^data quality: \d+\/100 \(last checked \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/)
      await shoot(page, `badge-${lang}`)
    }
    await page.close()
  })
})
