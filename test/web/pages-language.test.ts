import { describe, expect, it } from 'vitest'
import { englishWords, swedishWords } from '../helpers/language.js'
import { missingPhrases } from '../helpers/phrases.js'
import { createApp } from '../../src/web/create-app.js'
import type { Lang } from '../../src/i18n/lang.js'
import { UNKNOWN_ORGANISATION } from '../../src/scoring/score-region.js'
import { ownWords } from './page-text.js'
import { DIST_A, DIST_B, DIST_C, DS_A, DS_B, DS_C, HARVESTED, ORG_A, ORG_B, ORG_C } from './seed-pages.js'
import { seedFileHistory } from './pages-seed-history.js'
import { useSeededApp } from './seeded-app.js'

const web = useSeededApp({ prepare: (t) => seedFileHistory(t.db) })

const q = (iri: string) => encodeURIComponent(iri)

/** Every page, badge and error a reader can reach, with the status it must answer. */
const ADDRESSES: [string, number][] = [
  ['/', 200],
  ['/?sort=-name&q=stad&days=30', 200],
  ['/?sort=metadata&days=365', 200],
  ['/?q=nothing-is-called-this', 200],
  [`/organisation?iri=${q(ORG_A)}`, 200],
  [`/organisation?iri=${q(ORG_B)}`, 200],
  [`/organisation?iri=${q(ORG_C)}`, 200],
  [`/organisation?iri=${q(UNKNOWN_ORGANISATION)}`, 200],
  [`/dataset?iri=${q(DS_A)}`, 200],
  [`/dataset?iri=${q(DS_B)}`, 200],
  [`/dataset?iri=${q(DS_C)}`, 200],
  [`/distribution?iri=${q(DIST_A)}`, 200],
  [`/distribution?iri=${q(DIST_B)}`, 200],
  [`/distribution?iri=${q(DIST_C)}`, 200],
  [`/organisation?iri=${q(ORG_A)}&page=2&datasets-page=3`, 200],
  [`/badge/organisation.svg?iri=${q(ORG_A)}`, 200],
  [`/badge/organisation.svg?iri=${q(ORG_C)}`, 200],
  [`/badge/dataset.svg?iri=${q(DS_A)}`, 200],
  [`/badge/dataset.svg?iri=urn:none`, 200],
  ['/organisation', 400],
  ['/dataset', 400],
  ['/organisation?iri=urn:none', 404],
  ['/dataset?iri=urn:none', 404],
  ['/distribution', 400],
  ['/distribution?iri=urn:none', 404],
  ['/no/such/page', 404],
  ['/api/organisation', 400],
  ['/api/dataset?iri=urn:none', 404],
  ['/api/trend?level=galaxy&key=x', 400],
  ['/api/no/such/resource', 404],
]

async function read(address: string, lang: Lang): Promise<{ status: number; words: string; body: string }> {
  const res = await web.app.request(`${address}${address.includes('?') ? '&' : '?'}lang=${lang}`)
  const body = await res.text()
  const text = res.headers.get('content-type')?.includes('json') ? (JSON.parse(body) as { error: { message: string } }).error.message : body
  // What the request itself named is not the page's words either: addresses, and the API's own parameter values.
  const named = ['urn:none', '/no/such/page', '/api/no/such/resource', 'galaxy', 'distribution, dataset, organisation, region', 'nothing-is-called-this']
  return { status: res.status, words: ownWords(text, [...HARVESTED, ...named]), body }
}

