import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database, Db } from './database.js'
import { json } from './json.js'
import type { SourceConfig } from '../config/config.js'
import { DATASET_COLUMNS, datasetRow, DIST_COLUMNS, distributionRow, SERVICE_COLUMNS, serviceRow, type TableColumns } from './harvest-rows.js'
import { MAX_STORED_WARNINGS, type RunOutcome } from './harvest-runs.js'
import { probedUrlOf } from './probed-url.js'
import type { DataService, Dataset, Distribution, Organisation } from '../domain/catalogue-records.js'
import type { HarvestWarning } from '../domain/harvest-warning.js'

/** What one harvest of one source read, as the store takes it. */
export interface HarvestInput {
  organisations: Organisation[]
  datasets: (Dataset & { distributions: Distribution[] })[]
  dataServices: DataService[]
  /** Datasets whose description could not be read this time: neither updated nor withdrawn. */
  keepDatasetIris: string[]
  /** The same for data services; absent = none. */
  keepServiceIris?: string[]
}

/** What one successful harvest did to one kind of record. */
export interface ChangeCounts {
  added: number
  changed: number
  unchanged: number
  withdrawn: number
  /** Withdrawn before, back in the catalogue now. */
  restored: number
  /** Already harvested from another source (first source keeps it). */
  skipped: number
}

/** Change counts per kind, as stored in harvest_runs.counts. */
export interface HarvestCounts {
  datasets: ChangeCounts
  distributions: ChangeCounts
  dataServices: ChangeCounts
}

/** Rows per INSERT of organisations: one jsonb parameter each. */
const BATCH = 1000
/**
 * Datasets (and distributions, services) compared and written per statement. Only one
 * group's rows, their JSON parameter and the stored rows they are compared with are in
 * memory at a time. Measured on 5,000 datasets: 250, 500 and 1,000 use the same memory;
 * 250 took ~50% longer than 500.
 */
const GROUP = 500

function zero(): ChangeCounts {
  return { added: 0, changed: 0, unchanged: 0, withdrawn: 0, restored: 0, skipped: 0 }
}

/** A jsonb array parameter read as a set of text values in SQL. */
function textSet(values: string[]): RawBuilder<unknown> {
  return sql`(select jsonb_array_elements_text(${json(values)}))`
}

function isIri(s: string | undefined): s is string {
  return !!s && /^[a-z][a-z0-9+.-]*:/i.test(s) && !/\s/.test(s)
}

type Existing = { iri: string; source_id?: string; record_hash: string; withdrawn_at: Date | null }

/** How a group's rows compare with the stored ones (see classify). */
interface Classified<R> {
  /** New, changed and restored rows: upserted. */
  write: R[]
  /** The stored rows among `write` (changed and restored). */
  rewritten: R[]
  /** The IRIs of the restored rows (withdrawn before). */
  restored: string[]
  /** The IRIs of the unchanged rows: only last_seen moves. */
  touch: string[]
  /** Every IRI but the skipped. */
  kept: string[]
}

/**
 * Sorts rows into added / changed / unchanged / restored against what is stored, and skips
 * rows another source owns (not withdrawn there) when `sourceId` is given.
 */
function classify<R extends { iri: string; record_hash: string }>(
  rows: R[],
  existing: Existing[],
  counts: ChangeCounts,
  sourceId: string | null,
): Classified<R> {
  const byIri = new Map(existing.map((e) => [e.iri, e]))
  const write: R[] = []
  const rewritten: R[] = []
  const restored: string[] = []
  const touch: string[] = []
  const kept: string[] = []
  for (const r of rows) {
    const e = byIri.get(r.iri)
    if (!e) {
      counts.added++
      write.push(r)
    } else if (sourceId !== null && e.source_id !== sourceId && e.withdrawn_at === null) {
      counts.skipped++
      continue
    } else if (e.withdrawn_at !== null) {
      counts.restored++
      write.push(r)
      rewritten.push(r)
      restored.push(r.iri)
    } else if (e.record_hash !== r.record_hash) {
      counts.changed++
      write.push(r)
      rewritten.push(r)
    } else {
      counts.unchanged++
      touch.push(r.iri)
    }
    kept.push(r.iri)
  }
  return { write, rewritten, restored, touch, kept }
}

