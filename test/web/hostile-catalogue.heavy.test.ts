/// <reference lib="dom" />
// Code in page.evaluate runs in the browser, where document exists.
/**
 * Issue 10, "the web stays safe": a catalogue on 127.0.0.1 whose titles, descriptions,
 * keywords, names and URLs carry `<script>`, `onerror=`, `javascript:` and `data:`, and
 * one 100,000-character title, is harvested; every page (region, organisation, each
 * dataset, the badges) is loaded in headless Chromium, in both languages, at a desktop
 * and a phone width. With the Content-Security-Policy bypassed (so escaping alone must
 * hold): no dialog opens, no script element or `on…` attribute exists, no `javascript:` or
 * `data:` URL is a link or a source, the long title makes no horizontal page scroll, and
 * the page's HTML stays bounded.
 */
import type { ServerType } from '@hono/node-server'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harvestSource } from '../../src/harvest/harvest-source.js'
import { createApp } from '../../src/web/create-app.js'
import { testDeps } from '../harvest/deps.js'
import { send, serve, type TestServer } from '../harvest/serve.js'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { horizontalOverflow, launchChromium } from './pages-browser.js'
import { serveOnLoopback } from './seeded-app.js'

const LONG = 100_000
const ORG = 'http://127.0.0.1/org/evil'
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const SCRIPT = '<script>alert("title")</script>'
const ONERROR = '"><img src=x onerror=alert("desc")>'
const JS = 'javascript:alert(document.domain)'
const DATA = 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='

