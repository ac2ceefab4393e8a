import { describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../helpers/test-db.js'
import { createApp } from '../../src/web/create-app.js'
import { DS_A, ORG_A } from './seed-pages.js'
import { useSeededApp } from './seeded-app.js'

const web = useSeededApp({ deps: { lang: 'sv', logError: () => {} } })

function expectSecure(res: Response, what: string): void {
  const csp = res.headers.get('content-security-policy') ?? ''
  expect(csp, what).toContain("default-src 'none'")
  expect(csp, what).toContain("frame-ancestors 'none'")
  expect(csp, what).not.toMatch(/script-src/) // no script may run on any page
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff')
  expect(res.headers.get('x-frame-options'), what).toBe('DENY')
}

describe('security headers', () => {
  it('are on every kind of answer: pages, API, badges, 400 and 404', async () => {
    const paths = [
      '/',
      `/organisation?iri=${encodeURIComponent(ORG_A)}`,
      `/dataset?iri=${encodeURIComponent(DS_A)}&lang=en`,
      '/organisation',
      '/no-such-page',
      '/api/organisations',
      '/api/organisation',
      '/api/nothing-here',
      `/badge/dataset.svg?iri=${encodeURIComponent(DS_A)}`,
    ]
    for (const path of paths) {
      const res = await web.app.request(path)
      expect(res.status, path).toBeLessThan(500)
      expectSecure(res, path)
    }
  })

  it('are on the answer to an error no route handled', async () => {
    const gone = await createTestDb()
    const broken = createApp({ db: gone.db, lang: 'sv', logError: () => {} })
    await gone.drop() // every read now fails: a real database error
    for (const path of [`/api/organisation?iri=${encodeURIComponent(ORG_A)}`, `/organisation?iri=${encodeURIComponent(ORG_A)}`]) {
      const res = await broken.request(path)
      expect(res.status, path).toBe(500)
      expectSecure(res, path)
    }
  })
})
