import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import { emlFileName, outboxDirOf } from './deliver-outbox.js'

/**
 * The .eml file of an outbox message written without SMTP (embedded and demo mode), for
 * the admin page to show.
 */

/** The text of message `id`'s .eml file, or null when it was not written as one (or is gone). */
export async function readEml(db: Db, config: Pick<Config, 'alerts' | 'dataDir'>, id: number): Promise<string | null> {
  const row = await db.selectFrom('outbox').select(['id', 'sent_via']).where('id', '=', id).executeTakeFirst()
  if (!row || row.sent_via !== 'file') return null
  try {
    return await readFile(join(outboxDirOf(config), emlFileName(Number(row.id))), 'utf8')
  } catch {
    return null
  }
}
