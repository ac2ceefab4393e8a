import { sql } from 'kysely'
import type { Config } from '../config/config.js'
import type { Db } from '../db/database.js'
import { json } from '../db/json.js'
import { probedUrlOf } from '../db/probed-url.js'
import { deliverDue, type DeliveryResult } from './deliver-outbox.js'
import { digestLinks } from './digest-links.js'
import { enqueueMessage } from './outbox-enqueue.js'
import { mineOf, toItem, type AlertRow } from './queue-digests.js'
import { allRecipients } from './recipients.js'
import { listHeaders, renderDigest } from './render-digest.js'

/**
 * Immediate mode (`alerts.immediate`, off by default): when an alert of a high-value
 * dataset (it declares the HVD regulation 2023/138 as applicable legislation, or an HVD
 * category) or of a dataset in `alerts.criticalDatasets` opens, each of its recipients
 * gets a notice at once instead of waiting for the next daily digest. The digest still
 * lists it. One notice per recipient and opening (the outbox's dedupe key), and quiet hours
 * hold it like any e-mail.
 */

/** Openings older than this are the digest's business: a notice is never late by days. */
const LOOKBACK_MS = 2 * 86_400_000

/**
 * HVD, as the dataset stored it. The regulation's IRI (http or https, with or without a
 * trailing slash) is matched by its path; the vocabulary's home is
 * checks/vocabularies/hvd-categories.ts, which this layer may not import.
 */
const HVD_REGULATION_PATH = '%/eli/reg_impl/2023/138%'

/** How many immediate notices were queued. */
export async function queueImmediate(db: Db, config: Pick<Config, 'alerts' | 'web'>, now: Date, secret: string): Promise<number> {
  if (!config.alerts.immediate) return 0
  const { rows } = await sql<AlertRow & { event_id: number }>`
    select a.*, e.id as event_id, ds.iri as dataset_iri, ds.title as dataset_title, ${probedUrlOf('d')} as url
    from alert_events e
    join alerts a on a.id = e.alert_id
    left join distributions d on a.subject_kind = 'distribution' and d.iri = a.subject
    join datasets ds on ds.iri = coalesce(d.dataset_iri, case when a.subject_kind = 'dataset' then a.subject end)
    where e.event = 'opened' and a.open and e.at > ${new Date(now.getTime() - LOOKBACK_MS)}
      and (jsonb_array_length(ds.hvd_categories) > 0
        or exists (select 1 from jsonb_array_elements_text(ds.applicable_legislation) l where l like ${HVD_REGULATION_PATH})
        or ds.iri = any (array(select jsonb_array_elements_text(${json(config.alerts.criticalDatasets)}))))
    order by e.id`.execute(db)
  if (rows.length === 0) return 0
  let queued = 0
  for (const r of await allRecipients(db, config, now)) {
    const { rows: mine } = await sql<{ id: number }>`
      select a.id from alerts a where a.id = any (array(select (jsonb_array_elements_text(${json(rows.map((x) => String(x.id)))}))::bigint)) and ${mineOf(r)}`.execute(db)
    const ids = new Set(mine.map((m) => Number(m.id)))
    for (const a of rows.filter((x) => ids.has(Number(x.id)))) {
      const links = digestLinks(config, secret, r, now)
      const rendered = renderDigest({ opened: [await toItem(db, a, r.lang)], open: [], resolved: [] }, r.lang, config.web.publicUrl, links)
      const written = await enqueueMessage(db, { recipient: r.email, dedupeKey: `immediate:${r.email}:${a.event_id}`, rendered, headers: listHeaders(links.unsubscribe), now })
      if (written) queued++
    }
  }
  return queued
}

/**
 * The outbox job (`schedule.alertsOutbox`, every 10 minutes): queues the immediate notices,
 * then sends what is due: those, retries after a failure, and what quiet hours held.
 */
export async function runOutboxJob(
  db: Db,
  config: Pick<Config, 'alerts' | 'web' | 'dataDir' | 'http' | 'allowPrivateNetworks'>,
  now: Date,
  secret: string,
): Promise<DeliveryResult & { queued: number }> {
  const queued = await queueImmediate(db, config, now, secret)
  return { queued, ...(await deliverDue(db, config, now)) }
}
