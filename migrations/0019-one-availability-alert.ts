import { sql, type Kysely } from 'kysely'

/**
 * A broken file is one alert, `availability`, opened and resolved from the probes. Content
 * runs used to open a second one, `check:availability`, from their copy of the same
 * verdict (src/alerts/observe.ts no longer does). Those still open would never be observed
 * again, so they would be repeated in reminders for good: they are closed here, quietly
 * (no 'resolved' event: the file may well still be broken, and its `availability` alert
 * says so). Their history stays. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update alerts set open = false, consecutive_bad = 0, resolved_at = coalesce(resolved_at, now()), updated_at = now()
    where problem = 'check:availability' and open`.execute(db)
}

export async function down(): Promise<void> {
  // Nothing to undo: the duplicates are not reopened.
}
