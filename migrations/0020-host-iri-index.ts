import { sql, type Kysely } from 'kysely'

/**
 * A worker's page of one host's URLs in a sweep of everything (no due cut-off) is read in
 * IRI order (src/db/due-distributions.ts). No index had that order: the planner took a host
 * index and sorted every URL of the host for each page of 32, so a host of N URLs cost
 * N²/32 row reads per sweep (2,449 URLs: 77 pages of 2,449 rows). The (host, iri) index,
 * partial like the due index, gives the page in order and stops after it. It replaces the
 * index on host alone, which only that query used, so a probe's update of next_check_at
 * (which writes into every index of the row) does not get dearer. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index distributions_host_iri_idx on distributions (host, iri) where withdrawn_at is null`.execute(db)
  await sql`drop index distributions_host_idx`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index distributions_host_idx on distributions (host)`.execute(db)
  await sql`drop index distributions_host_iri_idx`.execute(db)
}