function catalogue(base: string): string {
  const ds = (i: number, title: string, extra: string) => `
<dcat:Dataset rdf:about="${base}/dataset/${i}">
  <dcterms:title xml:lang="sv">${esc(title)}</dcterms:title>
  <dcterms:title xml:lang="en">${esc(title)}</dcterms:title>
  <dcterms:description xml:lang="sv">${esc(ONERROR)} ${esc(SCRIPT)}</dcterms:description>
  <dcterms:description xml:lang="en">${esc(ONERROR)}</dcterms:description>
  <dcterms:publisher rdf:resource="${ORG}"/>
  <dcat:keyword xml:lang="sv">${esc(SCRIPT)}</dcat:keyword>
  <dcat:keyword xml:lang="en">${esc(ONERROR)}</dcat:keyword>
  <dcat:keyword>${esc(JS)}</dcat:keyword>
  <dcat:contactPoint><vcard:Organization><vcard:fn>${esc(SCRIPT)}</vcard:fn><vcard:hasEmail rdf:resource="mailto:x@example.se?body=%3Cscript%3E"/></vcard:Organization></dcat:contactPoint>
  ${extra}
</dcat:Dataset>`
  const dist = (i: number, access: string, download: string) => `
  <dcat:distribution>
    <dcat:Distribution rdf:about="${base}/dataset/${i}/dist">
      <dcterms:title xml:lang="sv">${esc(SCRIPT)}</dcterms:title>
      <dcat:accessURL rdf:resource="${esc(access)}"/>
      <dcat:downloadURL rdf:resource="${esc(download)}"/>
      <dcterms:format>${esc(ONERROR)}</dcterms:format>
      <dcterms:license rdf:resource="${esc(JS)}"/>
    </dcat:Distribution>
  </dcat:distribution>`
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/"
  xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">
<dcat:Catalog rdf:about="${base}/catalog">
  <dcterms:title xml:lang="sv">${esc(SCRIPT)}</dcterms:title>
  <dcterms:publisher rdf:resource="${ORG}"/>
  <dcat:dataset rdf:resource="${base}/dataset/0"/>
  <dcat:dataset rdf:resource="${base}/dataset/1"/>
  <dcat:dataset rdf:resource="${base}/dataset/2"/>
</dcat:Catalog>
<foaf:Agent rdf:about="${ORG}"><foaf:name xml:lang="sv">${esc(SCRIPT)}</foaf:name><foaf:homepage rdf:resource="${esc(JS)}"/></foaf:Agent>
${ds(0, SCRIPT, `<dcat:landingPage rdf:resource="${esc(JS)}"/>${dist(0, JS, DATA)}`)}
${ds(1, 'Lång' + 'x'.repeat(LONG), `<dcat:landingPage rdf:resource="${esc(DATA)}"/>${dist(1, `${base}/files/1.csv`, JS)}`)}
${ds(2, `onerror=alert(1) ${ONERROR}`, `<dcat:landingPage rdf:resource="${base}/landing?a=${encodeURIComponent(SCRIPT)}"/>${dist(2, DATA, `${base}/files/2.csv`)}`)}
</rdf:RDF>
`
}

let t: TestDb
let cat: TestServer
let web: { server: ServerType; base: string }
let browser: Browser
const deps = testDeps()

beforeAll(async () => {
  t = await createTestDb()
  cat = await serve((_req, res, url) => {
    if (url.pathname === '/catalog.rdf') return send(res, catalogue(cat.origin))
    return false
  })
  const result = await harvestSource(t.db, { id: 'evil', kind: 'dcat', url: `${cat.origin}/catalog.rdf` }, deps)
  expect(result, JSON.stringify(result).slice(0, 2000)).toMatchObject({ status: 'ok' })
  web = await serveOnLoopback(createApp({ db: t.db, lang: 'sv' }))
  browser = await launchChromium()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  web?.server.close()
  await deps.engine.close()
  await cat?.close()
  await t?.drop()
})

const q = encodeURIComponent
const pages = () => [
  ['region', '/?'],
  ['organisation', `/organisation?iri=${q(ORG)}&`],
  ...[0, 1, 2].map((i) => [`dataset ${i}`, `/dataset?iri=${q(`${cat.origin}/dataset/${i}`)}&`]),
  ['organisation badge', `/badge/organisation.svg?iri=${q(ORG)}&`],
  ...[0, 1, 2].map((i) => [`dataset badge ${i}`, `/badge/dataset.svg?iri=${q(`${cat.origin}/dataset/${i}`)}&`]),
]

/** What a page holds that could run or lead to script: script elements, on… attributes, javascript:/data: links and sources. */
function dangers(): string[] {
  const out: string[] = []
  for (const el of Array.from(document.querySelectorAll('*'))) {
    if (el.localName === 'script') out.push('a script element')
    for (const a of Array.from(el.attributes)) {
      if (a.name.toLowerCase().startsWith('on')) out.push(`${el.localName} ${a.name}`)
      if (['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'data', 'poster'].includes(a.name.toLowerCase()) && /^\s*(javascript|data|vbscript):/i.test(a.value)) {
        out.push(`${el.localName} ${a.name}=${a.value.slice(0, 40)}`)
      }
    }
  }
  return out
}

describe('a hostile catalogue, harvested, is shown safely', () => {
  it('the harvest kept the hostile words (so the pages really meet them)', async () => {
    const ds = await t.db.selectFrom('datasets').select(['iri', 'title']).where('source_id', '=', 'evil').orderBy('iri').execute()
    expect(ds.map((d) => d.title.sv?.length)).toEqual([SCRIPT.length, 4 + LONG, expect.any(Number)])
  })

  for (const width of [1280, 390]) {
    for (const lang of ['sv', 'en'] as const) {
      it(`no dialog, no script, no javascript:/data: link, no sideways scroll: ${lang} at ${width} px`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true })
        const dialogs: string[] = []
        page.on('dialog', (d) => {
          dialogs.push(d.message())
          void d.dismiss()
        })
        for (const [name, path] of pages()) {
          const res = await page.goto(`${web.base}${path}lang=${lang}`)
          expect(res?.status(), name).toBeLessThan(500)
          const html = await res!.text()
          // The 100,000-character title may be shown (as heading and in the document title), not over and over.
          expect(html.length, `${name}: HTML size`).toBeLessThan(2 * LONG + 50_000)
          // The hostile words are there, as text.
          if (name === 'dataset 0') expect(await page.innerText('body')).toContain(SCRIPT)
          await page.waitForTimeout(50)
          expect(await page.evaluate(dangers), name).toEqual([])
          if (!name.includes('badge')) expect(await horizontalOverflow(page), `${name}: sideways scroll`).toBeLessThanOrEqual(0)
        }
        expect(dialogs).toEqual([])
        await page.close()
      }, 180_000)
    }
  }

  it('the JSON API answers the hostile words as data, never as HTML', async () => {
    const res = await fetch(`${web.base}/api/datasets?iri=${q(`${cat.origin}/dataset/0`)}`)
    expect(res.headers.get('content-type') ?? '').not.toMatch(/html/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
