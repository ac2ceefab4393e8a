import { Hono } from 'hono'
import { qualityBadge } from '../../dashboards/badge.js'
import type { WebDeps } from './web-deps.js'
import { requestLang } from '../api/request-lang.js'
import { getBadgeScore } from '../read-model/badge-score.js'

/**
 * Public badges, embeddable anywhere: `/badge/organisation.svg?iri=…` and
 * `/badge/dataset.svg?iri=…`, in the language of `?lang=`. Always an SVG with a short
 * cache: "not scored" for a known IRI without a score, "unknown" for an IRI that names nothing.
 */
export function badgeRoutes({ db, lang: fallback }: WebDeps): Hono {
  const app = new Hono()
  for (const level of ['organisation', 'dataset'] as const) {
    app.get(`/${level}.svg`, async (c) => {
      const score = await getBadgeScore(db, level, c.req.query('iri') ?? '')
      c.header('Content-Type', 'image/svg+xml; charset=utf-8')
      c.header('Cache-Control', 'public, max-age=300')
      return c.body(qualityBadge(score, requestLang(c, fallback)))
    })
  }
  return app
}
