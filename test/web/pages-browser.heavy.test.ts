import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerType } from '@hono/node-server'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { TestDb } from '../helpers/test-db.js'
import { swedishWords } from '../helpers/language.js'
import { DS_A, HARVESTED, ORG_A } from './seed-pages.js'
import { seededApp, serveOnLoopback } from './seeded-app.js'

/**
 * The pages in a real browser (Debian's chromium through playwright-core): a reader clicks
 * from the region to a publisher, to a dataset, and switches language on the way. With
 * DATAVAKT_SCREENSHOTS=<folder> it saves a screenshot of every page in both languages.
 */

let t: TestDb
let server: ServerType
let base: string
let browser: Browser

beforeAll(async () => {
  const seeded = await seededApp()
  t = seeded.t
  ;({ server, base } = await serveOnLoopback(seeded.app))
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))
  expect(executablePath, 'Debian chromium must be installed (apt-get install chromium)').toBeTruthy()
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
})

afterAll(async () => {
  await browser?.close()
  server?.close()
  await t?.drop()
})

async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.DATAVAKT_SCREENSHOTS
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  // A bare SVG document has no page to scroll: take the image itself.
  if (name.startsWith('badge')) await page.locator('svg').screenshot({ path })
  else await page.screenshot({ path, fullPage: true })
}

/** The page's visible text without the harvested data, and without the link to the other language. */
async function ownText(page: Page): Promise<string> {
  let text = await page.locator('body').innerText()
  text = text.replace(/\bSvenska\b/, '')
  for (const h of [...HARVESTED].sort((a, b) => b.length - a.length)) text = text.split(h).join(' ')
  return text
}

describe('the pages in Chromium', () => {
  it('lead a Swedish reader from the region to a publisher and a dataset, then to the same page in English', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${base}/`)
    expect(await page.locator('#organisations tbody tr').count()).toBe(3)
    await shoot(page, 'region-sv')
    await page.click('text=Göteborgs Stad')
    await page.waitForSelector('#problems')
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
    await page.click('#problems >> text=Bathing places')
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

  it('shows an error page in the chosen language, and badges as images', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 600 } })
    const res = await page.goto(`${base}/dataset?iri=urn:none&lang=en`)
    expect(res?.status()).toBe(404)
    expect(await page.locator('#error-text').innerText()).toBe('No dataset with the IRI urn:none is known here.')
    await shoot(page, 'error-en')
    await page.goto(`${base}/no/such/page`)
    expect(await page.locator('h1').innerText()).toBe('Hittades inte')
    await shoot(page, 'error-sv')
    for (const lang of ['sv', 'en']) {
      await page.goto(`${base}/badge/organisation.svg?iri=${encodeURIComponent(ORG_A)}&lang=${lang}`)
      expect(await page.locator('svg title').textContent()).toMatch(lang === 'sv' ? /^datakvalitet: \d+\/100$/ : /^data quality: \d+\/100$/)
      await shoot(page, `badge-${lang}`)
    }
    await page.close()
  })
})
