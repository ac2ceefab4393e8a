import { sql, type RawBuilder } from 'kysely'
import type { Db } from './database.js'
import { expectsDataFile } from '../domain/expects-data-file.js'
import { serviceProbe } from '../domain/service-probe.js'
import { probedUrlOf } from './probed-url.js'

/**
 * The URLs a host still owes a sweep: its distributions' and its data services' (their
 * endpoint, an OGC service's GetCapabilities: src/domain/service-probe.ts). A service's
 * probes, availability state and next check are kept under its IRI like a distribution's.
 * Never calls the network.
 */

/** A distribution (or data service) due in a sweep, with the validators for a conditional request. */
export interface DueDistribution {
  iri: string
  url: string
  etag: string | null
  lastModified: string | null
  /** The catalogue promises a data file here, so a web page is failing (src/domain/expects-data-file.ts). */
  expectData: boolean
}

/**
 * Where the previous page ended: its last row's IRI and, in a due sweep (ordered by next
 * check, then IRI), its next_check_at as the database wrote it (text: a JavaScript Date
 * would lose the microseconds, and the page boundary would move).
 */
export interface DueCursor {
  iri: string
  nextCheckAt: string | null
}

/** One row of dueDistributions' query. */
interface DueRow {
  iri: string
  url: string
  next_check_at: string
  etag: string | null
  last_modified: string | null
  is_download: boolean
  format: string | null
  media_type: string | null
  is_landing_page: boolean
  probed: boolean
  /** Set for a data service only. */
  endpoint_urls: string[] | null
  endpoint_description: string | null
  conforms_to: string[] | null
}

/** The SQL expression of the URL that is probed (src/db/probed-url.ts). */
const probedUrl = probedUrlOf('d')

/**
 * The hosts with distributions to probe, and how many each: every non-withdrawn
 * distribution with a URL, or (with `dueBefore`) those whose stored next check is due by
 * then, found through distributions_due_idx rather than by reading every distribution.
 * Host '' stands for distributions without a parseable host. As SQL, for the sweep's
 * queue (src/queue/create-sweep.ts) and for EXPLAIN.
 */
export function dueHostCounts(dueBefore: Date | null): RawBuilder<{ host: string; urls: number }> {
  const due = dueBefore === null ? sql`` : sql`and next_check_at <= ${dueBefore}`
  return sql<{ host: string; urls: number }>`
    select coalesce(host, '') as host, count(*)::int as urls
    from (
      select host from distributions where withdrawn_at is null and ${probedUrlOf('distributions')} is not null ${due}
      union all
      select host from data_services where withdrawn_at is null and endpoint_urls->>0 is not null ${due}
    ) probed
    group by coalesce(host, '')`
}

/**
 * The distributions of `host` that have no probe in `sweepId` yet: after a take-over,
 * only what the crashed worker did not record is redone (on a host's first claim, when
 * there can be none, nothing is looked up: `DuePage.reclaimed`). Host '' stands for
 * distributions without a parseable host (they are probed and come out invalid-url).
 * With `dueBefore` (a scheduled sweep's cut-off, sweeps.due_before) only those whose
 * stored next check is due by then, read through the (host, next_check_at, iri) index in
 * that order, so a host with many URLs and few due costs only the due ones; without it,
 * every distribution of the host, in IRI order.
 *
 * A page at a time: the host's next `limit` distributions after `after` (the previous
 * page's `next`), of which those already probed in the sweep are left out, so a page may
 * hold fewer than `limit`, or none, while `next` is not null. A worker holds hundreds of
 * hosts at once, and their whole lists were the largest thing a sweep kept alive. The page
 * is cut before the probes and states are looked up, so each look-up is done once per
 * distribution, not once per page. The host is compared as the column itself (not
 * coalesced) so the host index finds its rows.
 */
export async function dueDistributions(db: Db, sweepId: number, host: string, page: DuePage): Promise<{ due: DueDistribution[]; next: DueCursor | null }> {
  const { rows } = await duePageQuery(sweepId, host, page).execute(db)
  const list: DueDistribution[] = []
  for (const r of rows) {
    if (r.probed) continue
    const probe = dueProbe(r)
    if (probe) list.push({ iri: r.iri, url: probe.url, etag: r.etag, lastModified: r.last_modified, expectData: probe.expectData })
  }
  const last = rows[rows.length - 1]
  const next = rows.length < page.limit || !last ? null : { iri: last.iri, nextCheckAt: page.dueBefore === null ? null : last.next_check_at }
  return { due: list, next }
}

