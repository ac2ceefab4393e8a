/**
 * The `metadata` check (dataset level): is the dataset described well enough to be found
 * and reused?
 *
 * Three parts:
 * 1. An MQA-compatible score: data.europa.eu's Metadata Quality Assessment indicators and
 *    points (405 in all; table and version pinned in vocabularies/mqa-points.ts).
 *    Distribution-level indicators count the share of distributions that meet them.
 *    Accessibility indicators use the latest probes (`target.probesByUrl`, or
 *    `target.probe` for a lone distribution); distributions never probed are left out of
 *    those shares, and when none was probed the fact `mqaAccessibilityMeasured` is false.
 * 2. DCAT-AP-SE's mandatory properties (https://docs.dataportal.se/dcat/): dataset title,
 *    description and publisher; distribution accessURL; data service title and endpointURL.
 *    Missing ones are errors. Recommended properties DIGG's guidance asks for (contact
 *    point, licence, format, keyword, theme, at least one distribution) are warnings.
 * 3. High-value datasets: when dcatap:applicableLegislation names regulation 2023/138, the
 *    HVD rules: a valid HVD category, CC0 or CC BY 4.0 on every distribution, a live bulk
 *    download in a machine-readable format, and a data service with a reachable endpoint and
 *    an endpoint description (vocabularies/hvd-categories.ts, vocabularies/licences.ts).
 *
 * Finding codes (stable, stored):
 * - DCAT-AP-SE mandatory (error): `missing-title`, `missing-description`, `missing-publisher`,
 *   `missing-access-url`, `missing-service-title`, `missing-endpoint-url`.
 * - DCAT-AP-SE recommended (warning): `missing-contact-point`, `missing-license`,
 *   `missing-format`, `missing-keyword`, `missing-theme`, `missing-distribution`.
 * - HVD (error unless noted): `hvd-missing-category`, `hvd-invalid-category`,
 *   `hvd-category-unverified` (info), `hvd-licence-not-open`, `hvd-no-bulk-download`,
 *   `hvd-bulk-download-unreachable`, `hvd-bulk-download-unverified` (info),
 *   `hvd-no-data-service`, `hvd-endpoint-unreachable`, `hvd-endpoint-unverified` (info),
 *   `hvd-missing-endpoint-description`.
 * - MQA (info, one per indicator that lost points): `mqa-<indicator>`, e.g. `mqa-keyword`,
 *   `mqa-media-type`; the message says how many points fixing it gains.
 *
 * Metrics: `mqa.total`, `mqa.findability`, `mqa.accessibility`, `mqa.interoperability`,
 * `mqa.reusability`, `mqa.contextuality`, and `mqa.indicator.<id>` per indicator (points
 * awarded, possibly fractional). Facts: mqaRating ('excellent'|'good'|'sufficient'|'bad'),
 * mqaVersion, mqaAccessibilityMeasured, dcatApSeMandatory (all mandatory present), hvd (the
 * dataset is under the HVD regulation), hvdCompliant (null when not HVD).
 */
import type {
  Check,
  CheckContext,
  CheckResult,
  CheckTarget,
  DataServiceInfo,
  DistributionInfo,
  Finding,
  LangText,
  ProbeSummary,
} from './types.js'
import { FILE_TYPES, resolveDeclaredFileType } from './vocabularies/file-types.js'
import { classifyHvdCategory, HVD_CATEGORIES, isHvdLegislation } from './vocabularies/hvd-categories.js'
import { isHvdLicence, isVocabularyAccessRight, isVocabularyLicence } from './vocabularies/licences.js'
import {
  MQA_DIMENSION_MAX,
  MQA_INDICATORS,
  MQA_MAX,
  MQA_POINTS_VERSION,
  mqaRating,
  type MqaDimension,
  type MqaRating,
} from './vocabularies/mqa-points.js'

type Lang = 'sv' | 'en'
const t = (lang: Lang, sv: string, en: string): string => (lang === 'en' ? en : sv)

