/**
 * Licences: which IRIs count as an open licence, which are "from a vocabulary" for MQA,
 * and which satisfy the High-Value Datasets regulation.
 *
 * Sources:
 * - EU "Licence" authority table, http://publications.europa.eu/resource/authority/licence
 *   (https://op.europa.eu/en/web/eu-vocabularies/dataset/-/resource?uri=http://publications.europa.eu/resource/authority/licence).
 *   MQA's "dct:license from vocabulary" indicator accepts these IRIs and, through the
 *   data.europa.eu licence vocabulary (edp-licences-skos.rdf in
 *   https://gitlab.com/european-data-portal/edp-vocabularies, skos:exactMatch), the licence
 *   owners' own IRIs such as https://creativecommons.org/licenses/by/4.0/.
 * - HVD: Commission Implementing Regulation (EU) 2023/138, Article 4(1): high-value datasets
 *   shall be made available under CC0 or CC BY 4.0 (or an equivalent or less restrictive
 *   open licence). http://data.europa.eu/eli/reg_impl/2023/138/oj
 * - Open: the Open Definition's conformant licences (https://opendefinition.org/licenses/);
 *   we list the ones Swedish publishers use.
 */

/** Lower-cases, drops the scheme, "www.", a trailing slash and "legalcode"/"deed.xx" tails. */
function normaliseLicenceIri(iri: string): string {
  return iri
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/(legalcode(\.[a-z-]+)?|deed\.[a-z-]+)$/, '')
    .replace(/\/+$/, '')
}

interface LicenceEntry {
  id: string
  /** Normalised IRIs (see normaliseLicenceIri). */
  iris: string[]
  open: boolean
  /** Meets HVD regulation 2023/138 Art. 4 as written (CC0 or CC BY 4.0). */
  hvd: boolean
}

const EU = 'publications.europa.eu/resource/authority/licence/'

const LICENCES: LicenceEntry[] = [
  { id: 'CC0-1.0', iris: ['creativecommons.org/publicdomain/zero/1.0', EU + 'cc0'], open: true, hvd: true },
  { id: 'CC-BY-4.0', iris: ['creativecommons.org/licenses/by/4.0', EU + 'cc_by_4_0'], open: true, hvd: true },
  { id: 'CC-BY-SA-4.0', iris: ['creativecommons.org/licenses/by-sa/4.0', EU + 'cc_bysa_4_0'], open: true, hvd: false },
  { id: 'CC-BY-3.0', iris: ['creativecommons.org/licenses/by/3.0', EU + 'cc_by_3_0'], open: true, hvd: false },
  { id: 'CC-BY-2.5-SE', iris: ['creativecommons.org/licenses/by/2.5/se'], open: true, hvd: false },
  { id: 'CC-PDM-1.0', iris: ['creativecommons.org/publicdomain/mark/1.0', EU + 'cc_pddm_1_0'], open: true, hvd: true },
  { id: 'ODC-BY-1.0', iris: ['opendatacommons.org/licenses/by/1.0', EU + 'odc_by'], open: true, hvd: false },
  { id: 'ODbL-1.0', iris: ['opendatacommons.org/licenses/odbl/1.0', EU + 'odc_odbl'], open: true, hvd: false },
  { id: 'PDDL-1.0', iris: ['opendatacommons.org/licenses/pddl/1.0', EU + 'odc_pddl'], open: true, hvd: true },
  { id: 'EUPL-1.2', iris: ['joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12', EU + 'eupl_1_2'], open: true, hvd: false },
  { id: 'CC-BY-NC-4.0', iris: ['creativecommons.org/licenses/by-nc/4.0', EU + 'cc_bync_4_0'], open: false, hvd: false },
  { id: 'CC-BY-ND-4.0', iris: ['creativecommons.org/licenses/by-nd/4.0', EU + 'cc_bynd_4_0'], open: false, hvd: false },
  { id: 'CC-BY-NC-SA-4.0', iris: ['creativecommons.org/licenses/by-nc-sa/4.0', EU + 'cc_byncsa_4_0'], open: false, hvd: false },
]

const index = new Map<string, LicenceEntry>()
for (const l of LICENCES) for (const i of l.iris) index.set(i, l)

/** The licence we recognise for an IRI, or null. */
function lookupLicence(iri: string | null | undefined): { id: string; open: boolean; hvd: boolean } | null {
  if (!iri) return null
  const l = index.get(normaliseLicenceIri(iri))
  return l ? { id: l.id, open: l.open, hvd: l.hvd } : null
}

/** True for a licence on the Open Definition list we carry. */
export function isOpenLicence(iri: string | null | undefined): boolean {
  return lookupLicence(iri)?.open ?? false
}

/** True for CC0 or CC BY 4.0 (either IRI form), as HVD regulation 2023/138 Art. 4 asks. */
export function isHvdLicence(iri: string | null | undefined): boolean {
  return lookupLicence(iri)?.hvd ?? false
}

/** MQA "licence from vocabulary": an EU licence authority IRI, or one we map to it. */
export function isVocabularyLicence(iri: string | null | undefined): boolean {
  if (!iri) return false
  if (normaliseLicenceIri(iri).startsWith(EU)) return true
  return lookupLicence(iri) !== null
}

/** Codes of the EU access-right authority table (http://publications.europa.eu/resource/authority/access-right). */
const ACCESS_RIGHT_CODES = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC', 'CONFIDENTIAL', 'SENSITIVE', 'NORMAL']

/** MQA "access rights from vocabulary". */
export function isVocabularyAccessRight(iri: string | null | undefined): boolean {
  if (!iri) return false
  const m = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/access-right\/([A-Z_]+)\/?$/.exec(iri.trim())
  return m !== null && ACCESS_RIGHT_CODES.includes(m[1])
}
