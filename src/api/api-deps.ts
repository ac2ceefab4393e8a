import type { Db } from '../db/database.js'
import type { Lang } from '../i18n/lang.js'
import type { AdminDeps } from './admin.js'

/** What the API's resources need: the database they read, the language of a request that names none, and the admin actions (none: admin is off). */
export interface ApiDeps {
  db: Db
  lang: Lang
  admin?: AdminDeps
}
