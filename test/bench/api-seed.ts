import type postgres from 'postgres'
import type { Sql } from 'postgres'
import { SCORING_VERSION } from '../../src/scoring/scoring-version.js'

/** The size of the seeded region. */
export interface SeedSize {
  organisations: number
  datasetsPerOrganisation: number
  distributionsPerDataset: number
  days: number
}

export const orgIri = (i: number) => `https://bench.example/org/${i}`
export const datasetIri = (org: number, d: number) => `https://bench.example/org/${org}/ds/${d}`

/**
 * Seeds a region straight in SQL (generate_series, no round trips per row): organisations,
 * datasets, distributions with availability state, current scores with reasons, the latest
 * check results, and `days` days of rollups at every level. The rollups' indexes are
 * dropped while they fill and made again after (with their own definitions), as a bulk
 * load does; then everything is analysed.
 */
export async function seedRegion(sql: Sql, n: SeedSize, log: (line: string) => void): Promise<void> {
  const v = SCORING_VERSION
  const step = async (label: string, run: () => Promise<unknown>) => {
    const t0 = Date.now()
    await run()
    log(`  seed: ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
  }
  await sql`set synchronous_commit = off`
  await sql`set maintenance_work_mem = '512MB'`
  await sql`insert into catalogue_sources (id, kind, url) values ('bench', 'dcat', 'http://127.0.0.1:9/catalog')`
  await step('organisations, datasets, distributions', async () => {
    await sql`insert into organisations (iri, name) select 'https://bench.example/org/' || o, jsonb_build_object('sv', 'Organisation ' || o, 'en', 'Organisation ' || o) from generate_series(1, ${n.organisations}) o`
    await sql`insert into datasets (iri, source_id, organisation_iri, title, record_hash)
      select 'https://bench.example/org/' || o || '/ds/' || d, 'bench', 'https://bench.example/org/' || o,
        jsonb_build_object('sv', 'Datamängd ' || o || '.' || d, 'en', 'Dataset ' || o || '.' || d), 'h'
      from generate_series(1, ${n.organisations}) o, generate_series(1, ${n.datasetsPerOrganisation}) d`
    await sql`insert into distributions (iri, dataset_iri, download_url, host, format, media_type, record_hash)
      select ds.iri || '/f' || f, ds.iri, 'http://127.0.0.1:9/' || md5(ds.iri) || '/' || f || '.csv', '127.0.0.1', 'CSV', 'text/csv', 'h'
      from datasets ds, generate_series(1, ${n.distributionsPerDataset}) f`
    await sql`insert into availability_state (distribution_iri, state, last_probe_at, last_outcome, last_code, last_http_status, state_since)
      select iri, case when hashtext(iri) % 10 = 0 then 'broken' else 'ok' end, now() - interval '1 hour', 'ok',
        case when hashtext(iri) % 10 = 0 then 'http-404' else 'ok' end, 200, now() - interval '3 days'
      from distributions`
  })
  await step('scores and check results', async () => {
    const reasons = JSON.parse(`[{"dimension":"format","checkId":"csv-structure","code":"ragged-rows","severity":"error","count":3,"params":{"row":7},"pointsLost":20,"pointsToGain":20,"totalPointsToGain":4},
      {"dimension":"metadata","checkId":"metadata","code":"missing-license","severity":"warning","count":1,"params":{},"pointsLost":10,"pointsToGain":10,"totalPointsToGain":2}]`) as postgres.JSONValue
    await sql`insert into scores (distribution_iri, scoring_version, dataset_iri, organisation_iri, availability, freshness, format, conformance, metadata, total, reasons)
      select d.iri, ${v}, d.dataset_iri, ds.organisation_iri, 100, 80, 60 + abs(hashtext(d.iri)) % 40, null, 90, 70 + abs(hashtext(d.iri)) % 30,
        case when hashtext(d.iri) % 3 = 0 then '[]'::jsonb else ${sql.json(reasons)} end
      from distributions d join datasets ds on ds.iri = d.dataset_iri`
    await sql`insert into check_results (distribution_iri, dataset_iri, check_id, dimension, status, findings, at)
      select d.iri, d.dataset_iri, c.id, c.dim, 'warn', '[{"code":"ragged-rows","severity":"error","params":{"row":7}}]'::jsonb, now() - interval '2 hours'
      from distributions d, (values ('csv-structure', 'format'), ('encoding', 'format'), ('freshness', 'freshness')) as c(id, dim)`
    await sql`insert into check_results (distribution_iri, dataset_iri, check_id, dimension, status, findings, at)
      select null, iri, 'metadata', 'metadata', 'warn', '[{"code":"missing-license","severity":"warning","params":{}}]'::jsonb, now() - interval '2 hours' from datasets`
  })
  const indexes = await sql<{ indexname: string; indexdef: string }[]>`select indexname, indexdef from pg_indexes where tablename = 'score_rollups' and indexname <> 'score_rollups_pk'`
  await sql`alter table score_rollups drop constraint score_rollups_pk`
  for (const i of indexes) await sql.unsafe(`drop index ${i.indexname}`)
  const days = sql`(select to_char(current_date - g, 'YYYY-MM-DD') as day, g from generate_series(1, ${n.days}) g) days`
  const score = (salt: string) => sql.unsafe(`greatest(0, least(100, 60 + abs(hashtext(x.key || '${salt}')) % 30 + (days.g % 7)))`)
  await step(`rollups: ${n.days} days of the region and its organisations`, async () => {
    await sql`insert into score_rollups (level, key, day, scoring_version, parent, availability, freshness, format, conformance, metadata, total, counts)
      select x.level, x.key, days.day, ${v}, x.parent, ${score('a')}, ${score('f')}, ${score('o')}, null, ${score('m')}, ${score('t')}, x.counts
      from (select 'region' as level, 'region' as key, null as parent, '{"distributions":1}'::jsonb as counts
            union all select 'organisation', iri, 'region', '{"distributions":1}'::jsonb from organisations) x, ${days}`
  })
  await step(`rollups: ${n.days} days of every dataset`, async () => {
    await sql`insert into score_rollups (level, key, day, scoring_version, parent, availability, freshness, format, conformance, metadata, total, counts)
      select 'dataset', x.key, days.day, ${v}, x.parent, ${score('a')}, ${score('f')}, ${score('o')}, null, ${score('m')}, ${score('t')}, '{"distributions":2}'::jsonb
      from (select iri as key, organisation_iri as parent from datasets) x, ${days}`
  })
  await step(`rollups: ${n.days} days of every distribution`, async () => {
    await sql`insert into score_rollups (level, key, day, scoring_version, parent, availability, freshness, format, conformance, metadata, total, counts)
      select 'distribution', x.key, days.day, ${v}, x.parent, ${score('a')}, ${score('f')}, ${score('o')}, null, ${score('m')}, ${score('t')}, '{}'::jsonb
      from (select iri as key, dataset_iri as parent from distributions) x, ${days}`
  })
  await step('rollup indexes', async () => {
    await sql`alter table score_rollups add constraint score_rollups_pk primary key (level, key, day, scoring_version)`
    for (const i of indexes) await sql.unsafe(i.indexdef)
  })
  await step('vacuum analyze', () => sql`vacuum analyze`)
}
