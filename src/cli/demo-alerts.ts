import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deliverOutbox, fileTransport, outboxDirOf } from '../alerts/deliver-outbox.js'
import { queueImmediate } from '../alerts/immediate-policy.js'
import { queueDigests } from '../alerts/queue-digests.js'
import { queueRegionalSummary } from '../alerts/regional-summary.js'
import { applyLink, requestFollow } from '../alerts/subscriptions.js'
import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'

/**
 * The demo's e-mails: every simulated publisher is an alert contact, one reuser follows
 * the first organisation (with the double opt-in done as if they clicked), and a regional
 * team gets the weekly summary. Each simulated morning the digests are queued and the
 * outbox is written as .eml files, never sent (even with SMTP_URL set), into a folder that
 * outlives the demo's temporary database.
 */

export const DEMO_FOLLOWER = 'foljare@demo.test'
export const DEMO_REGIONAL_TEAM = 'regionen@demo.test'

/**
 * The folder for the demo's .eml files, kept after the demo ends: inside the data folder
 * when that is kept (`--data-dir`, DATAVAKT_DATA_DIR, `--keep`), otherwise a small folder of
 * its own in the temporary directory (the database beside it is removed).
 */
export function demoOutboxDir(dataDir: string, dataDirKept: boolean): string {
  return dataDirKept ? join(dataDir, 'demo-mail') : mkdtempSync(join(tmpdir(), 'datavakt-mail-'))
}

/** The alerts part of the demo's configuration input. */
export function demoAlertsConfig(organisations: string[], outboxDir: string) {
  return {
    contacts: organisations.map((iri, i) => ({ email: `data@org-${String(i + 1).padStart(2, '0')}.demo.test`, organisation: iri })),
    regionalTeam: [{ email: DEMO_REGIONAL_TEAM }],
    outboxDir,
    // The demo's days are played at noon: quiet hours would hold nothing.
    immediate: true,
  }
}

/** A reuser follows `organisation` from its page, and confirms the e-mail's link. */
export async function followInDemo(db: Db, config: Pick<Config, 'alerts' | 'web'>, secret: string, organisation: string, now: Date): Promise<void> {
  const target = { kind: 'organisation' as const, iri: organisation }
  await requestFollow(db, config, secret, { email: DEMO_FOLLOWER, lang: 'sv', target, client: '127.0.0.1' }, now)
  await applyLink(db, config, { recipient: DEMO_FOLLOWER, scope: `organisation:${organisation}`, action: 'confirm', exp: now.getTime() + 86_400_000, lang: 'sv' }, now)
}

/** One simulated morning: digests, immediate notices and (on the schedule's weekday) the regional summary, written as .eml files. */
export async function demoAlertsDay(db: Db, config: Config, secret: string, now: Date, weekly: boolean): Promise<{ queued: number; written: number }> {
  let queued = await queueDigests(db, config, now, secret)
  queued += await queueImmediate(db, config, now, secret)
  if (weekly) queued += await queueRegionalSummary(db, config, now, secret)
  const transport = fileTransport(outboxDirOf(config))
  try {
    const r = await deliverOutbox(db, transport, config.alerts.from, now, undefined, config.alerts.quietHours, config.alerts)
    return { queued, written: r.sent }
  } finally {
    transport.close()
  }
}
