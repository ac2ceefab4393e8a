import type { SourceConfig } from '../config.js'
import { asciiSlug } from '../../domain/ascii-slug.js'

/**
 * The Västra Götaland preset: the region and its 49 municipalities, built from
 * /work/shared/reference/vastra-gotaland-sources.md (compiled 2026-11-26 from stored copies
 * of public sources; nothing was fetched live). Each fact carries how it is known:
 *
 * - orgNumber: 'two-sources' = the municipality list of Gustaf-Hard/public-contracts and
 *   the orgnr inside the dataportal.se publisher URI agree; 'single-source' = only that
 *   (unlicensed) list; 'single-source+fixture' = that list plus a Skolverket-derived fixture.
 * - publisherUri: seen in the nordicintel/dataportalen organisation snapshot (MIT) =
 *   verified; `inferredPublisherUri` = the documented form
 *   `http://dataportal.se/organisation/SE<orgnr>` applied to the orgnr, never seen.
 * - host: the EntryScape catalogue host of commondataio/dataportals-registry (CC-BY 4.0);
 *   its "active" flag came from a bulk import, so reachability is not verified. `context`
 *   only where a source named the store context (Göteborg 6, Borås 1, Lerum 1, Mölndal 1,
 *   VGR 7).
 */
export interface PresetOrganisation {
  /** Municipality code (SCB), '' for the region. */
  code: string
  name: string
  orgNumber: string
  orgNumberEvidence: 'two-sources' | 'single-source' | 'single-source+fixture'
  /** dataportal.se publisher URI seen in the NI snapshot, or null. */
  publisherUri: string | null
  /** Further publisher URIs of sub-organisations (NI snapshot). */
  subPublishers: string[]
  /** Catalogue host (CDI), or null when none is known. */
  host: string | null
  /** Store context id, when a source named it. */
  context: string | null
  /** CDI marks the host inactive. */
  hostInactive?: boolean
}

const SE = (orgnr: string) => `http://dataportal.se/organisation/SE${orgnr.replace('-', '')}`

function org(
  code: string,
  name: string,
  orgNumber: string,
  evidence: PresetOrganisation['orgNumberEvidence'],
  publisher: 'se' | string | null,
  host: string | null,
  extra: Partial<PresetOrganisation> = {},
): PresetOrganisation {
  return {
    code,
    name,
    orgNumber,
    orgNumberEvidence: evidence,
    publisherUri: publisher === 'se' ? SE(orgNumber) : publisher,
    subPublishers: [],
    host,
    context: null,
    ...extra,
  }
}

const TWO = 'two-sources' as const
const ONE = 'single-source' as const