/** Upserts one group of rows: one INSERT ... SELECT FROM jsonb_to_recordset. */
async function upsert(trx: Kysely<Database>, table: string, columns: TableColumns, rows: object[]): Promise<void> {
  if (rows.length === 0) return
  const updates = columns.list.filter((n) => n !== 'iri').map((n) => `${n} = excluded.${n}`)
  await sql`insert into ${sql.table(table)} (${sql.raw(columns.names)}, first_seen, last_seen, withdrawn_at)
    select ${sql.raw(columns.names)}, now(), now(), null from jsonb_to_recordset(${json(rows)}) as x(${columns.cols})
    on conflict (iri) do update set ${sql.raw([...updates, 'last_seen = now()', 'withdrawn_at = null'].join(', '))}`.execute(trx)
}

async function touch(trx: Kysely<Database>, table: 'datasets' | 'distributions' | 'data_services', iris: string[]): Promise<void> {
  if (iris.length === 0) return
  await sql`update ${sql.table(table)} set last_seen = now() where iri in ${textSet(iris)}`.execute(trx)
}

async function existingOf(trx: Kysely<Database>, table: 'datasets' | 'distributions' | 'data_services', iris: string[], withSource: boolean) {
  if (iris.length === 0) return []
  const r = await sql<Existing>`select iri, ${sql.raw(withSource ? 'source_id' : 'null as source_id')}, record_hash, withdrawn_at
    from ${sql.table(table)} where iri in ${textSet(iris)}`.execute(trx)
  return r.rows
}

/**
 * Of `rows` (harvested distributions already stored), the IRIs whose probed URL
 * (src/db/probed-url.ts) differs from the stored one. Read before the rows are written.
 */
async function probedUrlChanged(trx: Kysely<Database>, rows: object[]): Promise<string[]> {
  if (rows.length === 0) return []
  const r = await sql<{ iri: string }>`select d.iri from distributions d
    join jsonb_to_recordset(${json(rows)}) as x(iri text, access_url text, download_url text) on x.iri = d.iri
    where ${probedUrlOf('d')} is distinct from ${probedUrlOf('x')}`.execute(trx)
  return r.rows.map((x) => x.iri)
}

/** Makes distributions due at the next sweep (an earlier next check is kept). */
async function dueNow(trx: Kysely<Database>, iris: string[]): Promise<void> {
  if (iris.length === 0) return
  await sql`update distributions set next_check_at = least(next_check_at, now()) where iri in ${textSet(iris)}`.execute(trx)
}

/** What storing one group did: the IRIs kept (all but the skipped), and the distributions whose probed URL changed. */
interface StoredGroup {
  kept: string[]
  probedUrlChanged: string[]
}

/**
 * Stores one group of rows of a table: compares them with the stored ones, writes the new,
 * changed and restored, touches the unchanged. A distribution whose probed URL changed, or
 * that comes back from withdrawn, is treated as new by the availability schedule: it is
 * due at the next sweep instead of waiting out the old URL's interval. (Its old URL's
 * availability state is dropped by storeHarvest once this is committed; see there.)
 */
async function storeGroup<R extends { iri: string; record_hash: string }>(
  trx: Kysely<Database>,
  table: 'datasets' | 'distributions' | 'data_services',
  columns: TableColumns,
  rows: R[],
  counts: ChangeCounts,
  owner: string | null,
): Promise<StoredGroup> {
  const existing = await existingOf(
    trx,
    table,
    rows.map((r) => r.iri),
    owner !== null,
  )
  const c = classify(rows, existing, counts, owner)
  const changed = table === 'distributions' ? await probedUrlChanged(trx, c.rewritten) : []
  await upsert(trx, table, columns, c.write)
  await touch(trx, table, c.touch)
  if (table === 'distributions') await dueNow(trx, [...new Set([...changed, ...c.restored])])
  return { kept: c.kept, probedUrlChanged: changed }
}

