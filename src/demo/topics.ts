import type { TableColumn } from './cell-value.js'

/** EU frequency authority IRIs used for dct:accrualPeriodicity, with their period in days. */
export const frequencies = {
  DAILY: 1,
  WEEKLY: 7,
  MONTHLY: 30,
  QUARTERLY: 91,
  ANNUAL: 365,
  IRREG: 20,
} as const
/** A frequency code from the EU vocabulary (the last segment of its IRI). */
export type Frequency = keyof typeof frequencies
/** The frequencies in a fixed order; the model stores an index into this list. */
export const frequencyList = Object.keys(frequencies) as Frequency[]
/** IRI prefix of the EU frequency authority table. */
export const frequencyBase = 'http://publications.europa.eu/resource/authority/frequency/'
/** IRI prefix of the EU data-theme authority table. */
export const themeBase = 'http://publications.europa.eu/resource/authority/data-theme/'

/** The shapes of published files. `wms` is an OGC service, `api` a JSON API endpoint. */
export type DistKind = 'csv' | 'json' | 'xlsx' | 'geojson' | 'wms' | 'pdf'

/** A dataset topic: titles, words and the table its files hold. */
export interface Topic {
  sv: string
  en: string
  descSv: string
  keywordsSv: string[]
  keywordsEn: string[]
  theme: string
  /** Preferred periodicities (first is most likely). */
  frequencies: Frequency[]
  /** Index into worldSpecs when datasets of this topic may claim conformance. */
  spec?: number
  /** Likely file kinds, most likely first. */
  kinds: DistKind[]
  noun: string
  columns: TableColumn[]
}

const place: TableColumn[] = [
  { name: 'id', title: 'Id', kind: 'id' },
  { name: 'namn', title: 'Namn', kind: 'name' },
  { name: 'latitud', title: 'Latitud', kind: 'lat' },
  { name: 'longitud', title: 'Longitud', kind: 'lon' },
]

