import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { createApp } from '../../src/web/create-app.js'
import { DS_A, ORG_A, seedPages } from './seed-pages.js'

let t: TestDb
let app: Hono

beforeAll(async () => {
  t = await createTestDb()
  await seedPages(t.db)
  app = createApp({ db: t.db, lang: 'sv' })
})

afterAll(async () => {
  await t?.drop()
})

/** The href of the page's link to the other language (the one with hreflang). */
function otherLanguageLink(html: string): { href: string; lang: string } {
  const m = /<a href="([^"]*)" hreflang="([a-z]+)"/.exec(html)
  expect(m, 'a language link').toBeTruthy()
  return { href: m![1].replace(/&amp;/g, '&'), lang: m![2] }
}

describe('switching language', () => {
  it.each([
    ['an organisation', `/organisation?iri=${encodeURIComponent(ORG_A)}`, 'City of Gothenburg', 'Göteborgs Stad'],
    ['a dataset', `/dataset?iri=${encodeURIComponent(DS_A)}`, 'Bathing places', 'Badplatser'],
    ['the region', '/', 'Region', 'Regionen'],
  ])('keeps the parameters of %s page and only changes the language', async (_what, address, englishH1, swedishH1) => {
    const sv = await app.request(address)
    const svHtml = await sv.text()
    expect(svHtml).toContain(`<h1>${swedishH1}</h1>`)
    const link = otherLanguageLink(svHtml)
    expect(link.lang).toBe('en')
    const en = await app.request(link.href)
    expect(en.status).toBe(200)
    const enHtml = await en.text()
    expect(enHtml).toMatch(/^<html lang="en">/)
    expect(enHtml).toContain(`<h1>${englishH1}</h1>`)
    const back = await app.request(otherLanguageLink(enHtml).href)
    expect(await back.text()).toContain(`<h1>${swedishH1}</h1>`)
  })

  it('keeps the parameters of an error page too', async () => {
    const html = await (await app.request('/dataset?iri=urn:none&lang=en')).text()
    const link = otherLanguageLink(html)
    expect(new URL(link.href, 'http://h').searchParams.get('iri')).toBe('urn:none')
  })
})
