import { Hono, type Context, type Next } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { AdminMessagePage, AdminOutboxPage } from '../../dashboards/admin-outbox.js'
import { outboxDirOf } from '../alerts/deliver-outbox.js'
import { readEml } from '../alerts/outbox-eml.js'
import { sameToken } from '../api/admin-auth.js'
import { requestLang } from '../api/request-lang.js'
import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import type { Lang } from '../i18n/lang.js'
import { getOutboxMessage, listOutbox } from '../read-model/outbox.js'
import { pageHere } from './page-here.js'

/** What the admin pages need beyond the database. */
export interface AdminWebDeps {
  config: Pick<Config, 'alerts' | 'dataDir'> & { web?: Pick<Config['web'], 'adminToken'> }
  /** The client's address; default the socket's peer. */
  clientAddress?: (c: Context) => string
}

/** True for a loopback address (127.0.0.0/8, ::1, and IPv4 loopback mapped into IPv6). */
export function isLoopback(address: string): boolean {
  return /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i.test(address)
}

function peer(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? ''
  } catch {
    return ''
  }
}

/** Whether the request carries `Authorization: Bearer <token>` with the configured admin token. */
function hasAdminToken(c: Context, token: string | undefined): boolean {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('authorization') ?? '')
  return Boolean(token && m && sameToken(m[1]!, token))
}

/**
 * The admin pages: `/admin/outbox` (the outbox: sent, waiting, failed with attempts,
 * bounced, and the addresses that bounce),
 * `/admin/outbox/message?id=` (one message, with its .eml file) and `/admin/outbox/eml?id=`
 * (the file itself). They show recipients' addresses, so they answer only requests from
 * this machine (loopback), or a request that carries the admin API's bearer token
 * (`web.adminToken`); anyone else gets a 404, as if they did not exist.
 */
export function adminRoutes(db: Db, fallback: Lang, deps: AdminWebDeps): Hono {
  const app = new Hono()
  const clientOf = deps.clientAddress ?? peer
  app.use('/admin/*', async (c: Context, next: Next) => {
    if (!isLoopback(clientOf(c)) && !hasAdminToken(c, deps.config.web?.adminToken)) return c.notFound()
    await next()
  })
  app.get('/admin/outbox', async (c) => {
    const lang = requestLang(c, fallback)
    const listing = await listOutbox(db)
    const bounceRules = { times: deps.config.alerts.bouncesBeforePause, days: deps.config.alerts.bouncePauseDays }
    return c.html(<AdminOutboxPage listing={listing} emlDir={outboxDirOf(deps.config)} bounceRules={bounceRules} lang={lang} here={pageHere(c)} />)
  })
  const idOf = (c: Context) => {
    const id = Number(c.req.query('id'))
    return Number.isSafeInteger(id) && id > 0 ? id : null
  }
  app.get('/admin/outbox/message', async (c) => {
    const lang = requestLang(c, fallback)
    const id = idOf(c)
    const m = id ? await getOutboxMessage(db, id) : null
    if (!m) return c.notFound()
    const eml = await readEml(db, deps.config, m.id)
    return c.html(<AdminMessagePage id={m.id} subject={m.subject} text={m.text} eml={eml} lang={lang} here={pageHere(c)} />)
  })
  app.get('/admin/outbox/eml', async (c) => {
    const id = idOf(c)
    const eml = id ? await readEml(db, deps.config, id) : null
    if (eml === null) return c.notFound()
    return c.body(eml, 200, { 'content-type': 'message/rfc822; charset=utf-8', 'content-disposition': `attachment; filename="${id}.eml"` })
  })
  return app
}
