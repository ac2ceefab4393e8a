import { createReadStream, statSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { parseCommandArgs } from './parse.js'
import { openFromConfig } from './open-from-config.js'
import { importDatabase } from '../db/dump-import.js'
import { tell } from './export.js'
import { UsageError } from './usage-error.js'

/**
 * `datavakt import [--file PATH] [--replace]`: loads a dump that `datavakt export` wrote
 * (from the file, or standard input) into the database (PGlite in dataDir, or PostgreSQL
 * when DATABASE_URL is set). Refuses a database that holds any row unless --replace.
 * Progress goes to standard error.
 */
export async function run(args: string[], given?: Lang): Promise<number> {
  const { values } = parseCommandArgs(args, { file: { type: 'string' }, replace: { type: 'boolean' } }, false)
  const file = values.file && values.file !== '-' ? values.file : null
  // Before the database is opened (or, embedded, created): a missing dump is a usage mistake.
  if (file && !statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError('dump.file-missing', { path: file })
  const { config, database } = await openFromConfig({ migrate: false })
  const lang = given ?? config.lang
  const lines = createInterface({ input: file ? createReadStream(file) : process.stdin, crlfDelay: Infinity })
  try {
    console.error(t(lang, 'dump.importing', { kind: database.kind, location: database.location, file: file ?? 'stdin' }))
    const totals = await importDatabase(database.db, lines, { replace: values.replace === true, onProgress: (p) => tell(p, lang) })
    console.error(t(lang, 'dump.imported', { tables: totals.tables, rows: totals.rows, migration: totals.migration }))
    return 0
  } finally {
    lines.close()
    await database.close()
  }
}