/** The 50 organisations of Västra Götaland, as the reference file lists them. */
export const vastraGotalandOrganisations: readonly PresetOrganisation[] = [
  org('1401', 'Härryda kommun', '212000-1264', TWO, 'se', 'catalog.harryda.se'),
  org('1402', 'Partille kommun', '212000-1272', ONE, null, null),
  org('1407', 'Öckerö kommun', '212000-1280', ONE, null, null),
  org('1415', 'Stenungsunds kommun', '212000-1298', TWO, 'se', 'catalog.stenungsund.se'),
  org('1419', 'Tjörns kommun', '212000-1306', TWO, 'se', 'catalog.tjorn.se'),
  org('1421', 'Orust kommun', '212000-1314', ONE, null, null),
  org('1427', 'Sotenäs kommun', '212000-1322', ONE, null, null),
  org('1430', 'Munkedals kommun', '212000-1330', ONE, null, null),
  org('1435', 'Tanums kommun', '212000-1348', ONE, null, null),
  org('1438', 'Dals-Eds kommun', '212000-1413', ONE, null, 'catalog.dalsed.se', { hostInactive: true }),
  org('1439', 'Färgelanda kommun', '212000-1421', ONE, null, null),
  org('1440', 'Ale kommun', '212000-1439', TWO, 'se', 'catalog.ale.se'),
  org('1441', 'Lerums kommun', '212000-1447', 'single-source+fixture', 'https://catalog.lerum.se/store/1/resource/1', 'catalog.lerum.se', { context: '1' }),
  org('1442', 'Vårgårda kommun', '212000-1454', ONE, null, null),
  org('1443', 'Bollebygds kommun', '212000-2973', ONE, null, null),
  org('1444', 'Grästorps kommun', '212000-1595', TWO, 'se', 'catalog.grastorp.se'),
  org('1445', 'Essunga kommun', '212000-2916', TWO, 'se', 'catalog.essunga.se'),
  org('1446', 'Karlsborgs kommun', '212000-1629', TWO, 'se', 'catalog.karlsborg.se'),
  org('1447', 'Gullspångs kommun', '212000-1637', TWO, 'se', 'catalog.gullspang.se'),
  org('1452', 'Tranemo kommun', '212000-1462', ONE, null, 'catalog.tranemo.se'),
  org('1460', 'Bengtsfors kommun', '212000-1470', ONE, null, null),
  org('1461', 'Melleruds kommun', '212000-1488', ONE, null, 'catalog.mellerud.se'),
  org('1462', 'Lilla Edets kommun', '212000-1496', TWO, 'se', 'catalog.lillaedet.se'),
  org('1463', 'Marks kommun', '212000-1504', ONE, null, null),
  org('1465', 'Svenljunga kommun', '212000-1512', ONE, null, null),
  org('1466', 'Herrljunga kommun', '212000-1520', ONE, null, null),
  org('1470', 'Vara kommun', '212000-2924', TWO, 'se', 'catalog.vara.se'),
  org('1471', 'Götene kommun', '212000-1652', TWO, 'se', 'catalog.gotene.se'),
  org('1472', 'Tibro kommun', '212000-1660', TWO, 'se', 'catalog.tibro.se'),
  org('1473', 'Töreboda kommun', '212000-1678', TWO, 'se', 'catalog.toreboda.se'),
  org('1480', 'Göteborgs Stad', '212000-1355', TWO, 'se', 'catalog.goteborg.se', {
    context: '6',
    subPublishers: [48808, 86162, 89648, 91154].map((n) => `https://catalog.goteborg.se/store/6/resource/${n}`),
  }),
  org('1481', 'Mölndals stad', '212000-1363', TWO, 'se', 'catalog.molndal.se', {
    context: '1',
    subPublishers: [46, 160].map((n) => `https://catalog.molndal.se/store/1/resource/${n}`),
  }),
  org('1482', 'Kungälvs kommun', '212000-1371', TWO, 'se', 'catalog.kungalv.se'),
  org('1484', 'Lysekils kommun', '212000-1389', ONE, null, null),
  org('1485', 'Uddevalla kommun', '212000-1397', 'single-source+fixture', null, null),
  org('1486', 'Strömstads kommun', '212000-1405', ONE, null, null),
  org('1487', 'Vänersborgs kommun', '212000-1538', ONE, null, 'catalog.vanersborg.se'),
  org('1488', 'Trollhättans Stad', '212000-1546', TWO, 'se', 'catalog.trollhattan.se'),
  org('1489', 'Alingsås kommun', '212000-1553', TWO, 'se', 'catalog.alingsas.se'),
  org('1490', 'Borås Stad', '212000-1561', TWO, 'se', 'catalog.boras.se', { context: '1' }),
  org('1491', 'Ulricehamns kommun', '212000-1579', TWO, 'se', 'catalog.ulricehamn.se'),
  org('1492', 'Åmåls kommun', '212000-1587', ONE, null, null),
  org('1493', 'Mariestads kommun', '212000-1686', TWO, 'se', 'catalog.mariestad.se'),
  org('1494', 'Lidköpings kommun', '212000-1694', TWO, 'se', 'catalog.lidkoping.se'),
  org('1495', 'Skara kommun', '212000-1702', TWO, 'se', 'catalog.skara.se'),
  org('1496', 'Skövde kommun', '212000-1710', TWO, 'se', 'skovde.entryscape.net'),
  org('1497', 'Hjo kommun', '212000-1728', TWO, 'se', 'catalog.hjo.se'),
  org('1498', 'Tidaholms kommun', '212000-1736', TWO, 'se', 'catalog.tidaholm.se'),
  org('1499', 'Falköpings kommun', '212000-1744', TWO, 'se', 'catalog.falkoping.se'),
  org('', 'Västra Götalandsregionen', '232100-0131', TWO, 'se', 'vgregion.entryscape.net', {
    context: '7',
    subPublishers: ['https://vgregion.entryscape.net/store/7/resource/62', 'http://www.vastarvet.se/'],
  }),
]

/** The registry behind Sveriges dataportal (EntryStore). */
export const DATAPORTAL_REGISTRY = 'https://admin.dataportal.se'

/** The IRI the preset uses for an organisation: its seen publisher URI, else the documented SE-orgnr form (inferred). */
export function organisationIri(o: PresetOrganisation): string {
  return o.publisherUri?.startsWith('http://dataportal.se/organisation/') ? o.publisherUri : SE(o.orgNumber)
}

/** A short id part: the name without "kommun"/"stad" and its genitive s, ASCII. */
export function slugOf(o: PresetOrganisation): string {
  if (!o.code) return 'vgregion'
  const base = o.name.replace(/ (kommun|stad|Stad)$/, '')
  // Genitive s ("Tjörns kommun"), but not a name that ends in s itself (Borås, Sotenäs, Bengtsfors, Alingsås).
  const trimmed = /s$/.test(base) && !/(ås|äs|fors)$/.test(base) && o.name !== base ? base.slice(0, -1) : base
  return asciiSlug(trimmed)
}

/**
 * The preset's sources. 'dataportal': one EntryScape source on admin.dataportal.se per
 * verified publisher URI (and per sub-publisher), so one registry shows every organisation
 * as the nation sees it. 'catalogues': each organisation's own EntryScape catalogue host
 * (inactive hosts left out). Listed national first: a dataset found in both keeps the
 * national source, so datasets only in a municipal catalogue are those missing nationally.
 */
export function vastraGotalandSources(part: 'all' | 'dataportal' | 'catalogues' = 'all'): SourceConfig[] {
  const out: SourceConfig[] = []
  if (part !== 'catalogues') {
    for (const o of vastraGotalandOrganisations) {
      if (!o.publisherUri) continue
      const s = slugOf(o)
      const organisation = organisationIri(o)
      out.push({ id: `dp-${s}`, kind: 'entryscape', url: DATAPORTAL_REGISTRY, publisher: o.publisherUri, organisation })
      o.subPublishers.forEach((p, i) => out.push({ id: `dp-${s}-${i + 2}`, kind: 'entryscape', url: DATAPORTAL_REGISTRY, publisher: p, organisation }))
    }
  }
  if (part !== 'dataportal') {
    for (const o of vastraGotalandOrganisations) {
      if (!o.host || o.hostInactive) continue
      out.push({
        id: `cat-${slugOf(o)}`,
        kind: 'entryscape',
        url: `https://${o.host}${o.context ? `/store/${o.context}` : ''}`,
        organisation: organisationIri(o),
      })
    }
  }
  return out
}
