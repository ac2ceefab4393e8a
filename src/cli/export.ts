import { createWriteStream, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadConfig } from '../config/load-config.js'
import { DumpError } from '../db/dump-format.js'
import type { Writable } from 'node:stream'
import { t } from '../i18n/catalogue.js'
import type { Lang } from '../i18n/lang.js'
import { parseCommandArgs } from './parse.js'
import { openFromConfig } from './open-from-config.js'
import { exportDatabase, type DumpProgress } from '../db/dump-export.js'

/**
 * `datavakt export [--file PATH]`: the whole database (PGlite in dataDir, or PostgreSQL when
 * DATABASE_URL is set) as a portable dump (src/db/dump-format.ts), to the file or to
 * standard output, so that `datavakt export | DATABASE_URL=… datavakt import` moves it in
 * one command. Progress goes to standard error. Does not migrate the source.
 */
export async function run(args: string[], given?: Lang): Promise<number> {
  const { values } = parseCommandArgs(args, { file: { type: 'string' } }, false)
  const file = values.file && values.file !== '-' ? values.file : null
  // Exporting reads: an embedded folder that is not there is a mistake, not a database to create.
  const loaded = loadConfig()
  const dataDir = loaded.dataDir
  if (!process.env.DATABASE_URL && !dataDir.startsWith('memory://') && !existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new DumpError('dump.no-database', { dir: resolve(dataDir) })
  }
  const { config, database } = await openFromConfig({ migrate: false, config: loaded })
  const lang = given ?? config.lang
  const out: Writable = file ? createWriteStream(file) : process.stdout
  try {
    console.error(t(lang, 'dump.exporting', { kind: database.kind, location: database.location, file: file ?? 'stdout' }))
    const totals = await exportDatabase(database.db, (chunk) => writeTo(out, chunk), (p) => tell(p, lang))
    if (file) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))
    console.error(t(lang, 'dump.exported', { tables: totals.tables, rows: totals.rows, migration: totals.migration }))
    return 0
  } finally {
    if (file && !out.writableFinished) out.destroy()
    await database.close()
  }
}

/** Writes a chunk, waiting when the stream asks to (a slow pipe or disk never fills memory). */
function writeTo(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err)
    out.once('error', onError)
    const drained = () => {
      out.off('error', onError)
      resolve()
    }
    if (out.write(chunk)) drained()
    else out.once('drain', drained)
  })
}

/** One progress line on standard error, in the operator's language. */
export function tell(p: DumpProgress, lang: Lang): void {
  if (p.done) console.error(t(lang, 'dump.table-done', { table: p.table, rows: p.rows }))
  else if (p.rows > 0) console.error(t(lang, 'dump.table-progress', { table: p.table, rows: p.rows }))
}
