/**
 * `npm run bench:storage [-- --distributions N] [--per-day K] [--checkpoints 1,3,6,12]`:
 * the probe history at European size. Seeds a fresh PostgreSQL database (its own, next to
 * BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test, dropped at the end unless
 * BENCH_KEEP=1) with N distributions (default 1,000,000: 1,000 per organisation, 500
 * datasets × 2 files; current scores and check results as bench:api seeds them), then loads
 * a year of history a month at a time, oldest first, straight in SQL (generate_series): K
 * probes a day of every distribution (default 1; one in ten files broken all year, the
 * others answering) into the monthly partitions, and the daily rollups of every level.
 * After each checkpoint month it prints:
 *   - the daily rollup's time (rollupDay of the last loaded day: score every file, write the day);
 *   - the organisation page read's p50/p95 (readOrganisation, 100 reads over random organisations);
 *   - the table sizes (probes with its indexes, rollups, everything) and bytes per probe;
 * and at the end, what the retention job (schedule.retention) takes and leaves.
 * A full 1,000,000-distribution year at one probe a day is 365 million probes (about
 * 100 GB with indexes): give --distributions for a quick run, and read the bytes per probe.
 */
import { parseArgs } from 'node:util'
import { cpus, loadavg } from 'node:os'
import postgres from 'postgres'
import { openDatabase } from '../../src/db/open-database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { ensureProbePartitions } from '../../src/db/probe-partitions.js'
import { maintainProbeHistory } from '../../src/db/probe-retention.js'
import { rollupDay } from '../../src/scoring/rollup-day.js'
import { readOrganisation } from '../../src/read-model/organisation.js'
import { defaultConfig } from '../../src/config/config.js'
import { SCORING_VERSION } from '../../src/scoring/scoring-version.js'
import { orgIri, seedRegion } from './api-seed.js'
import { wholeNumber, wholeNumbers } from './bench-args.js'

const { values } = parseArgs({
  options: { distributions: { type: 'string' }, 'per-day': { type: 'string' }, checkpoints: { type: 'string' } },
})
const DISTRIBUTIONS = wholeNumber('bench:storage', 'distributions', values.distributions ?? '1000000')
const PER_DAY = wholeNumber('bench:storage', 'per-day', values['per-day'] ?? '1')
const CHECKPOINTS = wholeNumbers('bench:storage', 'checkpoints', values.checkpoints ?? '1,3,6,12', 1, 12)
const FILES_PER_ORG = 1_000
const ORGS = Math.max(1, Math.round(DISTRIBUTIONS / FILES_PER_ORG))
const DAY = 86_400_000
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const admin = postgres(base, { max: 1, onnotice: () => {} })
const name = `datavakt_bench_storage_${process.pid}`
await admin.unsafe(`create database ${name}`)
const url = new URL(base)
url.pathname = `/${name}`
const raw = postgres(url.toString(), { max: 1, onnotice: () => {} })
const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 })

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
const today = Date.parse(new Date().toISOString().slice(0, 10))
/** Day 0 of the simulated year: 365 days before today (the last loaded day is yesterday). */
const yearStart = today - 365 * DAY

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now()
  const r = await run()
  return [r, performance.now() - t0]
}

/** K probes a day of every distribution for days [from, to) of the year: broken files fail with a 404, the others answer. */
async function loadProbes(from: number, to: number): Promise<void> {
  await raw`
    insert into probes (distribution_iri, url, host, at, outcome, code, http_status, elapsed_ms, content_type, content_length,
      etag, bytes_read, findings, worker_id, state_before, state_after)
    select d.iri, d.download_url, d.host,
      ${new Date(yearStart).toISOString()}::timestamptz + g.day * interval '1 day' + s.k * (interval '1 day' / ${PER_DAY}) + (abs(hashtext(d.iri)::bigint) % 3600) * interval '1 second',
      case when b.broken then 'failing' else 'ok' end, case when b.broken then 'http-404' else 'ok' end,
      case when b.broken then 404 else 200 end, 20 + abs(hashtext(d.iri)::bigint + g.day * 7919 + s.k) % 400,
      case when b.broken then 'text/html' else 'text/csv' end, 48213, 'W/"' || md5(d.iri) || '"', 65536,
      case when b.broken then '[{"code":"http-404","severity":"error","params":{"status":404}}]'::jsonb else '[]'::jsonb end,
      'bench-worker', case when b.broken then 'broken' else 'ok' end, case when b.broken then 'broken' else 'ok' end
    from distributions d cross join lateral (select hashtext(d.iri) % 10 = 0 as broken) b,
      generate_series(${from}::int, ${to - 1}::int) g(day), generate_series(0, ${PER_DAY - 1}::int) s(k)`
}

