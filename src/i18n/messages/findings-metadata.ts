import type { ParamValue } from '../../domain/finding.js'
import { list, num } from '../format.js'
import type { Lang } from '../lang.js'
import { defineFindingMessages, type FindingMessage, type Message } from '../message.js'

/**
 * Finding texts of the metadata check (checks/metadata.ts), keyed by finding code:
 * DCAT-AP-SE's mandatory and recommended properties, the rules for high-value datasets
 * (HVD, regulation 2023/138) and one text per MQA indicator (`mqa-<indicator>`).
 *
 * Params: `distribution` / `service` (the IRI a finding is about), `licence`, `category`,
 * `urls`; for MQA `points` (awarded), `max` (the indicator's points) and `gain` (what
 * fixing it would give).
 */

/** A dataset-level finding: fixed words. */
function fixed(sv: string, en: string, hintSv: string, hintEn: string): FindingMessage {
  return { message: { sv, en }, hint: { sv: hintSv, en: hintEn } }
}

/** The words of one MQA indicator: what it scores and how to gain its points. */
function mqa(labelSv: string, labelEn: string, hintSv: string, hintEn: string): FindingMessage {
  const pts = (lang: Lang, v: ParamValue | undefined) => num(lang, v, 2)
  return { message: { sv: (p) => `MQA-indikatorn "${labelSv}": ${pts('sv', p.points)} av ${pts('sv', p.max)} poäng; ${pts('sv', p.gain)} poäng att vinna.`, en: (p) => `MQA indicator "${labelEn}": ${pts('en', p.points)} of ${pts('en', p.max)} points; ${pts('en', p.gain)} points to gain.` }, hint: { sv: hintSv, en: hintEn } }
}

/** The six HVD categories of regulation 2023/138 (EU Vocabularies' table), IRI → name. */
const HVD_CATEGORY_NAMES: Record<string, Record<Lang, string>> = {
  'http://data.europa.eu/bna/c_ac64a52d': { sv: 'Geodata', en: 'Geospatial' },
  'http://data.europa.eu/bna/c_dd313021': { sv: 'Jordobservation och miljö', en: 'Earth observation and environment' },
  'http://data.europa.eu/bna/c_164e0bf5': { sv: 'Meteorologi', en: 'Meteorological' },
  'http://data.europa.eu/bna/c_e1da4e07': { sv: 'Statistik', en: 'Statistics' },
  'http://data.europa.eu/bna/c_a9135398': { sv: 'Företag och ägande av företag', en: 'Companies and company ownership' },
  'http://data.europa.eu/bna/c_b79e35eb': { sv: 'Rörlighet', en: 'Mobility' },
}

/** "Geodata (http://…), Jordobservation och miljö (http://…), …" */
function categoryList(lang: Lang): string {
  return Object.entries(HVD_CATEGORY_NAMES)
    .map(([iri, name]) => `${name[lang]} (${iri})`)
    .join(', ')
}

const HVD_LICENCE_HINT: Message = { sv: 'Ange http://creativecommons.org/publicdomain/zero/1.0/ (CC0) eller http://creativecommons.org/licenses/by/4.0/ (CC BY 4.0) som dct:license (förordning 2023/138 art. 4).', en: 'Declare http://creativecommons.org/publicdomain/zero/1.0/ (CC0) or http://creativecommons.org/licenses/by/4.0/ (CC BY 4.0) as dct:license (regulation 2023/138 Art. 4).' }

const NO_ACTION: Message = { sv: 'Ingen åtgärd behövs; det kontrolleras vid nästa körning.', en: 'No action needed; it is checked on the next run.' }

