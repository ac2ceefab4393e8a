import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCkan, ckanEndpoints } from '../../src/harvest/read-ckan.js'
import { testDeps } from './deps.js'
import { send, serve, type TestServer } from './serve.js'

// The package_search reply shape of the CKAN action API: { help, success, result: { count,
// sort, facets, results: [package] } }, packages with organization, resources, tags, extras.
function pkg(i: number) {
  return {
    id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    name: `dataset-${i}`,
    title: `Dataset ${i}`,
    notes: `About dataset ${i}`,
    license_id: 'cc-by',
    license_url: 'http://www.opendefinition.org/licenses/cc-by',
    maintainer_email: i % 2 ? 'data@example.org' : '',
    author_email: 'author@example.org',
    metadata_created: '2024-01-01T00:00:00',
    metadata_modified: '2026-01-02T03:04:05',
    organization: { name: 'city', title: 'The City' },
    tags: [{ name: 'transport' }],
    extras: [{ key: 'frequency', value: 'http://publications.europa.eu/resource/authority/frequency/DAILY' }],
    resources: [
      { id: `r-${i}`, url: `https://files.example.org/${i}.csv`, format: 'CSV', mimetype: 'text/csv', size: 1234, name: 'CSV' },
      { id: `q-${i}`, url: `https://files.example.org/${i}.weird`, format: 'Weird', name: 'Other' },
    ],
  }
}

describe('CKAN package_search, paged', () => {
  let server: TestServer
  const deps = testDeps()
  const total = 230
  beforeAll(async () => {
    server = await serve((_req, res, url) => {
      if (url.pathname === '/bad/api/3/action/package_search') return send(res, JSON.stringify({ success: false, error: { message: 'nope' } }), 'application/json')
      if (url.pathname !== '/ckan/api/3/action/package_search') return false
      const rows = Number(url.searchParams.get('rows'))
      const start = Number(url.searchParams.get('start'))
      const results = Array.from({ length: Math.max(0, Math.min(rows, total - start)) }, (_, k) => pkg(start + k))
      send(res, JSON.stringify({ help: `${server.origin}/ckan/api/3/action/help_show?name=package_search`, success: true, result: { count: total, sort: 'id asc', facets: {}, results } }), 'application/json')
    })
  })
  afterAll(async () => {
    await deps.engine.close()
    await server?.close()
  })

  it('accepts the site root or the action URL', () => {
    expect(ckanEndpoints('https://ckan.example.org/')).toEqual({ site: 'https://ckan.example.org', search: 'https://ckan.example.org/api/3/action/package_search' })
    expect(ckanEndpoints('https://x.example/data/api/3/action/package_search?q=a')).toEqual({ site: 'https://x.example/data', search: 'https://x.example/data/api/3/action/package_search' })
  })

  it('reads every package over three pages into the model', async () => {
    server.requests.length = 0
    const r = await readCkan(`${server.origin}/ckan`, deps, 'city')
    expect(server.requests.map((p) => new URL(p, server.origin).searchParams.get('start'))).toEqual(['0', '100', '200'])
    expect(new URL(server.requests[0], server.origin).searchParams.get('fq')).toBe('organization:city')
    expect(r.model.datasets).toHaveLength(total)
    const d = r.model.datasets[1]
    expect(d).toMatchObject({
      iri: `${server.origin}/ckan/dataset/00000000-0000-0000-0000-000000000001`,
      title: { '': 'Dataset 1' },
      publisherIri: `${server.origin}/ckan/organization/city`,
      contactEmail: 'data@example.org',
      license: 'http://www.opendefinition.org/licenses/cc-by',
      accrualPeriodicity: 'http://publications.europa.eu/resource/authority/frequency/DAILY',
      modified: '2026-01-02T03:04:05',
    })
    expect(r.model.datasets[0].contactEmail).toBe('author@example.org')
    expect(d.distributions[0]).toMatchObject({ accessUrl: 'https://files.example.org/1.csv', downloadUrl: 'https://files.example.org/1.csv', format: 'CSV', mediaType: 'text/csv', byteSize: 1234 })
    expect(r.model.organisations).toEqual([{ iri: `${server.origin}/ckan/organization/city`, name: { '': 'The City' }, orgNumber: null, homepage: null }])
    expect(r.model.warnings).toContainEqual({ code: 'unknown-format', subject: d.distributions[1].iri, params: { format: 'Weird' } })
  })

  it('refuses an answer that is not package_search', async () => {
    await expect(readCkan(`${server.origin}/elsewhere`, deps)).rejects.toMatchObject({ reason: 'http-error', httpStatus: 404 })
    await expect(readCkan(`${server.origin}/bad`, deps)).rejects.toMatchObject({ reason: 'bad-response', httpStatus: 200 })
  })
})
