import { sql, type Kysely } from 'kysely'

/**
 * Data services are probed like distributions (their endpoint, an OGC service with a
 * GetCapabilities request), so they get the unit of work a distribution has: `host`, the
 * host:port (lower-case, default port left out, as the WHATWG URL parser gives it) of the
 * first dcat:endpointURL. Existing rows are filled here; the harvest writes it from now on.
 *
 * DCAT-AP HVD puts dcatap:hvdCategory and dcatap:applicableLegislation on distributions as
 * well as on datasets and data services: `distributions` gets both (jsonb lists).
 *
 * A data service's endpoint is probed on the same schedule as a distribution's URL
 * (migration 0013-next-check): it gets `next_check_at`, due at once, and the same
 * (host, next_check_at, iri) index the due sweep reads through.
 * Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('data_services').addColumn('host', 'text').execute()
  await db.schema.createIndex('data_services_host_idx').on('data_services').column('host').execute()
  await db.schema.alterTable('data_services').addColumn('next_check_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`)).execute()
  await db.schema.createIndex('data_services_host_due_idx').on('data_services').columns(['host', 'next_check_at', 'iri']).execute()
  for (const c of ['hvd_categories', 'applicable_legislation']) {
    await db.schema.alterTable('distributions').addColumn(c, 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`)).execute()
  }
  const { rows } = await sql<{ iri: string; url: string | null }>`select iri, endpoint_urls->>0 as url from data_services`.execute(db)
  for (const r of rows) {
    const host = hostOf(r.url)
    if (host) await sql`update data_services set host = ${host} where iri = ${r.iri}`.execute(db)
  }
}

function hostOf(url: string | null): string | null {
  if (!url) return null
  try {
    return new URL(url).host.toLowerCase() || null
  } catch {
    return null
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of ['applicable_legislation', 'hvd_categories']) await db.schema.alterTable('distributions').dropColumn(c).execute()
  await db.schema.dropIndex('data_services_host_due_idx').execute()
  await db.schema.alterTable('data_services').dropColumn('next_check_at').execute()
  await db.schema.dropIndex('data_services_host_idx').execute()
  await db.schema.alterTable('data_services').dropColumn('host').execute()
}
