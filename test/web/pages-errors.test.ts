import { describe, expect, it } from 'vitest'
import { useSeededApp } from './seeded-app.js'

/** What a browser sends: it prefers a page. */
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }

const web = useSeededApp({ deps: { lang: 'sv' } })

describe('error pages', () => {
  it.each([
    ['/no/such/page', 'sv', 'Hittades inte', 'Det finns ingen sida på /no/such/page.'],
    ['/no/such/page?lang=en', 'en', 'Not found', 'There is no page at /no/such/page.'],
    ['/dataset?iri=urn:none&lang=en', 'en', 'Not found', 'No dataset with the IRI urn:none is known here.'],
    ['/organisation?iri=urn:none', 'sv', 'Hittades inte', 'Ingen organisation med IRI urn:none är känd här.'],
    ['/api/no/such/resource?lang=en', 'en', 'Not found', 'There is no page at /api/no/such/resource.'],
  ])('%s is a styled 404 page for a browser, in its language with a title', async (address, lang, title, text) => {
    const res = await web.app.request(address, { headers: BROWSER })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toMatch(new RegExp(`^<html lang="${lang}">`))
    expect(html).toContain(`<title>${title} · datavakt</title>`)
    expect(html).toContain('<style>')
    expect(html).toContain(`<h1>${title}</h1>`)
    expect(html).toContain(text)
  })

  it('still answers an API client under /api with the API error shape', async () => {
    const res = await web.app.request('/api/no/such/resource?lang=en', { headers: { accept: 'application/json' } })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/json/)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not-found')
    const bare = await web.app.request('/api/no/such/resource')
    expect(bare.headers.get('content-type')).toMatch(/json/)
  })
})