/** Which page of a host's due distributions to read (see dueDistributions). */
export interface DuePage {
  after?: DueCursor
  limit: number
  /** The sweep's cut-off (sweeps.due_before); null: every distribution of the host. */
  dueBefore: Date | null
  /**
   * Whether the sweep may already hold probes of this host's URLs: the host was claimed
   * before in it (a worker died or gave it back), so what was recorded is left out. False on
   * a host's first claim, when nothing of it can have been probed in the sweep yet: the
   * look-up, one index search per distribution in every month's partition of the probes,
   * was a third of the page's cost. The probe writer still refuses a second probe of a
   * distribution in a sweep (src/db/probe-store.ts). Default true.
   */
  reclaimed?: boolean
}

/** dueDistributions' query, as SQL (also for EXPLAIN): a page of the host's distributions and one of its data services, merged. */
export function duePageQuery(sweepId: number, host: string, page: DuePage): RawBuilder<DueRow> {
  const byDue = page.dueBefore !== null
  const where = (t: 'd' | 'v') => {
    const col = (c: string) => sql.ref(`${t}.${c}`)
    const ofHost = host === '' ? sql`(${col('host')} is null or ${col('host')} = '')` : sql`${col('host')} = ${host}`
    const due = byDue ? sql`and ${col('next_check_at')} <= ${page.dueBefore}` : sql``
    const after =
      page.after === undefined
        ? sql``
        : byDue && page.after.nextCheckAt !== null
          ? sql`and (${col('next_check_at')}, ${col('iri')}) > (${page.after.nextCheckAt}::timestamptz, ${page.after.iri})`
          : sql`and ${col('iri')} > ${page.after.iri}`
    return sql`${ofHost} and ${col('withdrawn_at')} is null ${due} ${after}`
  }
  // Led by the host (one value here, so the same order) so the planner takes the index
  // that is in this order, (host, iri) or (host, next_check_at, iri), and stops after
  // `limit` rows. Ordered by the IRI alone it took any host index and sorted all the
  // host's rows for every page (embedded PGlite has no statistics to tell them apart):
  // a host of N URLs cost N²/limit. Host '' also holds null, which sorts apart: no lead.
  const lead = (t: string) => (host === '' ? sql`` : sql`${sql.ref(`${t}.host`)}, `)
  const order = (t: string) => (byDue ? sql`${lead(t)}${sql.ref(`${t}.next_check_at`)}, ${sql.ref(`${t}.iri`)}` : sql`${lead(t)}${sql.ref(`${t}.iri`)}`)
  return sql<DueRow>`
    select d.iri, d.url, d.next_check_at::text as next_check_at, s.last_etag as etag, s.last_modified, d.is_download,
      d.format, d.media_type, coalesce(ds.landing_page = d.url, false) as is_landing_page,
      ${page.reclaimed === false ? sql`false` : sql`exists (select 1 from probes p where p.sweep_id = ${sweepId} and p.distribution_iri = d.iri)`} as probed,
      d.endpoint_urls, d.endpoint_description, d.conforms_to
    from (
      (select d.iri, ${probedUrl} as url, d.next_check_at, d.download_url is not null as is_download, d.format, d.media_type, d.dataset_iri,
         null::jsonb as endpoint_urls, null::text as endpoint_description, null::jsonb as conforms_to
       from distributions d
       where ${where('d')} and ${probedUrl} is not null
       order by ${order('d')}
       limit ${page.limit})
      union all
      (select v.iri, v.endpoint_urls->>0, v.next_check_at, false, null, null, null, v.endpoint_urls, v.endpoint_description, v.conforms_to
       from data_services v
       where ${where('v')} and v.endpoint_urls->>0 is not null
       order by ${order('v')}
       limit ${page.limit})
      order by ${byDue ? sql`next_check_at, iri` : sql`iri`}
      limit ${page.limit}
    ) d
    left join availability_state s on s.distribution_iri = d.iri
    left join datasets ds on ds.iri = d.dataset_iri
    order by ${byDue ? sql`d.next_check_at, d.iri` : sql`d.iri`}`
}

/** The URL probed for a due row and whether an HTML answer there is failing: a service's as src/domain/service-probe.ts says. */
function dueProbe(r: DueRow): { url: string; expectData: boolean } | null {
  if (r.endpoint_urls) {
    return serviceProbe({ endpointUrls: r.endpoint_urls, endpointDescription: r.endpoint_description, conformsTo: r.conforms_to ?? [] })
  }
  return { url: r.url, expectData: expectsDataFile({ isDownloadUrl: r.is_download, format: r.format, mediaType: r.media_type, isLandingPage: r.is_landing_page }) }
}
