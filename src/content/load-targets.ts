import type { Selectable } from 'kysely'
import type { DataServiceInfo, DatasetInfo, DistributionInfo, ProbeSummary } from '../../checks/types.js'
import type { Db } from '../db/database.js'
import { latestProbes } from '../db/latest-probes.js'
import type { DataServiceTable, DatasetTable, DistributionTable } from '../db/tables/core.js'
import { probedUrl } from '../domain/probed-url.js'
import { hostOf } from '../domain/url-host.js'

/** A distribution to check, with what the sweep needs beyond what checks see. */
export interface DistributionTarget {
  info: DistributionInfo
  /** The URL fetched: the download URL, else the access URL; null when neither. */
  url: string | null
  /** host:port of that URL (the unit of politeness); null when no URL. */
  host: string | null
  recordHash: string
}

/** A dataset with its live distributions and the data services that serve it. */
export interface DatasetTarget {
  info: DatasetInfo
  recordHash: string
  distributions: DistributionTarget[]
  dataServices: DataServiceInfo[]
}

/** Everything the content sweep checks, read in one go. */
export interface ContentTargets {
  datasets: DatasetTarget[]
  /** Latest probe of each distribution (from the availability part), when any. */
  probeByDistribution: Map<string, ProbeSummary>
  /** Latest probe of each probed URL. */
  probesByUrl: Record<string, ProbeSummary>
}

/** The columns datasets, distributions and data services share, as checks see them (harvest-rows.ts's describedColumns read back). */
function describedOf(r: Selectable<DatasetTable> | Selectable<DistributionTable> | Selectable<DataServiceTable>) {
  return { iri: r.iri, title: r.title ?? {}, license: r.license, accessRights: r.access_rights, conformsTo: r.conforms_to ?? [], hvdCategories: r.hvd_categories ?? [] }
}

/** The columns of what a catalogue publishes on its own (datasets, data services): publisher and contact. */
function publishedOf(r: Selectable<DatasetTable> | Selectable<DataServiceTable>) {
  return { publisherIri: r.publisher_iri, contactEmail: r.contact_email }
}

/** The columns datasets and distributions share beyond describedOf (data services have none of these), as checks see them. */
function recordOf(r: Selectable<DatasetTable> | Selectable<DistributionTable>) {
  return {
    ...describedOf(r),
    description: r.description ?? {},
    rights: r.rights,
    issued: r.issued,
    modified: r.modified,
    applicableLegislation: r.applicable_legislation ?? [],
  }
}

/** Maps a dataset row to what checks see. */
export function datasetInfoOf(r: Selectable<DatasetTable>): DatasetInfo {
  return {
    ...recordOf(r),
    ...publishedOf(r),
    accrualPeriodicity: r.accrual_periodicity,
    spatial: r.spatial ?? [],
    temporal: r.temporal ?? [],
    keywords: r.keywords ?? [],
    themes: r.themes ?? [],
    landingPage: r.landing_page,
  }
}

/** Maps a distribution row to what checks see. */
export function distributionInfoOf(r: Selectable<DistributionTable>): DistributionInfo {
  return {
    ...recordOf(r),
    datasetIri: r.dataset_iri,
    accessUrl: r.access_url,
    downloadUrl: r.download_url,
    format: r.format,
    mediaType: r.media_type,
    byteSize: r.byte_size,
    accessServiceIri: r.access_service_iri,
  }
}

function serviceInfoOf(r: Selectable<DataServiceTable>): DataServiceInfo {
  return {
    ...describedOf(r),
    ...publishedOf(r),
    endpointUrls: r.endpoint_urls ?? [],
    endpointDescription: r.endpoint_description,
    servesDatasets: r.serves_datasets ?? [],
  }
}

/**
 * Reads every live (not withdrawn) dataset with its live distributions, the data services
 * that serve it, and the latest probes, optionally limited to some distributions (their
 * datasets come along). Reads only.
 */
export async function loadContentTargets(db: Db, opts: { distributionIris?: string[] } = {}): Promise<ContentTargets> {
  let distQuery = db.selectFrom('distributions as d').innerJoin('datasets as ds', 'ds.iri', 'd.dataset_iri').selectAll('d').where('d.withdrawn_at', 'is', null).where('ds.withdrawn_at', 'is', null)
  if (opts.distributionIris) distQuery = distQuery.where('d.iri', 'in', opts.distributionIris.length ? opts.distributionIris : [''])
  const dists = await distQuery.orderBy('d.iri').execute()
  let dsQuery = db.selectFrom('datasets').selectAll().where('withdrawn_at', 'is', null)
  if (opts.distributionIris) {
    const dsIris = [...new Set(dists.map((d) => d.dataset_iri))]
    dsQuery = dsQuery.where('iri', 'in', dsIris.length ? dsIris : [''])
  }
  const datasets = await dsQuery.orderBy('iri').execute()
  const services = (await db.selectFrom('data_services').selectAll().where('withdrawn_at', 'is', null).execute()).map(serviceInfoOf)
  const servicesByIri = new Map(services.map((s) => [s.iri, s]))

  const byDataset = new Map<string, DatasetTarget>()
  for (const ds of datasets) {
    const serving = services.filter((s) => s.servesDatasets.includes(ds.iri))
    byDataset.set(ds.iri, { info: datasetInfoOf(ds), recordHash: ds.record_hash, distributions: [], dataServices: serving })
  }
  for (const d of dists) {
    const target = byDataset.get(d.dataset_iri)
    if (!target) continue
    const url = probedUrl(d.download_url, d.access_url)
    target.distributions.push({ info: distributionInfoOf(d), url, host: hostOf(url), recordHash: d.record_hash })
    // A service a distribution points at serves its dataset, whether or not it says so.
    const svc = d.access_service_iri ? servicesByIri.get(d.access_service_iri) : undefined
    if (svc && !target.dataServices.includes(svc)) target.dataServices.push(svc)
  }

  // The latest probe with the availability state (degraded or broken, since when), so the
  // availability check words a failure as it stands, not as if it were the first one.
  const probeByDistribution = new Map<string, ProbeSummary>()
  const probesByUrl: Record<string, ProbeSummary> = {}
  for (const { distributionIri, url, ...summary } of (await latestProbes(db)).values()) {
    probeByDistribution.set(distributionIri, summary)
    // A service is probed under its IRI, an OGC one at its GetCapabilities URL: it counts for its endpoint.
    const endpoint = servicesByIri.get(distributionIri)?.endpointUrls[0]
    for (const at of endpoint ? [url, endpoint] : [url]) {
      const prev = probesByUrl[at]
      if (!prev || prev.at < summary.at) probesByUrl[at] = summary
    }
  }
  return { datasets: [...byDataset.values()], probeByDistribution, probesByUrl }
}
