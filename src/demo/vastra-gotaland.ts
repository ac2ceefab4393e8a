import { asciiSlug } from '../domain/ascii-slug.js'

/**
 * The organisations of the default world: Västra Götaland's 49 municipalities and the
 * region, with their real names, municipality codes and organisation numbers
 * (source: /work/shared/reference/vastra-gotaland-sources.md §1). `listed` marks the
 * organisations that appear on dataportal.se with an `SE<orgnr>` publisher URI; only
 * those get that URI, the others get a world IRI. `weight` is the organisation's share
 * of the world's datasets (roughly its dataset count on dataportal.se, at least 3).
 */
export interface OrganisationSeed {
  code: string
  name: string
  /** Swedish display name: "Härryda kommun", "Västra Götalandsregionen". */
  displayName: string
  orgnr: string
  listed: boolean
  weight: number
}

// [code, name, orgnr, listed on dataportal.se with SE-orgnr URI, dataset count there]
const rows: [string, string, string, boolean, number][] = [
  ['1401', 'Härryda', '212000-1264', true, 19],
  ['1402', 'Partille', '212000-1272', false, 0],
  ['1407', 'Öckerö', '212000-1280', false, 0],
  ['1415', 'Stenungsund', '212000-1298', true, 5],
  ['1419', 'Tjörn', '212000-1306', true, 9],
  ['1421', 'Orust', '212000-1314', false, 0],
  ['1427', 'Sotenäs', '212000-1322', false, 0],
  ['1430', 'Munkedal', '212000-1330', false, 0],
  ['1435', 'Tanum', '212000-1348', false, 0],
  ['1438', 'Dals-Ed', '212000-1413', false, 0],
  ['1439', 'Färgelanda', '212000-1421', false, 0],
  ['1440', 'Ale', '212000-1439', true, 8],
  ['1441', 'Lerum', '212000-1447', false, 1],
  ['1442', 'Vårgårda', '212000-1454', false, 0],
  ['1443', 'Bollebygd', '212000-2973', false, 0],
  ['1444', 'Grästorp', '212000-1595', true, 2],
  ['1445', 'Essunga', '212000-2916', true, 5],
  ['1446', 'Karlsborg', '212000-1629', true, 1],
  ['1447', 'Gullspång', '212000-1637', true, 5],
  ['1452', 'Tranemo', '212000-1462', false, 0],
  ['1460', 'Bengtsfors', '212000-1470', false, 0],
  ['1461', 'Mellerud', '212000-1488', false, 0],
  ['1462', 'Lilla Edet', '212000-1496', true, 1],
  ['1463', 'Mark', '212000-1504', false, 0],
  ['1465', 'Svenljunga', '212000-1512', false, 0],
  ['1466', 'Herrljunga', '212000-1520', false, 0],
  ['1470', 'Vara', '212000-2924', true, 3],
  ['1471', 'Götene', '212000-1652', true, 3],
  ['1472', 'Tibro', '212000-1660', true, 1],
  ['1473', 'Töreboda', '212000-1678', true, 4],
  ['1480', 'Göteborg', '212000-1355', true, 43],
  ['1481', 'Mölndal', '212000-1363', true, 5],
  ['1482', 'Kungälv', '212000-1371', true, 15],
  ['1484', 'Lysekil', '212000-1389', false, 0],
  ['1485', 'Uddevalla', '212000-1397', false, 0],
  ['1486', 'Strömstad', '212000-1405', false, 0],
  ['1487', 'Vänersborg', '212000-1538', false, 0],
  ['1488', 'Trollhättan', '212000-1546', true, 16],
  ['1489', 'Alingsås', '212000-1553', true, 1],
  ['1490', 'Borås', '212000-1561', true, 15],
  ['1491', 'Ulricehamn', '212000-1579', true, 3],
  ['1492', 'Åmål', '212000-1587', false, 0],
  ['1493', 'Mariestad', '212000-1686', true, 5],
  ['1494', 'Lidköping', '212000-1694', true, 2],
  ['1495', 'Skara', '212000-1702', true, 6],
  ['1496', 'Skövde', '212000-1710', true, 15],
  ['1497', 'Hjo', '212000-1728', true, 1],
  ['1498', 'Tidaholm', '212000-1736', true, 4],
  ['1499', 'Falköping', '212000-1744', true, 2],
]

/**
 * The name each municipality uses for itself: "<name>s kommun", no genitive s after a
 * vowel or an s ("Härryda kommun", "Alingsås kommun"), and the four that call themselves
 * a city.
 */
function municipalityDisplayName(name: string): string {
  const cities: Record<string, string> = {
    Göteborg: 'Göteborgs Stad',
    Borås: 'Borås Stad',
    Mölndal: 'Mölndals stad',
    Trollhättan: 'Trollhättans stad',
  }
  if (cities[name]) return cities[name]
  if (name === 'Orust' || /[aeiouyåäös]$/.test(name)) return `${name} kommun`
  return `${name}s kommun`
}

/** The 50 organisations of Västra Götaland, municipalities first, then the region. */
export const vastraGotaland: readonly OrganisationSeed[] = [
  ...rows.map(([code, name, orgnr, listed, count]) => ({
    code,
    name,
    displayName: municipalityDisplayName(name),
    orgnr,
    listed,
    weight: Math.max(3, count),
  })),
  { code: '14', name: 'Västra Götalandsregionen', displayName: 'Västra Götalandsregionen', orgnr: '232100-0131', listed: true, weight: 26 },
]

const syllables = ['Ek', 'Björk', 'Sjö', 'Berg', 'Dal', 'Lund', 'Holm', 'Ås', 'Vik', 'Näs', 'Hult', 'Mo', 'Fors', 'Strand', 'Torp', 'Ryd']
const endings = ['by', 'sta', 'köping', 'stad', 'fors', 'dal', 'vik', 'hamn', 'näs', 'ryd']

/** A generated municipality for worlds with more than 50 organisations (index ≥ 50). */
export function generatedOrganisation(index: number, h: (salt: number) => number): OrganisationSeed {
  const name = `${syllables[h(1) % syllables.length]}${endings[h(2) % endings.length]}`
  const suffix = index - vastraGotaland.length + 1
  const fullName = `${name} ${suffix}`
  return {
    code: String(9000 + suffix),
    name: fullName,
    displayName: `${fullName} kommun`,
    orgnr: `212${String(100000 + suffix).slice(-3)}-${String(1000 + (suffix % 9000)).slice(-4)}`,
    listed: false,
    weight: 3 + (h(3) % 10),
  }
}

/** ASCII slug for URLs: "Lilla Edet" → "lilla-edet", "Västra Götalandsregionen" → "vgregion". */
export function slugify(name: string): string {
  if (name === 'Västra Götalandsregionen') return 'vgregion'
  return asciiSlug(name)
}