/** The daily rollups of days [from, to) at every level (as the nightly job writes them). */
async function loadRollups(from: number, to: number): Promise<void> {
  const days = raw`(select to_char(${new Date(yearStart).toISOString()}::date + g, 'YYYY-MM-DD') as day, g from generate_series(${from}::int, ${to - 1}::int) g) days`
  const score = (salt: string) => raw.unsafe(`greatest(0, least(100, 60 + abs(hashtext(x.key || '${salt}')) % 30 + (days.g % 7)))`)
  await raw`
    insert into score_rollups (level, key, day, scoring_version, parent, availability, freshness, format, conformance, metadata, total, counts)
    select x.level, x.key, days.day, ${SCORING_VERSION}, x.parent, ${score('a')}, ${score('f')}, ${score('o')}, null, ${score('m')}, ${score('t')}, x.counts
    from (select 'region' as level, 'region' as key, null as parent, '{"distributions":1}'::jsonb as counts
          union all select 'organisation', iri, 'region', '{"distributions":1}'::jsonb from organisations
          union all select 'dataset', iri, organisation_iri, '{"distributions":2}'::jsonb from datasets
          union all select 'distribution', iri, dataset_iri, '{}'::jsonb from distributions) x, ${days}
    on conflict do nothing`
}

/** Sizes in bytes (tables with their indexes and TOAST) and the probe count. */
async function sizes(): Promise<{ probes: number; rollups: number; all: number; count: number }> {
  const [r] = await raw<{ probes: string; rollups: string; all: string; count: string }[]>`
    select (select sum(pg_total_relation_size(relid)) from pg_partition_tree('probes')) as probes,
      pg_total_relation_size('score_rollups') as rollups, pg_database_size(current_database()) as all,
      (select count(*) from probes) as count`
  return { probes: Number(r!.probes), rollups: Number(r!.rollups), all: Number(r!.all), count: Number(r!.count) }
}

/** 100 organisation page reads over random organisations: p50 and p95 in ms. */
async function organisationReads(): Promise<{ p50: number; p95: number }> {
  const ms: number[] = []
  for (let i = 0; i < 100; i++) {
    const iri = orgIri(1 + Math.floor(Math.random() * ORGS))
    const [, t] = await timed(() => readOrganisation(database.db, iri, 'sv'))
    ms.push(t)
  }
  ms.sort((a, b) => a - b)
  return { p50: pct(ms, 50), p95: pct(ms, 95) }
}

try {
  console.log(`bench:storage: ${DISTRIBUTIONS.toLocaleString('en')} distributions (${ORGS} organisations), ${PER_DAY} probe(s) a day, checkpoints after ${CHECKPOINTS.join(', ')} months`)
  console.log(`${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)} at the start; PostgreSQL ${(await raw`show server_version`)[0]!.server_version}`)
  await migrateToLatest(database.db)
  for (let m = 0; m <= 13; m++) await ensureProbePartitions(database.db, new Date(yearStart + m * 31 * DAY), 0)
  await raw`set synchronous_commit = off`
  await seedRegion(raw, { organisations: ORGS, datasetsPerOrganisation: FILES_PER_ORG / 2, distributionsPerDataset: 2, days: 0 }, (l) => console.log(l))
  console.log('\nmonths | probes        | probes size | B/probe | rollups size | database | load month | daily rollup | org page p50 / p95')
  let loadedDays = 0
  for (let month = 1; month <= Math.max(...CHECKPOINTS); month++) {
    const to = Math.min(365, Math.round((month * 365) / 12))
    const [, loadMs] = await timed(async () => {
      await loadProbes(loadedDays, to)
      await loadRollups(loadedDays, to)
    })
    loadedDays = to
    if (!CHECKPOINTS.includes(month)) continue
    await raw`analyze`
    const lastDay = new Date(yearStart + (loadedDays - 1) * DAY).toISOString().slice(0, 10)
    const [, rollupMs] = await timed(() => rollupDay({ db: database.db, day: lastDay }))
    const org = await organisationReads()
    const s = await sizes()
    console.log(
      `${String(month).padStart(6)} | ${s.count.toLocaleString('en').padStart(13)} | ${mb(s.probes).padStart(11)} | ${String(Math.round(s.probes / Math.max(1, s.count))).padStart(7)} | ` +
        `${mb(s.rollups).padStart(12)} | ${mb(s.all).padStart(8)} | ${secs(loadMs).padStart(10)} | ${secs(rollupMs).padStart(12)} | ${org.p50.toFixed(1)} / ${org.p95.toFixed(1)} ms`,
    )
  }
  const before = await sizes()
  const [r, retentionMs] = await timed(() => maintainProbeHistory(database.db, defaultConfig.retention))
  await raw`vacuum analyze probes`
  const after = await sizes()
  console.log(
    `\nretention (every probe ${defaultConfig.retention.allProbesDays} days, one a day until ${defaultConfig.retention.dailyProbesDays}): ${secs(retentionMs)}; ` +
      `${r.deleted.toLocaleString('en')} probes deleted, ${r.droppedPartitions.length} months dropped; probes ${before.count.toLocaleString('en')} → ${after.count.toLocaleString('en')}, ` +
      `${mb(before.probes)} → ${mb(after.probes)}`,
  )
  const perYear = (before.probes / Math.max(1, before.count)) * 365 * PER_DAY
  console.log(`bytes per distribution per year of probes (${PER_DAY} a day, before retention): ${(perYear / 1_048_576).toFixed(2)} MB; × 1,000,000 distributions = ${((perYear * 1e6) / 1e9).toFixed(0)} GB`)
  console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end`)
} finally {
  await database.close()
  await raw.end()
  if (process.env.BENCH_KEEP) console.log(`kept database ${name}`)
  else await admin.unsafe(`drop database if exists ${name} with (force)`)
  await admin.end()
}
