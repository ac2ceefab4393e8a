import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { parseCommandArgs } from './parse.js'
import { openFromConfig } from './open-from-config.js'
import { migrateToLatest } from '../db/migrate.js'

/** `datavakt migrate`: runs pending migrations and says which. */
export async function run(args: string[], given?: Lang): Promise<number> {
  parseCommandArgs(args, {}, false)
  const { config, database } = await openFromConfig({ migrate: false })
  const lang = given ?? config.lang
  try {
    const ran = await migrateToLatest(database.db)
    console.log(ran.length ? t(lang, 'cli.migrate.ran', { count: ran.length, names: ran.join(', ') }) : t(lang, 'cli.migrate.up-to-date'))
    console.log(t(lang, 'cli.database', { kind: database.kind, location: database.location }))
    return 0
  } finally {
    await database.close()
  }
}