function hasText(text: LangText | undefined): boolean {
  return text !== undefined && Object.values(text).some((v) => v.trim() !== '')
}

function distributionsOf(target: CheckTarget): DistributionInfo[] {
  if (target.distributions) return target.distributions
  return target.distribution ? [target.distribution] : []
}

function probeFor(target: CheckTarget, url: string | null): ProbeSummary | undefined {
  if (!url) return undefined
  const p = target.probesByUrl?.[url]
  if (p) return p
  if (target.probe && (target.probe.finalUrl === url || target.distribution?.accessUrl === url || target.distribution?.downloadUrl === url)) {
    return target.probe
  }
  return undefined
}

/** Reached: 2xx. Unknown: never probed, or the probe could not tell. */
function reach(p: ProbeSummary | undefined): 'ok' | 'failing' | 'unknown' {
  if (!p || p.outcome === 'unverified') return 'unknown'
  return p.outcome === 'ok' && p.httpStatus !== null && p.httpStatus >= 200 && p.httpStatus < 300 ? 'ok' : 'failing'
}

const MEDIA_TYPE = /^(application|text|image|audio|video|font|model|multipart|message)\/[A-Za-z0-9!#$&^_.+\-]+$/

function mediaTypeFromVocabulary(mt: string | null): boolean {
  if (!mt) return false
  const v = mt.trim().replace(/^https?:\/\/(www\.)?iana\.org\/assignments\/media-types\//, '').split(';')[0].trim()
  return MEDIA_TYPE.test(v)
}

function formatFromVocabulary(f: string | null): boolean {
  return f !== null && /^https?:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/[A-Z0-9_]+\/?$/.test(f.trim())
}

/** The MQA score of one dataset: points per indicator and dimension, total and rating. */
export interface MqaScore {
  version: string
  indicators: Record<string, number>
  dimensions: Record<MqaDimension, number>
  total: number
  max: number
  rating: MqaRating
  accessibilityMeasured: boolean
}

/** A share met/of, with 0 when there is nothing to count. */
function share(met: number, of: number): number {
  return of === 0 ? 0 : met / of
}

/**
 * Computes the MQA-compatible score (see the module comment and vocabularies/mqa-points.ts).
 * `dcatApCompliant` comes from the DCAT-AP-SE mandatory-property check.
 */
export function computeMqaScore(target: CheckTarget, dcatApCompliant: boolean): MqaScore {
  const ds = target.dataset
  const dists = distributionsOf(target)
  const n = dists.length
  const count = (pred: (d: DistributionInfo) => boolean): number => dists.filter(pred).length

  // Accessibility shares over the distributions we could measure.
  const accessStates = dists.map((d) => reach(probeFor(target, d.accessUrl ?? d.downloadUrl)))
  const accessMeasured = accessStates.filter((s) => s !== 'unknown')
  const downloadStates = dists.map((d) => (d.downloadUrl ? reach(probeFor(target, d.downloadUrl)) : 'failing'))
  const downloadMeasured = downloadStates.filter((s) => s !== 'unknown')

  const fraction: Record<string, number> = {
    keyword: ds.keywords.some((k) => hasText(k)) ? 1 : 0,
    theme: ds.themes.length > 0 ? 1 : 0,
    spatial: ds.spatial.length > 0 ? 1 : 0,
    temporal: ds.temporal.some((p) => p.start || p.end) ? 1 : 0,
    'access-url-status': share(accessMeasured.filter((s) => s === 'ok').length, accessMeasured.length),
    'download-url': share(count((d) => Boolean(d.downloadUrl)), n),
    'download-url-status': share(downloadMeasured.filter((s) => s === 'ok').length, downloadMeasured.length),
    format: share(count((d) => Boolean(d.format)), n),
    'media-type': share(count((d) => Boolean(d.mediaType)), n),
    'format-vocabulary': share(count((d) => formatFromVocabulary(d.format)) + count((d) => mediaTypeFromVocabulary(d.mediaType)), 2 * n),
    'non-proprietary': share(count((d) => FILE_TYPES[resolveDeclaredFileType(d.format) ?? '']?.mqaNonProprietary === true), n),
    'machine-readable': share(count((d) => FILE_TYPES[resolveDeclaredFileType(d.format) ?? '']?.mqaMachineReadable === true), n),
    'dcat-ap-compliance': dcatApCompliant ? 1 : 0,
    license: share(count((d) => Boolean(d.license ?? ds.license)), n),
    'license-vocabulary': share(count((d) => isVocabularyLicence(d.license ?? ds.license)), n),
    'access-rights': ds.accessRights ? 1 : 0,
    'access-rights-vocabulary': isVocabularyAccessRight(ds.accessRights) ? 1 : 0,
    'contact-point': ds.contactEmail ? 1 : 0,
    publisher: ds.publisherIri ? 1 : 0,
    rights: share(count((d) => Boolean(d.rights)), n),
    'byte-size': share(count((d) => d.byteSize !== null), n),
    issued: ds.issued ? 1 : 0,
    modified: ds.modified ? 1 : 0,
  }
  const indicators: Record<string, number> = {}
  const dimensions: Record<MqaDimension, number> = { findability: 0, accessibility: 0, interoperability: 0, reusability: 0, contextuality: 0 }
  for (const ind of MQA_INDICATORS) {
    const pts = Math.round(ind.points * (fraction[ind.id] ?? 0) * 100) / 100
    indicators[ind.id] = pts
    dimensions[ind.dimension] += pts
  }
  for (const k of Object.keys(dimensions) as MqaDimension[]) {
    dimensions[k] = Math.min(MQA_DIMENSION_MAX[k], Math.round(dimensions[k] * 100) / 100)
  }
  const total = Math.round(Object.values(dimensions).reduce((a, b) => a + b, 0) * 100) / 100
  return {
    version: MQA_POINTS_VERSION,
    indicators,
    dimensions,
    total,
    max: MQA_MAX,
    rating: mqaRating(total),
    accessibilityMeasured: accessMeasured.length > 0,
  }
}

const MQA_HINTS: Record<string, { sv: string; en: string }> = {
  keyword: { sv: 'Lägg till nyckelord (dcat:keyword).', en: 'Add keywords (dcat:keyword).' },
  theme: {
    sv: 'Ange minst ett tema ur EU:s datatemavokabulär (dcat:theme).',
    en: 'Add at least one theme from the EU data-theme vocabulary (dcat:theme).',
  },
  spatial: {
    sv: 'Ange geografisk täckning (dct:spatial), t.ex. kommunens IRI i Geonames eller Lantmäteriets register.',
    en: 'Give the spatial coverage (dct:spatial), e.g. the municipality\'s Geonames IRI.',
  },
  temporal: { sv: 'Ange vilken tidsperiod data gäller (dct:temporal).', en: 'Give the period the data covers (dct:temporal).' },
  'access-url-status': {
    sv: 'Se till att åtkomstadresserna (dcat:accessURL) svarar med status 200.',
    en: 'Make sure the access URLs (dcat:accessURL) answer with status 200.',
  },
  'download-url': {
    sv: 'Ange en direktlänk till filen (dcat:downloadURL) för varje distribution.',
    en: 'Give a direct link to the file (dcat:downloadURL) for each distribution.',
  },
  'download-url-status': {
    sv: 'Se till att nedladdningsadresserna (dcat:downloadURL) svarar med status 200.',
    en: 'Make sure the download URLs (dcat:downloadURL) answer with status 200.',
  },
  format: { sv: 'Ange format (dct:format) för varje distribution.', en: 'Declare the format (dct:format) of each distribution.' },
  'media-type': {
    sv: 'Ange mediatyp (dcat:mediaType), t.ex. text/csv, för varje distribution.',
    en: 'Declare the media type (dcat:mediaType), e.g. text/csv, of each distribution.',
  },
  'format-vocabulary': {
    sv: 'Ange formatet som EU-filtyps-IRI (http://publications.europa.eu/resource/authority/file-type/...) och mediatypen som IANA-typ.',
    en: 'Give the format as an EU file-type IRI (http://publications.europa.eu/resource/authority/file-type/...) and the media type as an IANA type.',
  },
  'non-proprietary': {
    sv: 'Publicera minst en distribution i ett icke-proprietärt format (CSV, JSON, GeoJSON, ODS).',
    en: 'Publish at least one distribution in a non-proprietary format (CSV, JSON, GeoJSON, ODS).',
  },
  'machine-readable': {
    sv: 'Publicera i ett maskinläsbart format (CSV, JSON, XML) i stället för PDF eller HTML.',
    en: 'Publish in a machine-readable format (CSV, JSON, XML) instead of PDF or HTML.',
  },
  'dcat-ap-compliance': {
    sv: 'Komplettera de obligatoriska egenskaperna i DCAT-AP-SE (se övriga anmärkningar).',
    en: 'Complete DCAT-AP-SE\'s mandatory properties (see the other findings).',
  },
  license: { sv: 'Ange licens (dct:license) på varje distribution.', en: 'Declare a licence (dct:license) on each distribution.' },
  'license-vocabulary': {
    sv: 'Ange licensen som en känd IRI, t.ex. http://creativecommons.org/publicdomain/zero/1.0/ (CC0).',
    en: 'Give the licence as a known IRI, e.g. http://creativecommons.org/publicdomain/zero/1.0/ (CC0).',
  },
  'access-rights': { sv: 'Ange åtkomsträttigheter (dct:accessRights).', en: 'Declare the access rights (dct:accessRights).' },
  'access-rights-vocabulary': {
    sv: 'Ange åtkomsträttigheter ur EU:s vokabulär, t.ex. http://publications.europa.eu/resource/authority/access-right/PUBLIC.',
    en: 'Use the EU access-right vocabulary, e.g. http://publications.europa.eu/resource/authority/access-right/PUBLIC.',
  },
  'contact-point': {
    sv: 'Ange en kontaktpunkt (dcat:contactPoint) med e-postadress, gärna en funktionsadress.',
    en: 'Give a contact point (dcat:contactPoint) with an e-mail address, preferably a shared one.',
  },
  publisher: { sv: 'Ange utgivare (dct:publisher).', en: 'Declare the publisher (dct:publisher).' },
  rights: { sv: 'Ange rättighetsinformation (dct:rights) på distributionerna.', en: 'Give a rights statement (dct:rights) on the distributions.' },
  'byte-size': { sv: 'Ange filstorlek (dcat:byteSize) på distributionerna.', en: 'Give the file size (dcat:byteSize) of the distributions.' },
  issued: { sv: 'Ange utgivningsdatum (dct:issued).', en: 'Give the date of issue (dct:issued).' },
  modified: { sv: 'Ange senaste ändringsdatum (dct:modified).', en: 'Give the date of the last change (dct:modified).' },
}

function mqaFindings(score: MqaScore, lang: Lang): Finding[] {
  const out: Finding[] = []
  for (const ind of MQA_INDICATORS) {
    const got = score.indicators[ind.id]
    const lost = Math.round((ind.points - got) * 100) / 100
    if (lost <= 0) continue
    if ((ind.id === 'access-url-status' || ind.id === 'download-url-status') && !score.accessibilityMeasured) continue
    out.push({
      code: `mqa-${ind.id}`,
      severity: 'info',
      message: t(
        lang,
        `MQA: ${ind.label.sv} ger ${got} av ${ind.points} poäng; ${lost} poäng att vinna.`,
        `MQA: ${ind.label.en} scores ${got} of ${ind.points} points; ${lost} points to gain.`,
      ),
      hint: MQA_HINTS[ind.id][lang],
      location: { property: ind.property },
    })
  }
  return out
}

function dcatApSeFindings(target: CheckTarget, lang: Lang): Finding[] {
  const ds = target.dataset
  const out: Finding[] = []
  const add = (code: string, severity: 'error' | 'warning', property: string, sv: string, en: string, hintSv: string, hintEn: string): void => {
    out.push({ code, severity, message: t(lang, sv, en), hint: t(lang, hintSv, hintEn), location: { property } })
  }
  if (!hasText(ds.title)) {
    add('missing-title', 'error', 'dct:title', 'Datamängden saknar titel (obligatorisk i DCAT-AP-SE).', 'The dataset has no title (mandatory in DCAT-AP-SE).', 'Ange en titel (dct:title) på svenska.', 'Give a title (dct:title), in Swedish.')
  }
  if (!hasText(ds.description)) {
    add(
      'missing-description',
      'error',
      'dct:description',
      'Datamängden saknar beskrivning (obligatorisk i DCAT-AP-SE).',
      'The dataset has no description (mandatory in DCAT-AP-SE).',
      'Beskriv vad data innehåller, hur det tas fram och hur ofta det uppdateras (dct:description).',
      'Describe what the data holds, how it is produced and how often it is updated (dct:description).',
    )
  }
  if (!ds.publisherIri) {
    add('missing-publisher', 'error', 'dct:publisher', 'Datamängden saknar utgivare (obligatorisk i DCAT-AP-SE).', 'The dataset has no publisher (mandatory in DCAT-AP-SE).', 'Ange organisationen som utgivare (dct:publisher).', 'Declare the organisation as publisher (dct:publisher).')
  }
  if (!ds.contactEmail) {
    add(
      'missing-contact-point',
      'warning',
      'dcat:contactPoint',
      'Datamängden saknar kontaktuppgift (rekommenderad i DCAT-AP-SE).',
      'The dataset has no contact point (recommended in DCAT-AP-SE).',
      'Ange en kontaktpunkt med e-postadress (dcat:contactPoint), gärna en funktionsadress som inte byts när personal slutar.',
      'Give a contact point with an e-mail address (dcat:contactPoint), preferably a shared address that survives staff changes.',
    )
  }
  if (!ds.keywords.some((k) => hasText(k))) {
    add('missing-keyword', 'warning', 'dcat:keyword', 'Datamängden saknar nyckelord (rekommenderade).', 'The dataset has no keywords (recommended).', 'Lägg till några nyckelord (dcat:keyword) som användare söker på.', 'Add a few keywords (dcat:keyword) users search for.')
  }
  if (ds.themes.length === 0) {
    add('missing-theme', 'warning', 'dcat:theme', 'Datamängden saknar tema (rekommenderat).', 'The dataset has no theme (recommended).', 'Ange tema ur EU:s datatemavokabulär (dcat:theme).', 'Add a theme from the EU data-theme vocabulary (dcat:theme).')
  }
  const dists = distributionsOf(target)
  if (dists.length === 0) {
    add('missing-distribution', 'warning', 'dcat:distribution', 'Datamängden har ingen distribution.', 'The dataset has no distribution.', 'Lägg till minst en distribution med länk till data.', 'Add at least one distribution linking to the data.')
  }
  for (const d of dists) {
    const loc = (property: string): Finding['location'] => ({ property, fieldName: d.iri })
    if (!d.accessUrl) {
      out.push({
        code: 'missing-access-url',
        severity: 'error',
        message: t(lang, `Distributionen ${d.iri} saknar åtkomstadress (obligatorisk i DCAT-AP-SE).`, `Distribution ${d.iri} has no access URL (mandatory in DCAT-AP-SE).`),
        hint: t(lang, 'Ange dcat:accessURL (samma som nedladdningsadressen går bra).', 'Give dcat:accessURL (the download URL will do).'),
        location: loc('dcat:accessURL'),
      })
    }
    if (!d.license && !ds.license) {
      out.push({
        code: 'missing-license',
        severity: 'warning',
        message: t(lang, `Distributionen ${d.iri} saknar licens.`, `Distribution ${d.iri} has no licence.`),
        hint: t(
          lang,
          'Ange licens (dct:license), t.ex. CC0 http://creativecommons.org/publicdomain/zero/1.0/. Utan licens vet ingen om data får återanvändas.',
          'Declare a licence (dct:license), e.g. CC0 http://creativecommons.org/publicdomain/zero/1.0/. Without one nobody knows whether the data may be reused.',
        ),
        location: loc('dct:license'),
      })
    }
    if (!d.format && !d.mediaType) {
      out.push({
        code: 'missing-format',
        severity: 'warning',
        message: t(lang, `Distributionen ${d.iri} saknar format.`, `Distribution ${d.iri} has no format.`),
        hint: t(
          lang,
          'Ange format (dct:format) som EU-filtyp, t.ex. http://publications.europa.eu/resource/authority/file-type/CSV.',
          'Declare the format (dct:format) as an EU file type, e.g. http://publications.europa.eu/resource/authority/file-type/CSV.',
        ),
        location: loc('dct:format'),
      })
    }
  }
  for (const s of target.dataServices) {
    if (!hasText(s.title)) {
      out.push({
        code: 'missing-service-title',
        severity: 'error',
        message: t(lang, `Datatjänsten ${s.iri} saknar titel (obligatorisk i DCAT-AP-SE).`, `Data service ${s.iri} has no title (mandatory in DCAT-AP-SE).`),
        hint: t(lang, 'Ange en titel (dct:title) på datatjänsten.', 'Give the data service a title (dct:title).'),
        location: { property: 'dct:title', fieldName: s.iri },
      })
    }
    if (s.endpointUrls.length === 0) {
      out.push({
        code: 'missing-endpoint-url',
        severity: 'error',
        message: t(lang, `Datatjänsten ${s.iri} saknar ändpunkt (obligatorisk i DCAT-AP-SE).`, `Data service ${s.iri} has no endpoint URL (mandatory in DCAT-AP-SE).`),
        hint: t(lang, 'Ange API:ets basadress som dcat:endpointURL.', 'Give the API\'s base address as dcat:endpointURL.'),
        location: { property: 'dcat:endpointURL', fieldName: s.iri },
      })
    }
  }
  return out
}

function hvdFindings(target: CheckTarget, lang: Lang): Finding[] {
  const ds = target.dataset
  const out: Finding[] = []
  const f = (code: string, severity: Finding['severity'], property: string, sv: string, en: string, hintSv: string, hintEn: string, fieldName?: string): void => {
    out.push({ code, severity, message: t(lang, sv, en), hint: t(lang, hintSv, hintEn), location: fieldName ? { property, fieldName } : { property } })
  }
  // Category.
  const classes = ds.hvdCategories.map((c) => ({ iri: c, cls: classifyHvdCategory(c) }))
  const categoryList = Object.entries(HVD_CATEGORIES)
    .map(([iri, l]) => `${l[lang]} (${iri})`)
    .join(', ')
  if (classes.length === 0) {
    f('hvd-missing-category', 'error', 'dcatap:hvdCategory', 'Datamängden omfattas av HVD-förordningen 2023/138 men saknar HVD-kategori.', 'The dataset falls under HVD regulation 2023/138 but has no HVD category.', `Ange dcatap:hvdCategory, en av: ${categoryList}.`, `Declare dcatap:hvdCategory, one of: ${categoryList}.`)
  } else if (!classes.some((c) => c.cls === 'valid')) {
    for (const c of classes) {
      if (c.cls === 'invalid') {
        f('hvd-invalid-category', 'error', 'dcatap:hvdCategory', `HVD-kategorin ${c.iri} finns inte i EU:s vokabulär för HVD-kategorier.`, `The HVD category ${c.iri} is not in the EU HVD category vocabulary.`, `Använd en av: ${categoryList}.`, `Use one of: ${categoryList}.`)
      } else {
        f('hvd-category-unverified', 'info', 'dcatap:hvdCategory', `HVD-kategorin ${c.iri} är ingen av de sex huvudkategorierna; den kan vara en underkategori som vi inte kontrollerar.`, `The HVD category ${c.iri} is not one of the six top-level categories; it may be a sub-category we do not verify.`, `Ange även huvudkategorin, en av: ${categoryList}.`, `Also declare the top-level category, one of: ${categoryList}.`)
      }
    }
  }
  // Licence on every distribution.
  const dists = distributionsOf(target)
  for (const d of dists) {
    const lic = d.license ?? ds.license
    if (!isHvdLicence(lic)) {
      f(
        'hvd-licence-not-open',
        'error',
        'dct:license',
        lic ? `Distributionen ${d.iri} har licensen ${lic}, men HVD kräver CC0 eller CC BY 4.0.` : `Distributionen ${d.iri} saknar licens; HVD kräver CC0 eller CC BY 4.0.`,
        lic ? `Distribution ${d.iri} has licence ${lic}, but HVD requires CC0 or CC BY 4.0.` : `Distribution ${d.iri} has no licence; HVD requires CC0 or CC BY 4.0.`,
        'Ange http://creativecommons.org/publicdomain/zero/1.0/ (CC0) eller http://creativecommons.org/licenses/by/4.0/ (CC BY 4.0) som dct:license (förordning 2023/138 art. 4).',
        'Declare http://creativecommons.org/publicdomain/zero/1.0/ (CC0) or http://creativecommons.org/licenses/by/4.0/ (CC BY 4.0) as dct:license (regulation 2023/138 Art. 4).',
        d.iri,
      )
    }
  }
  // A bulk download in a machine-readable format that answers.
  const bulk = dists.filter((d) => {
    const code = resolveDeclaredFileType(d.format) ?? resolveDeclaredFileType(d.mediaType)
    return d.downloadUrl && code !== null && FILE_TYPES[code]?.openJudgement.machineReadable === true
  })
  if (bulk.length === 0) {
    f('hvd-no-bulk-download', 'error', 'dcat:downloadURL', 'Datamängden saknar nedladdningsbar fil (bulk) i maskinläsbart format, som HVD kräver.', 'The dataset has no bulk download in a machine-readable format, which HVD requires.', 'Lägg till en distribution med dcat:downloadURL till hela datamängden i t.ex. CSV eller GeoJSON.', 'Add a distribution with a dcat:downloadURL to the whole dataset in e.g. CSV or GeoJSON.')
  } else {
    const states = bulk.map((d) => reach(probeFor(target, d.downloadUrl)))
    if (!states.includes('ok')) {
      if (states.includes('failing')) {
        f('hvd-bulk-download-unreachable', 'error', 'dcat:downloadURL', 'Ingen av de maskinläsbara nedladdningsfilerna svarar.', 'None of the machine-readable bulk downloads answers.', 'Kontrollera att nedladdningsadresserna fungerar och leder direkt till filerna.', 'Check that the download URLs work and lead straight to the files.')
      } else {
        f('hvd-bulk-download-unverified', 'info', 'dcat:downloadURL', 'Nedladdningsfilerna har ännu inte kontrollerats.', 'The bulk downloads have not been checked yet.', 'Ingen åtgärd behövs; de kontrolleras vid nästa körning.', 'No action needed; they are checked on the next run.')
      }
    }
  }
  // A data service (API) with a live endpoint and an endpoint description.
  const services: DataServiceInfo[] = target.dataServices
  if (services.length === 0) {
    f('hvd-no-data-service', 'error', 'dcat:accessService', 'Datamängden saknar datatjänst (API), som HVD kräver.', 'The dataset has no data service (API), which HVD requires.', 'Beskriv API:et som dcat:DataService med dcat:endpointURL och dcat:endpointDescription, och koppla det via dcat:accessService.', 'Describe the API as a dcat:DataService with dcat:endpointURL and dcat:endpointDescription, linked through dcat:accessService.')
  }
  for (const s of services) {
    if (!s.endpointDescription) {
      f('hvd-missing-endpoint-description', 'error', 'dcat:endpointDescription', `Datatjänsten ${s.iri} saknar beskrivning av ändpunkten.`, `Data service ${s.iri} has no endpoint description.`, 'Ange dcat:endpointDescription, t.ex. en OpenAPI-beskrivning eller OGC GetCapabilities-adress.', 'Give dcat:endpointDescription, e.g. an OpenAPI document or an OGC GetCapabilities URL.', s.iri)
    }
    if (s.endpointUrls.length === 0) continue
    const states = s.endpointUrls.map((u) => reach(target.probesByUrl?.[u]))
    if (states.includes('ok')) continue
    if (states.includes('failing')) {
      f('hvd-endpoint-unreachable', 'error', 'dcat:endpointURL', `Datatjänstens ändpunkt svarar inte (${s.endpointUrls.join(', ')}).`, `The data service endpoint does not answer (${s.endpointUrls.join(', ')}).`, 'Kontrollera att API:et är i drift och att adressen i katalogen stämmer.', 'Check that the API is running and that the catalogue has the right address.', s.iri)
    } else {
      f('hvd-endpoint-unverified', 'info', 'dcat:endpointURL', 'Datatjänstens ändpunkt har ännu inte kontrollerats.', 'The data service endpoint has not been checked yet.', 'Ingen åtgärd behövs; den kontrolleras vid nästa körning.', 'No action needed; it is checked on the next run.', s.iri)
    }
  }
  return out
}

/** True when the dataset declares HVD regulation 2023/138 as applicable legislation. */
export function isHighValueDataset(target: CheckTarget): boolean {
  return target.dataset.applicableLegislation.some(isHvdLegislation)
}

/** See the module comment. */
export const metadataCheck: Check = {
  id: 'metadata',
  dimension: 'metadata',
  appliesTo(target: CheckTarget): boolean {
    return target.distribution === undefined
  },
  async run(target: CheckTarget, ctx: CheckContext): Promise<CheckResult> {
    const started = Date.now()
    const lang = ctx.lang
    const dcat = dcatApSeFindings(target, lang)
    const mandatoryOk = !dcat.some((f) => f.severity === 'error')
    const hvd = isHighValueDataset(target)
    const hvdList = hvd ? hvdFindings(target, lang) : []
    const score = computeMqaScore(target, mandatoryOk)
    const findings = [...dcat, ...hvdList, ...mqaFindings(score, lang)]
    const status: CheckResult['status'] = findings.some((f) => f.severity === 'error')
      ? 'fail'
      : findings.some((f) => f.severity === 'warning')
        ? 'warn'
        : 'pass'
    const metrics: Record<string, number> = {
      'mqa.total': score.total,
      'mqa.findability': score.dimensions.findability,
      'mqa.accessibility': score.dimensions.accessibility,
      'mqa.interoperability': score.dimensions.interoperability,
      'mqa.reusability': score.dimensions.reusability,
      'mqa.contextuality': score.dimensions.contextuality,
      elapsedMs: Date.now() - started,
    }
    for (const [id, pts] of Object.entries(score.indicators)) metrics[`mqa.indicator.${id}`] = pts
    return {
      status,
      findings,
      metrics,
      facts: {
        mqaRating: score.rating,
        mqaVersion: score.version,
        mqaAccessibilityMeasured: score.accessibilityMeasured,
        dcatApSeMandatory: mandatoryOk,
        hvd,
        hvdCompliant: hvd ? !hvdList.some((f) => f.severity === 'error') : null,
      },
    }
  },
}
