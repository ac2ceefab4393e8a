import type { Context } from 'hono'
import type { PageAddress } from '../../dashboards/page-address.js'

/** Where the request was for (path and query), for the page's language switch. */
export function pageHere(c: Context): PageAddress {
  const url = new URL(c.req.url)
  return { path: url.pathname, search: url.search }
}
