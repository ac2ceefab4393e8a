import { Hono } from 'hono'
import { qualityBadge, shieldsJson } from '../../dashboards/badge.js'
import type { WebDeps } from './web-deps.js'
import { requestLang } from '../api/request-lang.js'
import { readBadge, type BadgeVariant } from '../read-model/badge-variants.js'

const VARIANTS: readonly BadgeVariant[] = ['overall', 'availability', 'conformance']

/**
 * Public badges, embeddable anywhere, for an organisation or dataset named by `?iri=`, in
 * the language of `?lang=`, the variant of `?variant=overall|availability|conformance`
 * (default overall; an unknown variant is overall):
 * - `/badge/<level>.svg`: always an SVG (200), "okänd / unknown" for an IRI that names nothing;
 * - `/badge/<level>.json`: a shields.io endpoint answer; 404 (still a badge) for an unknown IRI.
 * Cacheable for 5 minutes.
 */
export function badgeRoutes({ db, lang: fallback }: WebDeps): Hono {
  const app = new Hono()
  for (const level of ['organisation', 'dataset'] as const) {
    const read = async (iri: string, v: string | undefined) => {
      const variant = VARIANTS.find((x) => x === v) ?? 'overall'
      return { variant, reading: iri ? await readBadge(db, level, iri, variant) : undefined }
    }
    app.get(`/${level}.svg`, async (c) => {
      const { variant, reading } = await read(c.req.query('iri') ?? '', c.req.query('variant'))
      c.header('Content-Type', 'image/svg+xml; charset=utf-8')
      c.header('Cache-Control', 'public, max-age=300')
      return c.body(qualityBadge(reading, variant, requestLang(c, fallback)))
    })
    app.get(`/${level}.json`, async (c) => {
      const { variant, reading } = await read(c.req.query('iri') ?? '', c.req.query('variant'))
      c.header('Cache-Control', 'public, max-age=300')
      return c.json(shieldsJson(reading, variant, requestLang(c, fallback)), reading ? 200 : 404)
    })
  }
  return app
}