/**
 * Drops the availability state of distributions whose probed URL changed, so the old URL's
 * validators (ETag, Last-Modified) and failure run (what the "broken" rule counts) do not
 * carry over to the new one; their probes are kept. Run after the harvest's transaction has
 * committed, in a short one of its own: the probe writer locks a state row before the
 * distribution row (src/db/probe-store.ts), and the harvest holds every distribution row
 * of the source it has written or touched until it commits, so deleting state rows inside
 * it could deadlock with a sweep. The state rows are locked in IRI order, as the probe
 * writer locks them.
 */
async function dropAvailabilityState(db: Db, iris: string[]): Promise<void> {
  if (iris.length === 0) return
  await sql`with locked as (
      select distribution_iri from availability_state
      where distribution_iri = any (array(select jsonb_array_elements_text(${json(iris)})))
      order by distribution_iri for update)
    delete from availability_state s using locked l where s.distribution_iri = l.distribution_iri`.execute(db)
}

/** Organisations: merged (names per language), never withdrawn; the source's own organisation is added when missing. */
async function storeOrganisations(trx: Kysely<Database>, sourceId: string, organisation: string | null, organisations: Organisation[]): Promise<void> {
  const orgs = new Map(organisations.map((o) => [o.iri, o]))
  if (organisation && !orgs.has(organisation)) orgs.set(organisation, { iri: organisation, name: {}, orgNumber: null, homepage: null })
  const orgRows = [...orgs.values()].map((o) => ({ iri: o.iri, name: o.name, org_number: o.orgNumber, homepage: o.homepage, source_id: sourceId }))
  for (let i = 0; i < orgRows.length; i += BATCH) {
    await sql`insert into organisations (iri, name, org_number, homepage, source_id)
      select iri, name, org_number, homepage, source_id
      from jsonb_to_recordset(${json(orgRows.slice(i, i + BATCH))}) as x(iri text, name jsonb, org_number text, homepage text, source_id text)
      on conflict (iri) do update set name = organisations.name || excluded.name,
        org_number = coalesce(excluded.org_number, organisations.org_number),
        homepage = coalesce(excluded.homepage, organisations.homepage), last_seen = now()`.execute(trx)
  }
}

/**
 * Datasets, and the distributions of those this source holds, a group at a time: the rows,
 * their JSON and the stored rows they are compared with exist for one group only. All at
 * once, they raised the JS heap's peak by ~8 MB more on 5,000 datasets, and in proportion to
 * the catalogue's size. Then withdraws what this source had and no longer lists (datasets
 * in `model.keepDatasetIris`, and their distributions, are left as they are). Returns how
 * many datasets and distributions the source holds now.
 */
async function storeDatasets(
  trx: Kysely<Database>,
  sourceId: string,
  organisation: string | null,
  model: HarvestInput,
  counts: HarvestCounts,
): Promise<{ datasets: number; distributions: number; probedUrlChanged: string[] }> {
  const keep = new Set(model.keepDatasetIris)
  const probedUrlChanged: string[] = []
  const presentDatasets: string[] = []
  const distSeen = new Set<string>()
  for (let i = 0; i < model.datasets.length; i += GROUP) {
    const group = model.datasets.slice(i, i + GROUP).filter((d) => !keep.has(d.iri))
    const rows = group.map((d) => datasetRow(d, sourceId, organisation))
    const own = new Set((await storeGroup(trx, 'datasets', DATASET_COLUMNS, rows, counts.datasets, sourceId)).kept)
    for (const iri of own) presentDatasets.push(iri)
    const distRows: ReturnType<typeof distributionRow>[] = []
    for (const d of group) {
      if (!own.has(d.iri)) continue
      for (const x of d.distributions) {
        if (distSeen.has(x.iri)) continue
        distSeen.add(x.iri)
        distRows.push(distributionRow(x))
      }
    }
    // A group's distributions go in groups of the same size; datasets have ~2 each.
    for (let j = 0; j < distRows.length; j += GROUP) {
      const stored = await storeGroup(trx, 'distributions', DIST_COLUMNS, distRows.slice(j, j + GROUP), counts.distributions, null)
      for (const iri of stored.probedUrlChanged) probedUrlChanged.push(iri)
    }
  }
  const datasets = presentDatasets.length
  for (const iri of keep) presentDatasets.push(iri)
  const withdrawnDs = await sql<{ iri: string }>`update datasets set withdrawn_at = now()
    where source_id = ${sourceId} and withdrawn_at is null and iri not in ${textSet(presentDatasets)} returning iri`.execute(trx)
  counts.datasets.withdrawn = withdrawnDs.rows.length
  const withdrawnDist = await sql<{ iri: string }>`update distributions set withdrawn_at = now()
    where withdrawn_at is null
      and dataset_iri in (select iri from datasets where source_id = ${sourceId})
      and dataset_iri not in ${textSet([...keep])}
      and iri not in ${textSet([...distSeen])}
    returning iri`.execute(trx)
  counts.distributions.withdrawn = withdrawnDist.rows.length
  return { datasets, distributions: distSeen.size, probedUrlChanged }
}

