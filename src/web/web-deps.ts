import type { Db } from '../db/database.js'
import type { Lang } from '../i18n/lang.js'

/** What the pages and badges need: the database they read, and the language of a request that names none. */
export interface WebDeps {
  db: Db
  lang: Lang
  /** The site's public address (config web.publicUrl), for links meant to be pasted elsewhere; else each request's origin. */
  publicUrl?: string
}
