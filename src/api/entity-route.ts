import { Hono } from 'hono'
import type { MessageKey } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import type { ApiDeps } from './api-deps.js'
import { apiError } from './api-error.js'
import type { QueryParams } from './query-schema.js'
import { requestLang } from './request-lang.js'

/** How one resource named by `?iri=` is read and sent. */
export interface EntityRoute<V> {
  query: QueryParams
  read: (iri: string, lang: Lang) => Promise<V | null>
  /** The 404's message when the IRI names nothing. */
  unknownKey: MessageKey
  json: (view: V, lang: Lang) => unknown
}

/**
 * `GET /?iri=…[&lang=]` for one organisation or dataset: the query validated (400 in the
 * one error shape), the read, a 404 naming the IRI when it names nothing, else the JSON.
 */
export function entityRoute<V>({ lang: fallback }: Pick<ApiDeps, 'lang'>, route: EntityRoute<V>): Hono {
  return new Hono().get('/', async (c) => {
    const lang = requestLang(c, fallback)
    const query = route.query.read(c, lang)
    if (query instanceof Response) return query
    const iri = String(query.iri)
    const view = await route.read(iri, lang)
    if (!view) return apiError(c, lang, 'not-found', route.unknownKey, { iri })
    return c.json(route.json(view, lang))
  })
}
