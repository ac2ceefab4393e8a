import { Hono } from 'hono'
import { html, raw } from 'hono/html'
import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import type { ApiDeps } from './api-deps.js'
import { API_ROUTES } from './openapi.js'
import { requestLang } from './request-lang.js'

function docsPage(lang: Lang) {
  const routes = API_ROUTES.map((r) => {
    const params = Object.entries(r.query.schema.properties).map(([name, s]) => {
      const kind = s.type === 'integer' ? `${s.minimum}–${s.maximum}` : s.enum ? s.enum.join(' | ') : 'string'
      const required = r.query.schema.required.includes(name) ? html` <strong>${t(lang, 'api.doc.required')}</strong>` : ''
      return html`<li><code>${name}</code> (${kind})${required}${s.description ? html` — ${s.description}` : ''}</li>`
    })
    return html`<section><h2><code>${(r.method ?? 'get').toUpperCase()} /api${r.path}</code></h2><p>${t(lang, r.summary)}</p><h3>${t(lang, 'api.doc.parameters')}</h3><ul>${params}</ul></section>`
  })
  const other = lang === 'sv' ? 'en' : 'sv'
  return html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t(lang, 'api.doc.title')}</title>
<style>${raw('body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1d1d1f}code{background:#f1f3f4;padding:0 .25rem;border-radius:3px;word-break:break-all}a{color:#0d47a1}')}</style></head>
<body><header><a href="/api/docs?lang=${other}" hreflang="${other}">${t(other, 'api.doc.other-language')}</a></header><main><h1>${t(lang, 'api.doc.title')}</h1><p>${t(lang, 'api.doc.description')}</p>
<p><a href="/api/openapi.json?lang=${lang}">${t(lang, 'api.doc.openapi-link')}</a></p>${routes}</main></body></html>`
}

/** `GET /api/docs[?lang=]`: a readable page of the API's routes and parameters, from the same list as the OpenAPI document; no script. */
export function apiDocsRoutes({ lang: fallback }: ApiDeps): Hono {
  return new Hono().get('/', (c) => c.html(docsPage(requestLang(c, fallback))))
}
