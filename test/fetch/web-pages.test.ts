/**
 * A data file that turns out to be a web page (src/fetch/web-page.ts): with `expectData`
 * a sign-in form, a portal page and a "not found" page are failing with their own codes;
 * without it they are only noted. On a loopback server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config/config.js'
import { expectsDataFile } from '../../src/domain/expects-data-file.js'
import { createFetchEngine, type CreatedFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { byPath, reply, startServer, type LoopbackServer } from './loopback-server.js'

const page = (title: string, body = '') => `<!DOCTYPE html><html lang="sv"><head><title>${title}</title></head><body>${body}</body></html>`
const signInForm = page('Logga in', '<form method="post"><input name="user"><input type="password" name="pw"></form>')
const html = (body: string) => reply(200, { 'content-type': 'text/html; charset=utf-8' }, body)
const to = (location: string) => reply(302, { location })

const routes = byPath({
  '/': html(page('Välkommen till Exempelstads kommun', '<nav><a href="/nyheter">Nyheter</a></nav><h1>Startsida</h1>')),
  '/data/skolor.csv': to('/'),
  '/portal/dataset/skolor': html(page('Skolor – Öppna data', '<h1>Skolor</h1><a href="/x.csv">Ladda ner</a>')),
  '/saml.csv': to('/adfs/ls/?SAMLRequest=fZJNb9swDIb%2F&RelayState=x'),
  '/adfs/ls/': html(page('Sign In', '<form method="post" action="/adfs/ls/"><input type="hidden" name="SAMLRequest" value="x"></form>')),
  '/oidc.xlsx': to('/realms/kommun/protocol/openid-connect/auth?client_id=portal&redirect_uri=%2Foidc.xlsx&response_type=code'),
  '/realms/kommun/protocol/openid-connect/auth': html(page('Kommun-ID', '<p>Välj inloggningsmetod</p>')),
  '/login-path.csv': to('/Account/Login?ReturnUrl=%2Flogin-path.csv'),
  '/Account/Login': html(page('Inloggning', '<p>Ange användarnamn</p>')),
  '/password.csv': html(signInForm),
  '/gone.csv': html(page('Exempelstad', '<h1>Sidan kunde inte hittas</h1><p>Sök på webbplatsen.</p>')),
  '/missing.json': html(page('Page not found | Portal')),
  // A CSV file served with the wrong Content-Type is still the file.
  '/real.csv': html('skola,elever\nÄlvskolan,320\n'),
})

let server: LoopbackServer
let engine: CreatedFetchEngine

beforeAll(async () => {
  server = await startServer(routes)
  engine = createFetchEngine({ ...defaultConfig.http, perHostGapMs: 0 }, { allowPrivateNetworks: true })
})
afterAll(async () => {
  await engine.close()
  await server.close()
})

const cases: [path: string, code: string][] = [
  ['/data/skolor.csv', 'landing-page'],
  ['/portal/dataset/skolor', 'landing-page'],
  ['/saml.csv', 'login-wall'],
  ['/oidc.xlsx', 'login-wall'],
  ['/login-path.csv', 'login-wall'],
  ['/password.csv', 'login-wall'],
  ['/gone.csv', 'soft-404'],
  ['/missing.json', 'soft-404'],
]

describe('a data file that turns out to be a web page', () => {
  it.each(cases)('expecting data, %s is failing / %s, with words on what is wrong and how to fix it', async (path, code) => {
    const r = await engine.probe(server.url + path, { expectData: true })
    expect({ outcome: r.outcome, code: r.code, webPage: r.webPage }).toEqual({ outcome: 'failing', code, webPage: code })
    expect(r.findings[0]).toMatchObject({ code, severity: 'error', params: { status: 200 } })
    for (const lang of ['sv', 'en'] as const) {
      const words = describeFinding(r.findings[0]!, lang)
      if (code === 'soft-404') expect(words.message).toMatch(lang === 'sv' ? /felsida \(.(Sidan kunde inte hittas|Page not found)/ : /error page \(.(Sidan kunde inte hittas|Page not found)/)
      else expect(words.message).toMatch(lang === 'sv' ? /datafil väntades/ : /data file was expected/)
      expect(words.hint?.length ?? 0).toBeGreaterThan(20)
    }
  })

  it.each(cases)('not expecting data, %s is ok and the page is noted (a warning when the address looks like a data file)', async (path, code) => {
    const r = await engine.probe(server.url + path)
    expect({ outcome: r.outcome, webPage: r.webPage }).toEqual({ outcome: 'ok', webPage: code })
    const extension = /\.(\w+)$/.exec(path)?.[1]
    expect(r.findings).toEqual(extension ? [{ code: 'web-page-at-data-url', severity: 'warning', params: { extension, page: code } }] : [])
    if (extension) expect(describeFinding(r.findings[0]!, 'sv').message).toMatch(new RegExp(`ser ut som en datafil \\(\\.${extension}\\) men svaret är en webbsida`))
  })

  it('a file served as text/html is still the file', async () => {
    const r = await engine.probe(server.url + '/real.csv', { expectData: true })
    expect({ code: r.code, webPage: r.webPage, contentType: r.contentType }).toEqual({ code: 'ok', webPage: null, contentType: 'text/html; charset=utf-8' })
  })
})

describe('expectsDataFile: when the catalogue promises a file', () => {
  const facts = { isDownloadUrl: false, format: null, mediaType: null, isLandingPage: false }
  it('a downloadURL, or an accessURL with a declared data format, promises a file', () => {
    expect(expectsDataFile({ ...facts, isDownloadUrl: true })).toBe(true)
    expect(expectsDataFile({ ...facts, format: 'text/csv' })).toBe(true)
    expect(expectsDataFile({ ...facts, format: 'http://publications.europa.eu/resource/authority/file-type/XLSX' })).toBe(true)
    expect(expectsDataFile({ ...facts, mediaType: 'application/json' })).toBe(true)
  })
  it('a format declared as HTML, an accessURL that is the landing page, an API or no format does not', () => {
    expect(expectsDataFile({ ...facts, isDownloadUrl: true, format: 'http://publications.europa.eu/resource/authority/file-type/HTML' })).toBe(false)
    expect(expectsDataFile({ ...facts, isDownloadUrl: true, mediaType: 'text/html' })).toBe(false)
    expect(expectsDataFile({ ...facts, format: 'CSV', isLandingPage: true })).toBe(false)
    expect(expectsDataFile({ ...facts, format: 'API' })).toBe(false)
    expect(expectsDataFile({ ...facts, format: 'WMS', mediaType: 'application/vnd.ogc.wms_xml' })).toBe(false)
    expect(expectsDataFile(facts)).toBe(false)
  })
})