describe('pages, badges and errors speak one language', () => {
  for (const [lang, language, other, otherWords] of [
    ['en', 'English', 'Swedish', swedishWords],
    ['sv', 'Swedish', 'English', englishWords],
  ] as const) {
    it.each(ADDRESSES)(`%s in ${language} has no ${other} words`, async (address, status) => {
      const r = await read(address, lang)
      expect(r.status).toBe(status)
      expect(r.words.length).toBeGreaterThan(0)
      expect(otherWords(r.words), r.words).toEqual([])
      if (r.body.startsWith('<html')) expect(r.body).toMatch(new RegExp(`^<html lang="${lang}">`))
    })
  }

  it("renders stored findings from their codes in the reader's language, with plurals", async () => {
    /** The same words in English and in Swedish. */
    const said: [en: string, sv: string][] = [
      ['The server answers OK but sends an empty file.', 'Servern svarar OK men skickar en tom fil.'],
      // csv-structure found `truncated` twice in one file: one reason, counted.
      ['(2 occurrences)', '(2 förekomster)'],
      ['Causes 1–3 of 3, 4 problems in all.', 'Orsak 1–3 av 3, sammanlagt 4 problem.'],
      // Two files with one cause are one group, counted.
      ['2 files: The address is not a valid http or https URL.', '2 filer: Adressen är ingen giltig http- eller https-adress.'],
    ]
    const en = (await read(`/organisation?iri=${q(ORG_A)}`, 'en')).words
    const sv = (await read(`/organisation?iri=${q(ORG_A)}`, 'sv')).words
    expect(missingPhrases(en, said.map(([english]) => english))).toEqual([])
    expect(missingPhrases(sv, said.map(([, swedish]) => swedish))).toEqual([])
    const dataset = (await read(`/dataset?iri=${q(DS_A)}`, 'en')).words
    expect(dataset).toContain('broken · http-404 The server answers 404: the file is not at this address.')
  })

  it.each<[address: string, en: string | RegExp, sv: string | RegExp]>([
    [`/badge/dataset.svg?iri=${q(DS_A)}`, /data quality: \d+\/100/, /datakvalitet: \d+\/100/],
    [`/badge/organisation.svg?iri=${q(ORG_C)}`, 'data quality: not scored', 'datakvalitet: ej bedömd'],
    ['/badge/dataset.svg?iri=urn:none', 'data quality: unknown', 'datakvalitet: okänd'],
  ])('names the badge %s and its state from the catalogue', async (address, en, sv) => {
    expect((await read(address, 'en')).body).toMatch(en)
    expect((await read(address, 'sv')).body).toMatch(sv)
  })

  it('answers with the default language when a request names none', async () => {
    const res = await createApp({ db: web.t.db, lang: 'en' }).request('/organisation')
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
    ['a file', `/distribution?iri=${encodeURIComponent(DIST_B)}`, 'text/csv', 'text/csv'],
  ])('keeps the parameters of %s page and only changes the language', async (_what, address, englishH1, swedishH1) => {
    const sv = await web.app.request(address)
    const svHtml = await sv.text()
    expect(svHtml).toContain(`<h1>${swedishH1}</h1>`)
    const link = otherLanguageLink(svHtml)
    expect(link.lang).toBe('en')
    const en = await web.app.request(link.href)
    expect(en.status).toBe(200)
    const enHtml = await en.text()
    expect(enHtml).toMatch(/^<html lang="en">/)
    expect(enHtml).toContain(`<h1>${englishH1}</h1>`)
    const back = await web.app.request(otherLanguageLink(enHtml).href)
    expect(await back.text()).toContain(`<h1>${swedishH1}</h1>`)
  })

  it.each([
    ['the region, sorted, searched and over 30 days', '/?sort=-metadata&q=stad&days=30', ['sort', 'q', 'days']],
    ['an organisation on its second pages', `/organisation?iri=${encodeURIComponent(ORG_A)}&page=2&datasets-page=2`, ['iri', 'page', 'datasets-page']],
    ['a file', `/distribution?iri=${encodeURIComponent(DIST_A)}`, ['iri']],
  ])('keeps every parameter of %s', async (_what, address, keys) => {
    const asked = new URL(address, 'http://h').searchParams
    const link = otherLanguageLink(await (await web.app.request(address)).text())
    const got = new URL(link.href, 'http://h').searchParams
    for (const key of keys) expect(got.get(key), key).toBe(asked.get(key))
    expect(got.get('lang')).toBe('en')
    const back = new URL(otherLanguageLink(await (await web.app.request(link.href)).text()).href, 'http://h').searchParams
    expect(Object.fromEntries(back)).toEqual({ ...Object.fromEntries(asked), lang: 'sv' })
  })

  it('keeps the parameters of an error page too', async () => {
    const html = await (await web.app.request('/dataset?iri=urn:none&lang=en')).text()
    const link = otherLanguageLink(html)
    expect(new URL(link.href, 'http://h').searchParams.get('iri')).toBe('urn:none')
  })
})
