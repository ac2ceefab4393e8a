/**
 * DCAT-AP-SE's properties (https://docs.dataportal.se/dcat/): the mandatory ones are
 * errors when missing (dataset title, description and publisher; distribution access URL;
 * data service title and endpoint URL), and the recommended ones DIGG's guidance asks for
 * are warnings (contact point, licence, format, keyword, theme, at least one distribution).
 *
 * Finding codes (stable, stored; words in src/i18n/messages/findings-metadata.ts):
 * `missing-title`, `missing-description`, `missing-publisher`, `missing-access-url`,
 * `missing-service-title`, `missing-endpoint-url` (errors); `missing-contact-point`,
 * `missing-license`, `missing-format`, `missing-keyword`, `missing-theme`,
 * `missing-distribution` (warnings). Findings about a distribution or a data service carry
 * its IRI as the param `distribution` or `service` and as `location.fieldName`.
 */
import type { CheckTarget, Finding } from '../types.js'
import { distributionsOf, hasText } from './dataset-parts.js'

type Severity = 'error' | 'warning'

/** The dataset's own properties. */
function datasetFindings(target: CheckTarget): Finding[] {
  const ds = target.dataset
  const missing: [boolean, string, Severity, string][] = [
    [!hasText(ds.title), 'missing-title', 'error', 'dct:title'],
    [!hasText(ds.description), 'missing-description', 'error', 'dct:description'],
    [!ds.publisherIri, 'missing-publisher', 'error', 'dct:publisher'],
    [!ds.contactEmail, 'missing-contact-point', 'warning', 'dcat:contactPoint'],
    [!ds.keywords.some((k) => hasText(k)), 'missing-keyword', 'warning', 'dcat:keyword'],
    [ds.themes.length === 0, 'missing-theme', 'warning', 'dcat:theme'],
    [distributionsOf(target).length === 0, 'missing-distribution', 'warning', 'dcat:distribution'],
  ]
  return missing.filter(([isMissing]) => isMissing).map(([, code, severity, property]) => ({ code, severity, location: { property } }))
}

/** Each distribution's and data service's properties. */
function partFindings(target: CheckTarget): Finding[] {
  const out: Finding[] = []
  const add = (code: string, severity: Severity, property: string, params: { distribution: string } | { service: string }, iri: string) =>
    out.push({ code, severity, params, location: { property, fieldName: iri } })
  for (const d of distributionsOf(target)) {
    const about = { distribution: d.iri }
    if (!d.accessUrl) add('missing-access-url', 'error', 'dcat:accessURL', about, d.iri)
    if (!d.license && !target.dataset.license) add('missing-license', 'warning', 'dct:license', about, d.iri)
    if (!d.format && !d.mediaType) add('missing-format', 'warning', 'dct:format', about, d.iri)
  }
  for (const s of target.dataServices) {
    if (!hasText(s.title)) add('missing-service-title', 'error', 'dct:title', { service: s.iri }, s.iri)
    if (s.endpointUrls.length === 0) add('missing-endpoint-url', 'error', 'dcat:endpointURL', { service: s.iri }, s.iri)
  }
  return out
}

/** The DCAT-AP-SE findings of a dataset target (see the module comment). Pure. */
export function dcatApSeFindings(target: CheckTarget): Finding[] {
  return [...datasetFindings(target), ...partFindings(target)]
}