/** Topics of the datasets a Swedish municipality publishes. */
export const topics: readonly Topic[] = [
  { sv: 'Badplatser', en: 'Bathing sites', descSv: 'Kommunens badplatser med läge, faciliteter och vattentemperatur.', keywordsSv: ['badplatser', 'bad', 'friluftsliv'], keywordsEn: ['bathing sites', 'outdoor'], theme: 'ENVI', frequencies: ['DAILY', 'WEEKLY', 'ANNUAL'], spec: 0, kinds: ['csv', 'json', 'geojson'], noun: 'Badplats', columns: place },
  { sv: 'Lekplatser', en: 'Playgrounds', descSv: 'Kommunala lekplatser med läge, åldersgrupper och tillgänglighet.', keywordsSv: ['lekplatser', 'barn', 'park'], keywordsEn: ['playgrounds', 'children'], theme: 'SOCI', frequencies: ['ANNUAL', 'MONTHLY', 'IRREG'], spec: 1, kinds: ['csv', 'json', 'geojson'], noun: 'Lekplats', columns: place },
  { sv: 'Offentliga toaletter', en: 'Public toilets', descSv: 'Offentliga toaletter med läge, avgift och öppettider.', keywordsSv: ['toaletter', 'offentliga toaletter', 'service'], keywordsEn: ['public toilets'], theme: 'HEAL', frequencies: ['MONTHLY', 'ANNUAL', 'IRREG'], spec: 2, kinds: ['csv', 'json'], noun: 'Toalett', columns: place },
  { sv: 'Detaljplaner', en: 'Detailed development plans', descSv: 'Gällande och pågående detaljplaner med status och beslutsdatum.', keywordsSv: ['detaljplaner', 'planering', 'bygg'], keywordsEn: ['zoning', 'planning'], theme: 'REGI', frequencies: ['WEEKLY', 'MONTHLY'], kinds: ['csv', 'wms', 'geojson', 'pdf'], noun: 'Detaljplan', columns: [{ name: 'plan_id', title: 'Plan-id', kind: 'id' }, { name: 'namn', title: 'Namn', kind: 'name' }, { name: 'status', title: 'Status', kind: 'category', values: ['Gällande', 'Samråd', 'Granskning', 'Antagen'] }, { name: 'beslutsdatum', title: 'Beslutsdatum', kind: 'date' }] },
  { sv: 'Budget', en: 'Budget', descSv: 'Kommunens budget per verksamhet i tusentals kronor.', keywordsSv: ['budget', 'ekonomi', 'kommunfullmäktige'], keywordsEn: ['budget', 'finance'], theme: 'ECON', frequencies: ['ANNUAL'], kinds: ['csv', 'xlsx', 'pdf'], noun: 'Verksamhet', columns: [{ name: 'verksamhet', title: 'Verksamhet', kind: 'category', values: ['Förskola', 'Grundskola', 'Äldreomsorg', 'Kultur', 'Fritid', 'Gator och parker', 'Räddningstjänst'] }, { name: 'ar', title: 'År', kind: 'year' }, { name: 'belopp_tkr', title: 'Belopp (tkr)', kind: 'decimal', min: 1000, max: 900000 }] },
  { sv: 'Grundskolor', en: 'Compulsory schools', descSv: 'Kommunala och fristående grundskolor med adress och antal elever.', keywordsSv: ['skolor', 'grundskola', 'utbildning'], keywordsEn: ['schools', 'education'], theme: 'EDUC', frequencies: ['ANNUAL', 'QUARTERLY'], kinds: ['csv', 'json', 'xlsx'], noun: 'Skola', columns: [{ name: 'skola', title: 'Skola', kind: 'name' }, { name: 'adress', title: 'Adress', kind: 'street' }, { name: 'elever', title: 'Antal elever', kind: 'int', min: 40, max: 900 }, { name: 'latitud', title: 'Latitud', kind: 'lat' }, { name: 'longitud', title: 'Longitud', kind: 'lon' }] },
  { sv: 'Förskolor', en: 'Preschools', descSv: 'Förskolor med adress, antal platser och huvudman.', keywordsSv: ['förskolor', 'barnomsorg'], keywordsEn: ['preschools'], theme: 'EDUC', frequencies: ['QUARTERLY', 'ANNUAL'], kinds: ['csv', 'json'], noun: 'Förskola', columns: [{ name: 'namn', title: 'Namn', kind: 'name' }, { name: 'adress', title: 'Adress', kind: 'street' }, { name: 'platser', title: 'Platser', kind: 'int', min: 15, max: 160 }, { name: 'huvudman', title: 'Huvudman', kind: 'category', values: ['Kommunal', 'Enskild'] }] },
  { sv: 'Bibliotek', en: 'Libraries', descSv: 'Folkbibliotek med adress och öppettider.', keywordsSv: ['bibliotek', 'kultur'], keywordsEn: ['libraries', 'culture'], theme: 'EDUC', frequencies: ['MONTHLY', 'ANNUAL'], kinds: ['csv', 'json'], noun: 'Bibliotek', columns: [{ name: 'namn', title: 'Namn', kind: 'name' }, { name: 'adress', title: 'Adress', kind: 'street' }, { name: 'oppettider', title: 'Öppettider', kind: 'hours' }] },
  { sv: 'Luftkvalitet', en: 'Air quality', descSv: 'Uppmätta halter av kvävedioxid och partiklar per mätstation och timme.', keywordsSv: ['luftkvalitet', 'miljö', 'mätdata'], keywordsEn: ['air quality', 'environment'], theme: 'ENVI', frequencies: ['DAILY'], kinds: ['csv', 'json'], noun: 'Mätstation', columns: [{ name: 'station', title: 'Station', kind: 'name' }, { name: 'datum', title: 'Datum', kind: 'date' }, { name: 'no2', title: 'NO2 (µg/m³)', kind: 'decimal', min: 2, max: 80 }, { name: 'pm10', title: 'PM10 (µg/m³)', kind: 'decimal', min: 3, max: 60 }] },
  { sv: 'Hållplatser', en: 'Public transport stops', descSv: 'Hållplatser för kollektivtrafik med läge.', keywordsSv: ['hållplatser', 'kollektivtrafik'], keywordsEn: ['bus stops', 'public transport'], theme: 'TRAN', frequencies: ['MONTHLY', 'WEEKLY'], kinds: ['csv', 'geojson', 'json'], noun: 'Hållplats', columns: place },
  { sv: 'Befolkning per distrikt', en: 'Population by district', descSv: 'Folkmängd per distrikt och åldersgrupp.', keywordsSv: ['befolkning', 'statistik'], keywordsEn: ['population', 'statistics'], theme: 'SOCI', frequencies: ['ANNUAL'], kinds: ['csv', 'xlsx'], noun: 'Distrikt', columns: [{ name: 'distrikt', title: 'Distrikt', kind: 'name' }, { name: 'ar', title: 'År', kind: 'year' }, { name: 'folkmangd', title: 'Folkmängd', kind: 'int', min: 200, max: 60000 }] },
  { sv: 'Bygglov', en: 'Building permits', descSv: 'Beviljade bygglov med ärendetyp och beslutsdatum.', keywordsSv: ['bygglov', 'samhällsbyggnad'], keywordsEn: ['building permits'], theme: 'GOVE', frequencies: ['WEEKLY', 'MONTHLY'], kinds: ['csv', 'json'], noun: 'Ärende', columns: [{ name: 'arende', title: 'Ärende', kind: 'id' }, { name: 'typ', title: 'Typ', kind: 'category', values: ['Nybyggnad', 'Tillbyggnad', 'Rivning', 'Fasadändring'] }, { name: 'beslutsdatum', title: 'Beslutsdatum', kind: 'date' }] },
  { sv: 'Parkeringar', en: 'Parking', descSv: 'Allmänna parkeringsplatser med antal platser och avgift.', keywordsSv: ['parkering', 'trafik'], keywordsEn: ['parking'], theme: 'TRAN', frequencies: ['MONTHLY', 'DAILY'], kinds: ['csv', 'json', 'wms'], noun: 'Parkering', columns: [...place, { name: 'platser', title: 'Platser', kind: 'int', min: 5, max: 400 }, { name: 'avgift', title: 'Avgift', kind: 'bool' }] },
  { sv: 'Laddplatser', en: 'Charging points', descSv: 'Publika laddplatser för elfordon.', keywordsSv: ['laddplatser', 'elbil', 'energi'], keywordsEn: ['charging points', 'electric vehicles'], theme: 'ENER', frequencies: ['MONTHLY', 'WEEKLY'], spec: 3, kinds: ['csv', 'json'], noun: 'Laddplats', columns: [...place, { name: 'effekt_kw', title: 'Effekt (kW)', kind: 'decimal', min: 3.7, max: 150 }] },
  { sv: 'Återvinningsstationer', en: 'Recycling stations', descSv: 'Återvinningsstationer och återvinningscentraler.', keywordsSv: ['återvinning', 'avfall'], keywordsEn: ['recycling', 'waste'], theme: 'ENVI', frequencies: ['ANNUAL', 'MONTHLY'], kinds: ['csv', 'geojson'], noun: 'Station', columns: place },
  { sv: 'Leverantörsutbetalningar', en: 'Supplier payments', descSv: 'Utbetalningar till leverantörer över 1 000 kronor.', keywordsSv: ['leverantörsreskontra', 'ekonomi', 'utbetalningar'], keywordsEn: ['supplier payments', 'spending'], theme: 'ECON', frequencies: ['MONTHLY'], kinds: ['csv', 'xlsx'], noun: 'Leverantör', columns: [{ name: 'leverantor', title: 'Leverantör', kind: 'name' }, { name: 'datum', title: 'Datum', kind: 'date' }, { name: 'belopp', title: 'Belopp', kind: 'decimal', min: 1000, max: 250000 }] },
  { sv: 'Diarium', en: 'Public records register', descSv: 'Registrerade handlingar i kommunstyrelsens diarium.', keywordsSv: ['diarium', 'allmänna handlingar'], keywordsEn: ['public records'], theme: 'GOVE', frequencies: ['DAILY', 'WEEKLY'], kinds: ['csv', 'json'], noun: 'Handling', columns: [{ name: 'diarienummer', title: 'Diarienummer', kind: 'id' }, { name: 'rubrik', title: 'Rubrik', kind: 'text' }, { name: 'datum', title: 'Datum', kind: 'date' }] },
  { sv: 'Evenemang', en: 'Events', descSv: 'Evenemang i kommunens lokaler och parker.', keywordsSv: ['evenemang', 'kultur', 'fritid'], keywordsEn: ['events'], theme: 'SOCI', frequencies: ['DAILY', 'WEEKLY'], kinds: ['json', 'csv'], noun: 'Evenemang', columns: [{ name: 'namn', title: 'Namn', kind: 'name' }, { name: 'datum', title: 'Datum', kind: 'date' }, { name: 'plats', title: 'Plats', kind: 'street' }] },
  { sv: 'Motionsspår', en: 'Running tracks', descSv: 'Motionsspår och elljusspår med längd och belysning.', keywordsSv: ['motionsspår', 'friluftsliv', 'idrott'], keywordsEn: ['running tracks', 'outdoor'], theme: 'HEAL', frequencies: ['ANNUAL'], kinds: ['csv', 'geojson'], noun: 'Spår', columns: [...place, { name: 'langd_km', title: 'Längd (km)', kind: 'decimal', min: 1, max: 12 }, { name: 'belysning', title: 'Belysning', kind: 'bool' }] },
  { sv: 'Trafikflöden', en: 'Traffic flows', descSv: 'Antal fordon per dygn vid kommunens mätpunkter.', keywordsSv: ['trafik', 'trafikmätning'], keywordsEn: ['traffic', 'traffic counts'], theme: 'TRAN', frequencies: ['DAILY', 'WEEKLY'], kinds: ['csv', 'json'], noun: 'Mätpunkt', columns: [{ name: 'matpunkt', title: 'Mätpunkt', kind: 'name' }, { name: 'datum', title: 'Datum', kind: 'date' }, { name: 'fordon', title: 'Fordon per dygn', kind: 'int', min: 100, max: 40000 }] },
  { sv: 'Sammanträden', en: 'Council meetings', descSv: 'Sammanträden i nämnder och kommunfullmäktige.', keywordsSv: ['sammanträden', 'politik', 'nämnder'], keywordsEn: ['meetings', 'politics'], theme: 'GOVE', frequencies: ['WEEKLY', 'MONTHLY'], kinds: ['csv', 'json', 'pdf'], noun: 'Nämnd', columns: [{ name: 'organ', title: 'Organ', kind: 'name' }, { name: 'datum', title: 'Datum', kind: 'date' }, { name: 'lokal', title: 'Lokal', kind: 'street' }] },
  { sv: 'Energiförbrukning i kommunala fastigheter', en: 'Energy use in municipal buildings', descSv: 'Förbrukning av el och fjärrvärme per fastighet och månad.', keywordsSv: ['energi', 'fastigheter', 'förbrukning'], keywordsEn: ['energy', 'buildings'], theme: 'ENER', frequencies: ['MONTHLY'], kinds: ['csv', 'xlsx'], noun: 'Fastighet', columns: [{ name: 'fastighet', title: 'Fastighet', kind: 'name' }, { name: 'manad', title: 'Månad', kind: 'date' }, { name: 'el_kwh', title: 'El (kWh)', kind: 'decimal', min: 500, max: 90000 }, { name: 'fjarrvarme_kwh', title: 'Fjärrvärme (kWh)', kind: 'decimal', min: 0, max: 150000 }] },
  { sv: 'Äldreboenden', en: 'Care homes for the elderly', descSv: 'Särskilda boenden för äldre med antal platser.', keywordsSv: ['äldreboenden', 'omsorg'], keywordsEn: ['elderly care'], theme: 'HEAL', frequencies: ['ANNUAL', 'QUARTERLY'], kinds: ['csv', 'json'], noun: 'Boende', columns: [{ name: 'namn', title: 'Namn', kind: 'name' }, { name: 'adress', title: 'Adress', kind: 'street' }, { name: 'platser', title: 'Platser', kind: 'int', min: 10, max: 120 }] },
]

/** Media types written as the dct:format literal for each kind. */
export const mediaTypes: Record<DistKind, string> = {
  csv: 'text/csv',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
  wms: 'application/vnd.ogc.wms_xml',
  pdf: 'application/pdf',
}

/** File extensions in URLs; a WMS endpoint has none. */
export const extensions: Record<DistKind, string> = {
  csv: '.csv',
  json: '.json',
  xlsx: '.xlsx',
  geojson: '.geojson',
  wms: '',
  pdf: '.pdf',
}
