import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { TestDb } from '../helpers/test-db.js'
import { englishWords, swedishWords } from '../helpers/language.js'
import { createApp } from '../../src/web/create-app.js'
import type { Lang } from '../../src/i18n/lang.js'
import { UNKNOWN_ORGANISATION } from '../../src/scoring/score-region.js'
import { ownWords } from './page-text.js'
import { DS_A, DS_B, DS_C, HARVESTED, ORG_A, ORG_B, ORG_C } from './seed-pages.js'
import { seededApp } from './seeded-app.js'

let t: TestDb
let app: Hono

beforeAll(async () => {
  ;({ t, app } = await seededApp())
})

afterAll(async () => {
  await t?.drop()
})

const q = (iri: string) => encodeURIComponent(iri)

/** Every page, badge and error a reader can reach, with the status it must answer. */
const ADDRESSES: [string, number][] = [
  ['/', 200],
  [`/organisation?iri=${q(ORG_A)}`, 200],
  [`/organisation?iri=${q(ORG_B)}`, 200],
  [`/organisation?iri=${q(ORG_C)}`, 200],
  [`/organisation?iri=${q(UNKNOWN_ORGANISATION)}`, 200],
  [`/dataset?iri=${q(DS_A)}`, 200],
  [`/dataset?iri=${q(DS_B)}`, 200],
  [`/dataset?iri=${q(DS_C)}`, 200],
  [`/badge/organisation.svg?iri=${q(ORG_A)}`, 200],
  [`/badge/organisation.svg?iri=${q(ORG_C)}`, 200],
  [`/badge/dataset.svg?iri=${q(DS_A)}`, 200],
  [`/badge/dataset.svg?iri=urn:none`, 200],
  ['/organisation', 400],
  ['/dataset', 400],
  ['/organisation?iri=urn:none', 404],
  ['/dataset?iri=urn:none', 404],
  ['/no/such/page', 404],
  ['/api/organisation', 400],
  ['/api/dataset?iri=urn:none', 404],
  ['/api/trend?level=galaxy&key=x', 400],
  ['/api/no/such/resource', 404],
]

async function read(address: string, lang: Lang): Promise<{ status: number; words: string; body: string }> {
  const res = await app.request(`${address}${address.includes('?') ? '&' : '?'}lang=${lang}`)
  const body = await res.text()
  const text = res.headers.get('content-type')?.includes('json') ? (JSON.parse(body) as { error: { message: string } }).error.message : body
  // What the request itself named is not the page's words either: addresses, and the API's own parameter values.
  const named = ['urn:none', '/no/such/page', '/api/no/such/resource', 'galaxy', 'distribution, dataset, organisation, region']
  return { status: res.status, words: ownWords(text, [...HARVESTED, ...named]), body }
}

describe('pages, badges and errors speak one language', () => {
  it.each(ADDRESSES)('%s in English has no Swedish words', async (address, status) => {
    const r = await read(address, 'en')
    expect(r.status).toBe(status)
    expect(r.words.length).toBeGreaterThan(0)
    expect(swedishWords(r.words), r.words).toEqual([])
    if (r.body.startsWith('<html')) expect(r.body).toMatch(/^<html lang="en">/)
  })

  it.each(ADDRESSES)('%s in Swedish has no English words', async (address, status) => {
    const r = await read(address, 'sv')
    expect(r.status).toBe(status)
    expect(r.words.length).toBeGreaterThan(0)
    expect(englishWords(r.words), r.words).toEqual([])
    if (r.body.startsWith('<html')) expect(r.body).toMatch(/^<html lang="sv">/)
  })

  it("renders stored findings from their codes in the reader's language, with plurals", async () => {
    const en = (await read(`/organisation?iri=${q(ORG_A)}`, 'en')).words
    const sv = (await read(`/organisation?iri=${q(ORG_A)}`, 'sv')).words
    expect(en).toContain('The server answers OK but sends an empty file.')
    expect(sv).toContain('Servern svarar OK men skickar en tom fil.')
    // csv-structure found `truncated` twice in one file: one reason, counted.
    expect(en).toContain('(2 occurrences)')
    expect(sv).toContain('(2 förekomster)')
    expect(en).toMatch(/Showing 4 of 4 problems\./)
    expect(sv).toMatch(/Visar 4 av 4 problem\./)
    const dataset = (await read(`/dataset?iri=${q(DS_A)}`, 'en')).words
    expect(dataset).toContain('broken · http-404 The server answers 404: the file is not at this address.')
  })

  it('names the badge and its states from the catalogue', async () => {
    expect((await read(`/badge/dataset.svg?iri=${q(DS_A)}`, 'en')).body).toMatch(/data quality: \d+\/100/)
    expect((await read(`/badge/dataset.svg?iri=${q(DS_A)}`, 'sv')).body).toMatch(/datakvalitet: \d+\/100/)
    expect((await read(`/badge/organisation.svg?iri=${q(ORG_C)}`, 'en')).body).toContain('data quality: not scored')
    expect((await read(`/badge/organisation.svg?iri=${q(ORG_C)}`, 'sv')).body).toContain('datakvalitet: ej bedömd')
    expect((await read('/badge/dataset.svg?iri=urn:none', 'en')).body).toContain('data quality: unknown')
    expect((await read('/badge/dataset.svg?iri=urn:none', 'sv')).body).toContain('datakvalitet: okänd')
  })

  it('answers with the default language when a request names none', async () => {
    const res = await createApp({ db: t.db, lang: 'en' }).request('/organisation')
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toMatch(/^<html lang="en">/)
    expect(html).toContain('The address lacks its iri parameter.')
  })
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
