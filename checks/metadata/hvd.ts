/**
 * High-value datasets: when dcatap:applicableLegislation names regulation 2023/138, the
 * HVD rules apply: a valid HVD category, CC0 or CC BY 4.0 on every distribution, a bulk
 * download in a machine-readable format that answers, and a data service with an endpoint
 * that answers and an endpoint description (../vocabularies/hvd-categories.ts,
 * ../vocabularies/licences.ts). "Answers" is the availability verdict of the URL.
 *
 * Finding codes (stable, stored; words in src/i18n/messages/findings-metadata.ts), errors
 * unless noted: `hvd-missing-category`, `hvd-invalid-category` and
 * `hvd-category-unverified` (info) with the param `category`; `hvd-licence-not-open` with
 * `distribution` and `licence`; `hvd-no-bulk-download`, `hvd-bulk-download-unreachable`,
 * `hvd-bulk-download-unverified` (info); `hvd-no-data-service`,
 * `hvd-missing-endpoint-description`, `hvd-endpoint-unreachable` (with `urls`),
 * `hvd-endpoint-unverified` (info), each with `service`; `hvd-no-english` with
 * `properties` (dct:title, dct:description) when the dataset has them in no English
 * (regulation 2023/138 requires the metadata in an official EU language widely used;
 * the obligations monitor reads English, as the EU portal does).
 */
import type { Reachability } from '../availability-verdict.js'
import { FILE_TYPES, resolveDeclaredFileType } from '../vocabularies/file-types.js'
import { classifyHvdCategory, isHvdLegislation } from '../vocabularies/hvd-categories.js'
import { isHvdLicence } from '../vocabularies/licences.js'
import type { CheckTarget, DataServiceInfo, Finding } from '../types.js'
import { distributionsOf, reachabilityOfUrl } from './dataset-parts.js'

/** True when the dataset declares HVD regulation 2023/138 as applicable legislation. */
export function isHighValueDataset(target: CheckTarget): boolean {
  return target.dataset.applicableLegislation.some(isHvdLegislation)
}

/** Error when none answers and some does not; info when none could be judged; nothing when one answers. */
function reachFinding(states: Reachability[], unreachable: string, unverified: string): { code: string; severity: 'error' | 'info' } | null {
  if (states.includes('reachable')) return null
  return states.includes('unreachable') ? { code: unreachable, severity: 'error' } : { code: unverified, severity: 'info' }
}

function categoryFindings(target: CheckTarget): Finding[] {
  const property = 'dcatap:hvdCategory'
  const classes = target.dataset.hvdCategories.map((category) => ({ category, cls: classifyHvdCategory(category) }))
  if (classes.length === 0) return [{ code: 'hvd-missing-category', severity: 'error', location: { property } }]
  if (classes.some((c) => c.cls === 'valid')) return []
  return classes.map(({ category, cls }) =>
    cls === 'invalid'
      ? { code: 'hvd-invalid-category', severity: 'error', params: { category }, location: { property } }
      : { code: 'hvd-category-unverified', severity: 'info', params: { category }, location: { property } },
  )
}

function distributionFindings(target: CheckTarget): Finding[] {
  const out: Finding[] = []
  const dists = distributionsOf(target)
  for (const d of dists) {
    const licence = d.license ?? target.dataset.license
    if (!isHvdLicence(licence)) {
      out.push({ code: 'hvd-licence-not-open', severity: 'error', params: { distribution: d.iri, licence }, location: { property: 'dct:license', fieldName: d.iri } })
    }
  }
  const bulk = dists.filter((d) => {
    const type = resolveDeclaredFileType(d.format) ?? resolveDeclaredFileType(d.mediaType)
    return d.downloadUrl && type !== null && FILE_TYPES[type]?.openJudgement.machineReadable === true
  })
  const property = 'dcat:downloadURL'
  if (bulk.length === 0) return [...out, { code: 'hvd-no-bulk-download', severity: 'error', location: { property } }]
  const reach = reachFinding(bulk.map((d) => reachabilityOfUrl(target, d.downloadUrl)), 'hvd-bulk-download-unreachable', 'hvd-bulk-download-unverified')
  if (reach) out.push({ ...reach, location: { property } })
  return out
}

function serviceFindings(target: CheckTarget): Finding[] {
  const services: DataServiceInfo[] = target.dataServices
  if (services.length === 0) return [{ code: 'hvd-no-data-service', severity: 'error', location: { property: 'dcat:accessService' } }]
  const out: Finding[] = []
  for (const s of services) {
    const params = { service: s.iri }
    if (!s.endpointDescription) {
      out.push({ code: 'hvd-missing-endpoint-description', severity: 'error', params, location: { property: 'dcat:endpointDescription', fieldName: s.iri } })
    }
    if (s.endpointUrls.length === 0) continue
    const reach = reachFinding(s.endpointUrls.map((u) => reachabilityOfUrl(target, u)), 'hvd-endpoint-unreachable', 'hvd-endpoint-unverified')
    if (reach) out.push({ ...reach, params: { ...params, urls: s.endpointUrls }, location: { property: 'dcat:endpointURL', fieldName: s.iri } })
  }
  return out
}

function englishFindings(target: CheckTarget): Finding[] {
  const english = (t: Record<string, string>) => Object.entries(t).some(([lang, v]) => /^en(-|$)/i.test(lang) && v.trim() !== '')
  const properties = [
    ...(english(target.dataset.title) ? [] : ['dct:title']),
    ...(english(target.dataset.description) ? [] : ['dct:description']),
  ]
  return properties.length ? [{ code: 'hvd-no-english', severity: 'error', params: { properties }, location: { property: properties[0] } }] : []
}

/** The HVD findings of a dataset under the regulation (see the module comment). Pure. */
export function hvdFindings(target: CheckTarget): Finding[] {
  return [...categoryFindings(target), ...distributionFindings(target), ...serviceFindings(target), ...englishFindings(target)]
}