/** Data services a group at a time, then withdraws those this source had and no longer lists. Returns how many it holds now. */
async function storeServices(trx: Kysely<Database>, sourceId: string, organisation: string | null, model: HarvestInput, counts: ChangeCounts): Promise<number> {
  const keep = new Set(model.keepServiceIris ?? [])
  const services = model.dataServices.filter((s) => !keep.has(s.iri))
  const present: string[] = []
  for (let i = 0; i < services.length; i += GROUP) {
    const rows = services.slice(i, i + GROUP).map((s) => serviceRow(s, sourceId, organisation))
    for (const iri of (await storeGroup(trx, 'data_services', SERVICE_COLUMNS, rows, counts, sourceId)).kept) present.push(iri)
  }
  const held = present.length
  for (const iri of keep) present.push(iri)
  const withdrawn = await sql<{ iri: string }>`update data_services set withdrawn_at = now()
    where source_id = ${sourceId} and withdrawn_at is null and iri not in ${textSet(present)} returning iri`.execute(trx)
  counts.withdrawn = withdrawn.rows.length
  return held
}

/**
 * Stores a successful harvest of `source` in one transaction: batched upserts of
 * organisations, datasets, distributions and data services (only new, changed and restored
 * rows are written; unchanged ones get last_seen), then marks withdrawn (withdrawn_at = now)
 * what this source had and the catalogue no longer lists. No record is ever deleted; a
 * withdrawn record that comes back is restored. Datasets in `model.keepDatasetIris` (and services in
 * `keepServiceIris`) are left as they are. A dataset another source already holds is skipped (first source keeps it).
 * Finishes the run as 'ok' with its counts. A distribution whose probed URL changed, or that
 * is restored, is due at the next sweep; one whose probed URL changed then loses its
 * availability state (not its probes), so the new URL starts afresh.
 */
export async function storeHarvest(
  db: Db,
  source: Pick<SourceConfig, 'id' | 'organisation'>,
  model: HarvestInput,
  runId: number,
  outcome: RunOutcome,
): Promise<HarvestCounts> {
  const organisation = isIri(source.organisation) ? source.organisation : null
  const counts: HarvestCounts = { datasets: zero(), distributions: zero(), dataServices: zero() }
  const probedUrlChanged = await db.transaction().execute(async (trx) => {
    await storeOrganisations(trx, source.id, organisation, model.organisations)
    const held = await storeDatasets(trx, source.id, organisation, model, counts)
    const services = await storeServices(trx, source.id, organisation, model, counts.dataServices)
    const skipped: HarvestWarning[] = counts.datasets.skipped ? [{ code: 'datasets-held-elsewhere', subject: source.id, params: { n: counts.datasets.skipped } }] : []
    await trx
      .updateTable('harvest_runs')
      .set({
        status: 'ok',
        finished_at: sql`now()`,
        http_status: outcome.httpStatus,
        bytes: outcome.bytes,
        documents: outcome.documents,
        datasets: held.datasets,
        distributions: held.distributions,
        data_services: services,
        added: counts.datasets.added,
        changed: counts.datasets.changed,
        withdrawn: counts.datasets.withdrawn,
        unchanged: counts.datasets.unchanged,
        restored: counts.datasets.restored,
        counts: json(counts),
        warnings: json([...skipped, ...outcome.warnings].slice(0, MAX_STORED_WARNINGS)),
      })
      .where('id', '=', runId)
      .execute()
    return held.probedUrlChanged
  })
  await dropAvailabilityState(db, probedUrlChanged)
  return counts
}
