import { Hono, type Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { AlertLinkPage } from '../../dashboards/alert-link-page.js'
import { alertFeed } from '../alerts/alert-feed.js'
import { verifyLink, type LinkClaim } from '../alerts/links.js'
import { applyLink, FOLLOW_REQUESTS_SCOPE, REGIONAL_SUMMARY_SCOPE, requestFollow, targetName, targetOfScope, type FollowTarget } from '../alerts/subscriptions.js'
import { requestLang } from '../api/request-lang.js'
import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { pageHere } from './page-here.js'

/** What the alert routes need beyond the database. */
export interface AlertWebDeps {
  config: Pick<Config, 'alerts' | 'web'>
  /** The link secret (src/alerts/links.ts); without it the link and follow routes are not mounted. */
  secret?: string
  /** The client's address for the follow form's rate limit; default the socket's peer. */
  clientAddress?: (c: Context) => string
  /** The clock links are checked and stops are dated by; default the system's. */
  now?: () => Date
}

const EMAIL = /^[^\s@<>,;"]{1,64}@[^\s@<>,;"]{1,190}$/
const KINDS = ['dataset', 'organisation'] as const

function peer(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function page(c: Context, lang: Lang, status: 200 | 400 | 404 | 410 | 429, title: string, text: string, confirm?: { token: string; button: string }) {
  return c.html(<AlertLinkPage title={title} text={text} lang={lang} here={pageHere(c)} confirm={confirm} />, status)
}

/** The question a link's page asks before anything is done. */
async function question(db: Db, claim: LinkClaim, lang: Lang, config: AlertWebDeps['config']): Promise<string> {
  const target = targetOfScope(claim.scope)
  const name = target ? ((await targetName(db, target, lang)) ?? target.iri) : ''
  const what = !target
    ? claim.scope === REGIONAL_SUMMARY_SCOPE
      ? t(lang, 'alerts.page.scope-regional-summary')
      : claim.scope === FOLLOW_REQUESTS_SCOPE
        ? t(lang, 'alerts.page.scope-follow-requests')
        : t(lang, 'alerts.page.scope-all')
    : t(lang, target.kind === 'dataset' ? 'alerts.page.scope-dataset' : 'alerts.page.scope-organisation', { name })
  return t(lang, `alerts.page.ask-${claim.action}`, { what, email: claim.recipient, days: config.alerts.snoozeDays })
}

/**
 * Feeds (`/feed/dataset.atom?iri=`, `/feed/organisation.atom?iri=`), the signed links'
 * pages (`/alerts/link?token=`: GET asks, POST does; the POST is also RFC 8058's one-click
 * unsubscribe) and the follow form (`POST /alerts/follow`).
 */
export function alertRoutes(db: Db, fallback: Lang, deps: AlertWebDeps): Hono {
  const app = new Hono()
  for (const kind of KINDS) {
    app.get(`/feed/${kind}.atom`, async (c) => {
      const lang = requestLang(c, fallback)
      const iri = c.req.query('iri')
      // Without web.publicUrl the feed links to where it was asked for.
      const config = deps.config.web.publicUrl ? deps.config : { web: { ...deps.config.web, publicUrl: new URL(c.req.url).origin } }
      const body = iri ? await alertFeed(db, config, { kind, iri }, lang) : null
      if (body === null) return c.notFound()
      return c.body(body, 200, { 'content-type': 'application/atom+xml; charset=utf-8' })
    })
  }
  const secret = deps.secret
  if (!secret) return app
  const clock = deps.now ?? (() => new Date())

  const refused = (c: Context, lang: Lang, why: 'malformed' | 'forged' | 'expired') =>
    page(c, lang, why === 'expired' ? 410 : 400, t(lang, 'alerts.page.refused-title'), t(lang, why === 'expired' ? 'alerts.page.refused-expired' : 'alerts.page.refused-forged'))

  app.get('/alerts/link', async (c) => {
    const claim = verifyLink(secret, c.req.query('token') ?? '', clock())
    const lang = c.req.query('lang') ? requestLang(c, fallback) : 'refused' in claim ? fallback : (claim.lang ?? requestLang(c, fallback))
    if ('refused' in claim) return refused(c, lang, claim.refused)
    const text = await question(db, claim, lang, deps.config)
    return page(c, lang, 200, t(lang, `alerts.page.title-${claim.action}`), text, {
      token: c.req.query('token')!,
      button: t(lang, `alerts.page.button-${claim.action}`),
    })
  })

  app.post('/alerts/link', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
    const token = typeof form.token === 'string' ? form.token : (c.req.query('token') ?? '')
    const claim = verifyLink(secret, token, clock())
    const lang = c.req.query('lang') ? requestLang(c, fallback) : 'refused' in claim ? fallback : (claim.lang ?? fallback)
    if ('refused' in claim) return refused(c, lang, claim.refused)
    const now = clock()
    await applyLink(db, deps.config, claim, now)
    const until = new Date(now.getTime() + deps.config.alerts.snoozeDays * 86_400_000).toISOString()
    return page(c, lang, 200, t(lang, `alerts.page.title-${claim.action}`), t(lang, `alerts.page.done-${claim.action}`, { until }))
  })

  app.post('/alerts/follow', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
    const lang: Lang = form.lang === 'en' ? 'en' : form.lang === 'sv' ? 'sv' : requestLang(c, fallback)
    const email = typeof form.email === 'string' ? form.email.trim() : ''
    const kind = KINDS.find((k) => k === form.kind)
    const iri = typeof form.iri === 'string' ? form.iri : ''
    const target: FollowTarget | null = kind && iri ? { kind, iri } : null
    const bad = () => page(c, lang, 400, t(lang, 'pages.error.bad-request'), t(lang, 'alerts.follow.bad-request'))
    if (!target || !EMAIL.test(email)) return bad()
    if ((await targetName(db, target, lang)) === null) return bad()
    const client = (deps.clientAddress ?? peer)(c)
    const r = await requestFollow(db, deps.config, secret, { email, lang, target, client }, clock())
    if (r === 'limited') return page(c, lang, 429, t(lang, 'alerts.follow.limited-title'), t(lang, 'alerts.follow.limited-text'))
    return page(c, lang, 200, t(lang, 'alerts.follow.sent-title'), t(lang, 'alerts.follow.sent-text'))
  })
  return app
}