/** DCAT-AP-SE: mandatory properties (errors) and recommended ones (warnings). */
const dcatApSe = defineFindingMessages({
  'missing-title': fixed('Datamängden saknar titel (obligatorisk i DCAT-AP-SE).', 'The dataset has no title (mandatory in DCAT-AP-SE).', 'Ange en titel (dct:title) på svenska.', 'Give a title (dct:title), in Swedish.'),
  'missing-description': fixed(
    'Datamängden saknar beskrivning (obligatorisk i DCAT-AP-SE).',
    'The dataset has no description (mandatory in DCAT-AP-SE).',
    'Beskriv vad data innehåller, hur det tas fram och hur ofta det uppdateras (dct:description).',
    'Describe what the data holds, how it is produced and how often it is updated (dct:description).',
  ),
  'missing-publisher': fixed('Datamängden saknar utgivare (obligatorisk i DCAT-AP-SE).', 'The dataset has no publisher (mandatory in DCAT-AP-SE).', 'Ange organisationen som utgivare (dct:publisher).', 'Declare the organisation as publisher (dct:publisher).'),
  'missing-contact-point': fixed(
    'Datamängden saknar kontaktuppgift (rekommenderad i DCAT-AP-SE).',
    'The dataset has no contact point (recommended in DCAT-AP-SE).',
    'Ange en kontaktpunkt med e-postadress (dcat:contactPoint), gärna en funktionsadress som inte byts när personal slutar.',
    'Give a contact point with an e-mail address (dcat:contactPoint), preferably a shared address that survives staff changes.',
  ),
  'missing-keyword': fixed('Datamängden saknar nyckelord (rekommenderade).', 'The dataset has no keywords (recommended).', 'Lägg till några nyckelord (dcat:keyword) som användare söker på.', 'Add a few keywords (dcat:keyword) users search for.'),
  'missing-theme': fixed('Datamängden saknar tema (rekommenderat).', 'The dataset has no theme (recommended).', 'Ange tema ur EU:s datatemavokabulär (dcat:theme).', 'Add a theme from the EU data-theme vocabulary (dcat:theme).'),
  'missing-distribution': fixed('Datamängden har ingen distribution.', 'The dataset has no distribution.', 'Lägg till minst en distribution med länk till data.', 'Add at least one distribution linking to the data.'),
  'missing-access-url': { message: { sv: (p) => `Distributionen ${p.distribution} saknar åtkomstadress (obligatorisk i DCAT-AP-SE).`, en: (p) => `Distribution ${p.distribution} has no access URL (mandatory in DCAT-AP-SE).` }, hint: { sv: 'Ange dcat:accessURL (samma som nedladdningsadressen går bra).', en: 'Give dcat:accessURL (the download URL will do).' } },
  'missing-license': { message: { sv: (p) => `Distributionen ${p.distribution} saknar licens.`, en: (p) => `Distribution ${p.distribution} has no licence.` }, hint: { sv: 'Ange licens (dct:license), t.ex. CC0 http://creativecommons.org/publicdomain/zero/1.0/. Utan licens vet ingen om data får återanvändas.', en: 'Declare a licence (dct:license), e.g. CC0 http://creativecommons.org/publicdomain/zero/1.0/. Without one nobody knows whether the data may be reused.' } },
  'missing-format': { message: { sv: (p) => `Distributionen ${p.distribution} saknar format.`, en: (p) => `Distribution ${p.distribution} has no format.` }, hint: { sv: 'Ange format (dct:format) som EU-filtyp, t.ex. http://publications.europa.eu/resource/authority/file-type/CSV.', en: 'Declare the format (dct:format) as an EU file type, e.g. http://publications.europa.eu/resource/authority/file-type/CSV.' } },
  'missing-service-title': { message: { sv: (p) => `Datatjänsten ${p.service} saknar titel (obligatorisk i DCAT-AP-SE).`, en: (p) => `Data service ${p.service} has no title (mandatory in DCAT-AP-SE).` }, hint: { sv: 'Ange en titel (dct:title) på datatjänsten.', en: 'Give the data service a title (dct:title).' } },
  'missing-endpoint-url': { message: { sv: (p) => `Datatjänsten ${p.service} saknar ändpunkt (obligatorisk i DCAT-AP-SE).`, en: (p) => `Data service ${p.service} has no endpoint URL (mandatory in DCAT-AP-SE).` }, hint: { sv: 'Ange API:ets basadress som dcat:endpointURL.', en: "Give the API's base address as dcat:endpointURL." } },
})

