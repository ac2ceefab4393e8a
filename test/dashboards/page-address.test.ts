import { describe, expect, it } from 'vitest'
import { addressIn, entityHref } from '../../dashboards/page-address.js'

describe('page addresses', () => {
  it('keeps every parameter of the page when switching language, and sets only lang', () => {
    const iri = 'http://dataportal.se/organisation/SE2120001355'
    const here = { path: '/organisation', search: `?iri=${encodeURIComponent(iri)}&lang=sv&x=a%26b` }
    const url = new URL(addressIn(here, 'en'), 'http://h')
    expect(url.pathname).toBe('/organisation')
    expect(Object.fromEntries(url.searchParams)).toEqual({ iri, lang: 'en', x: 'a&b' })
    expect(addressIn({ path: '/', search: '' }, 'sv')).toBe('/?lang=sv')
  })

  it('addresses an organisation or dataset by its IRI as a query parameter', () => {
    const iri = 'https://catalog.example/ds/a b?c=d&e'
    const url = new URL(entityHref('dataset', iri, 'en'), 'http://h')
    expect([url.pathname, url.searchParams.get('iri'), url.searchParams.get('lang')]).toEqual(['/dataset', iri, 'en'])
  })
})