/** High-value datasets (regulation 2023/138). */
const hvd = defineFindingMessages({
  'hvd-missing-category': { message: { sv: 'Datamängden omfattas av HVD-förordningen 2023/138 men saknar HVD-kategori.', en: 'The dataset falls under HVD regulation 2023/138 but has no HVD category.' }, hint: { sv: () => `Ange dcatap:hvdCategory, en av: ${categoryList('sv')}.`, en: () => `Declare dcatap:hvdCategory, one of: ${categoryList('en')}.` } },
  'hvd-invalid-category': { message: { sv: (p) => `HVD-kategorin ${p.category} finns inte i EU:s vokabulär för HVD-kategorier.`, en: (p) => `The HVD category ${p.category} is not in the EU HVD category vocabulary.` }, hint: { sv: () => `Använd en av: ${categoryList('sv')}.`, en: () => `Use one of: ${categoryList('en')}.` } },
  'hvd-category-unverified': { message: { sv: (p) => `HVD-kategorin ${p.category} är ingen av de sex huvudkategorierna; den kan vara en underkategori som vi inte kontrollerar.`, en: (p) => `The HVD category ${p.category} is not one of the six top-level categories; it may be a sub-category we do not verify.` }, hint: { sv: () => `Ange även huvudkategorin, en av: ${categoryList('sv')}.`, en: () => `Also declare the top-level category, one of: ${categoryList('en')}.` } },
  'hvd-licence-not-open': { message: { sv: (p) => (p.licence ? `Distributionen ${p.distribution} har licensen ${p.licence}, men HVD kräver CC0 eller CC BY 4.0.` : `Distributionen ${p.distribution} saknar licens; HVD kräver CC0 eller CC BY 4.0.`), en: (p) => (p.licence ? `Distribution ${p.distribution} has licence ${p.licence}, but HVD requires CC0 or CC BY 4.0.` : `Distribution ${p.distribution} has no licence; HVD requires CC0 or CC BY 4.0.`) }, hint: HVD_LICENCE_HINT },
  'hvd-no-bulk-download': fixed(
    'Datamängden saknar nedladdningsbar fil (bulk) i maskinläsbart format, som HVD kräver.',
    'The dataset has no bulk download in a machine-readable format, which HVD requires.',
    'Lägg till en distribution med dcat:downloadURL till hela datamängden i t.ex. CSV eller GeoJSON.',
    'Add a distribution with a dcat:downloadURL to the whole dataset in e.g. CSV or GeoJSON.',
  ),
  'hvd-bulk-download-unreachable': fixed(
    'Ingen av de maskinläsbara nedladdningsfilerna svarar.',
    'None of the machine-readable bulk downloads answers.',
    'Kontrollera att nedladdningsadresserna fungerar och leder direkt till filerna.',
    'Check that the download URLs work and lead straight to the files.',
  ),
  'hvd-bulk-download-unverified': { message: { sv: 'Nedladdningsfilerna har ännu inte kontrollerats.', en: 'The bulk downloads have not been checked yet.' }, hint: NO_ACTION },
  'hvd-no-data-service': fixed(
    'Datamängden saknar datatjänst (API), som HVD kräver.',
    'The dataset has no data service (API), which HVD requires.',
    'Beskriv API:et som dcat:DataService med dcat:endpointURL och dcat:endpointDescription, och koppla det via dcat:accessService.',
    'Describe the API as a dcat:DataService with dcat:endpointURL and dcat:endpointDescription, linked through dcat:accessService.',
  ),
  'hvd-missing-endpoint-description': { message: { sv: (p) => `Datatjänsten ${p.service} saknar beskrivning av ändpunkten.`, en: (p) => `Data service ${p.service} has no endpoint description.` }, hint: { sv: 'Ange dcat:endpointDescription, t.ex. en OpenAPI-beskrivning eller OGC GetCapabilities-adress.', en: 'Give dcat:endpointDescription, e.g. an OpenAPI document or an OGC GetCapabilities URL.' } },
  'hvd-endpoint-unreachable': { message: { sv: (p) => `Datatjänstens ändpunkt svarar inte (${list('sv', p.urls)}).`, en: (p) => `The data service endpoint does not answer (${list('en', p.urls)}).` }, hint: { sv: 'Kontrollera att API:et är i drift och att adressen i katalogen stämmer.', en: 'Check that the API is running and that the catalogue has the right address.' } },
  'hvd-endpoint-unverified': { message: { sv: 'Datatjänstens ändpunkt har ännu inte kontrollerats.', en: 'The data service endpoint has not been checked yet.' }, hint: NO_ACTION },
  // Made by the obligations monitor (src/read-model/hvd-obligations.ts) from probes and the endpoint-description check.
  'hvd-description-unreadable': { message: { sv: (p) => `API-beskrivningen för datatjänsten ${p.service} går inte att läsa som OpenAPI, WSDL eller OGC capabilities.`, en: (p) => `The API description of data service ${p.service} cannot be read as OpenAPI, WSDL or OGC capabilities.` }, hint: { sv: 'Se fynden för datatjänstens beskrivning och rätta dokumentet.', en: "See the findings on the service's description and fix the document." } },
  'hvd-description-unchecked': { message: { sv: (p) => `API-beskrivningen för datatjänsten ${p.service} har ännu inte kontrollerats.`, en: (p) => `The API description of data service ${p.service} has not been checked yet.` }, hint: NO_ACTION },
  'hvd-availability-low': { message: { sv: (p) => `${p.url} svarade på ${num('sv', p.percent, 1)} % av kontrollerna de senaste ${p.days} dagarna; målet är ${num('sv', p.target, 1)} %.`, en: (p) => `${p.url} answered ${num('en', p.percent, 1)} % of the checks in the last ${p.days} days; the target is ${num('en', p.target, 1)} %.` }, hint: { sv: 'Se till att servern är i drift dygnet runt och att adressen inte ändras.', en: 'Keep the server running around the clock and the address unchanged.' } },
  'hvd-availability-unknown': { message: { sv: (p) => `${p.url} har ännu inte kontrollerats under perioden.`, en: (p) => `${p.url} has not been checked in the period yet.` }, hint: NO_ACTION },
  'hvd-no-english': { message: { sv: (p) => `Datamängden saknar ${list('sv', p.properties)} på engelska, som HVD kräver.`, en: (p) => `The dataset has no ${list('en', p.properties)} in English, which HVD requires.` }, hint: { sv: 'Ange titel och beskrivning även på engelska (xml:lang="en").', en: 'Give the title and description in English too (xml:lang="en").' } },
})

/** One text per MQA indicator (checks/vocabularies/mqa-points.ts holds their points). */
const mqaIndicators = defineFindingMessages({
  'mqa-keyword': mqa('nyckelord', 'keywords', 'Lägg till nyckelord (dcat:keyword).', 'Add keywords (dcat:keyword).'),
  'mqa-theme': mqa('kategori (tema)', 'categories (theme)', 'Ange minst ett tema ur EU:s datatemavokabulär (dcat:theme).', 'Add at least one theme from the EU data-theme vocabulary (dcat:theme).'),
  'mqa-spatial': mqa(
    'geografisk täckning',
    'spatial coverage',
    'Ange geografisk täckning (dct:spatial), t.ex. kommunens IRI i Geonames eller Lantmäteriets register.',
    "Give the spatial coverage (dct:spatial), e.g. the municipality's Geonames IRI.",
  ),
  'mqa-temporal': mqa('tidsperiod', 'temporal coverage', 'Ange vilken tidsperiod data gäller (dct:temporal).', 'Give the period the data covers (dct:temporal).'),
  'mqa-access-url-status': mqa(
    'åtkomstadressen svarar',
    'access URL answers',
    'Se till att åtkomstadresserna (dcat:accessURL) går att hämta; se tillgängligheten för varje fil.',
    'Make sure the access URLs (dcat:accessURL) can be downloaded; see the availability of each file.',
  ),
  'mqa-download-url': mqa('nedladdningsadress', 'download URL', 'Ange en direktlänk till filen (dcat:downloadURL) för varje distribution.', 'Give a direct link to the file (dcat:downloadURL) for each distribution.'),
  'mqa-download-url-status': mqa(
    'nedladdningsadressen svarar',
    'download URL answers',
    'Se till att nedladdningsadresserna (dcat:downloadURL) går att hämta; se tillgängligheten för varje fil.',
    'Make sure the download URLs (dcat:downloadURL) can be downloaded; see the availability of each file.',
  ),
  'mqa-format': mqa('format', 'format', 'Ange format (dct:format) för varje distribution.', 'Declare the format (dct:format) of each distribution.'),
  'mqa-media-type': mqa('mediatyp', 'media type', 'Ange mediatyp (dcat:mediaType), t.ex. text/csv, för varje distribution.', 'Declare the media type (dcat:mediaType), e.g. text/csv, of each distribution.'),
  'mqa-format-vocabulary': mqa(
    'format eller mediatyp från vokabulär',
    'format or media type from a vocabulary',
    'Ange formatet som EU-filtyps-IRI (http://publications.europa.eu/resource/authority/file-type/...) och mediatypen som IANA-typ.',
    'Give the format as an EU file-type IRI (http://publications.europa.eu/resource/authority/file-type/...) and the media type as an IANA type.',
  ),
  'mqa-non-proprietary': mqa(
    'icke-proprietärt format',
    'non-proprietary format',
    'Publicera minst en distribution i ett icke-proprietärt format (CSV, JSON, GeoJSON, ODS).',
    'Publish at least one distribution in a non-proprietary format (CSV, JSON, GeoJSON, ODS).',
  ),
  'mqa-machine-readable': mqa(
    'maskinläsbart format',
    'machine-readable format',
    'Publicera i ett maskinläsbart format (CSV, JSON, XML) i stället för PDF eller HTML.',
    'Publish in a machine-readable format (CSV, JSON, XML) instead of PDF or HTML.',
  ),
  'mqa-dcat-ap-compliance': mqa(
    'följer DCAT-AP(-SE)',
    'DCAT-AP compliance',
    'Komplettera de obligatoriska egenskaperna i DCAT-AP-SE (se övriga anmärkningar).',
    "Complete DCAT-AP-SE's mandatory properties (see the other findings).",
  ),
  'mqa-license': mqa('licens', 'licence', 'Ange licens (dct:license) på varje distribution.', 'Declare a licence (dct:license) on each distribution.'),
  'mqa-license-vocabulary': mqa(
    'licens från vokabulär',
    'licence from a vocabulary',
    'Ange licensen som en känd IRI, t.ex. http://creativecommons.org/publicdomain/zero/1.0/ (CC0).',
    'Give the licence as a known IRI, e.g. http://creativecommons.org/publicdomain/zero/1.0/ (CC0).',
  ),
  'mqa-access-rights': mqa('åtkomsträttigheter', 'access rights', 'Ange åtkomsträttigheter (dct:accessRights).', 'Declare the access rights (dct:accessRights).'),
  'mqa-access-rights-vocabulary': mqa(
    'åtkomsträttigheter från vokabulär',
    'access rights from a vocabulary',
    'Ange åtkomsträttigheter ur EU:s vokabulär, t.ex. http://publications.europa.eu/resource/authority/access-right/PUBLIC.',
    'Use the EU access-right vocabulary, e.g. http://publications.europa.eu/resource/authority/access-right/PUBLIC.',
  ),
  'mqa-contact-point': mqa(
    'kontaktuppgift',
    'contact point',
    'Ange en kontaktpunkt (dcat:contactPoint) med e-postadress, gärna en funktionsadress.',
    'Give a contact point (dcat:contactPoint) with an e-mail address, preferably a shared one.',
  ),
  'mqa-publisher': mqa('utgivare', 'publisher', 'Ange utgivare (dct:publisher).', 'Declare the publisher (dct:publisher).'),
  'mqa-rights': mqa('rättighetsinformation', 'rights', 'Ange rättighetsinformation (dct:rights) på distributionerna.', 'Give a rights statement (dct:rights) on the distributions.'),
  'mqa-byte-size': mqa('filstorlek', 'file size', 'Ange filstorlek (dcat:byteSize) på distributionerna.', 'Give the file size (dcat:byteSize) of the distributions.'),
  'mqa-issued': mqa('utgivningsdatum', 'date of issue', 'Ange utgivningsdatum (dct:issued).', 'Give the date of issue (dct:issued).'),
  'mqa-modified': mqa('ändringsdatum', 'modification date', 'Ange senaste ändringsdatum (dct:modified).', 'Give the date of the last change (dct:modified).'),
})

export const metadataFindingMessages = defineFindingMessages({
  ...dcatApSe,
  ...hvd,
  ...mqaIndicators,
})
