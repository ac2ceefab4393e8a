import { bytes, count, num, quote } from '../format.js'
import type { Message } from '../message.js'

/**
 * Texts of harvest warnings (`harvest.warning.<code>`, src/domain/harvest-warning.ts) and
 * of failed harvests (`harvest.error.<reason>`, src/domain/harvest-failure.ts), read
 * through describeHarvestWarning / describeHarvestError (src/i18n/harvest-words.ts).
 */
export const harvestMessages = {
  'harvest.warning.relative-iri': { sv: (p) => `relativ IRI, läst som ${p.iri}`, en: (p) => `relative IRI, read as ${p.iri}` },
  'harvest.warning.dataset-blank-node': {
    sv: 'datamängden saknar IRI (tom nod) och fick en konstgjord',
    en: 'the dataset has no IRI (blank node); given a synthetic one',
  },
  'harvest.warning.distribution-literal': {
    sv: (p) => `dcat:distribution är en literal (${quote(p.value, 80)}), inte en resurs; hoppades över`,
    en: (p) => `dcat:distribution is a literal (${quote(p.value, 80)}), not a resource; skipped`,
  },
  'harvest.warning.distribution-shared': {
    sv: (p) => `distributionen listas av flera datamängder; behölls under ${p.owner}`,
    en: (p) => `the distribution is listed by several datasets; kept under ${p.owner}`,
  },
  'harvest.warning.distribution-orphan': {
    sv: 'distributionen hör inte till någon datamängd; hoppades över',
    en: 'the distribution belongs to no dataset; skipped',
  },
  'harvest.warning.service-blank-node': {
    sv: 'en datatjänst saknar IRI (tom nod); hoppades över',
    en: 'a data service has no IRI (blank node); skipped',
  },
  'harvest.warning.distribution-download-only': {
    sv: 'distributionen saknar dcat:accessURL (obligatorisk); dess downloadURL används',
    en: 'the distribution has no dcat:accessURL (required); its downloadURL is used',
  },
  'harvest.warning.distribution-no-url': {
    sv: 'distributionen saknar adress (varken accessURL eller downloadURL): inget att kontrollera',
    en: 'the distribution has no address (neither accessURL nor downloadURL): nothing to check',
  },
  'harvest.warning.unknown-format': { sv: (p) => `okänt format ${quote(p.format, 100)}`, en: (p) => `unknown format ${quote(p.format, 100)}` },
  'harvest.warning.bad-media-type': {
    sv: (p) => `dcat:mediaType ${quote(p.value, 100)} är ingen medietyp`,
    en: (p) => `dcat:mediaType ${quote(p.value, 100)} is not a media type`,
  },
  'harvest.warning.bad-byte-size': {
    sv: (p) => `dcat:byteSize ${quote(p.value, 40)} är inget helt antal byte`,
    en: (p) => `dcat:byteSize ${quote(p.value, 40)} is not a whole number of bytes`,
  },
  'harvest.warning.publisher-blank-node': {
    sv: 'dct:publisher är en tom nod; utgivaren registrerades inte',
    en: 'dct:publisher is a blank node; publisher not recorded',
  },
  'harvest.warning.publisher-literal': {
    sv: (p) => `dct:publisher är en literal (${quote(p.value, 80)}); utgivaren registrerades inte`,
    en: (p) => `dct:publisher is a literal (${quote(p.value, 80)}); publisher not recorded`,
  },
  'harvest.warning.url-literal': {
    sv: (p) => `dcat:${p.property} anges som literal, inte som IRI: ${quote(p.value, 200)}`,
    en: (p) => `dcat:${p.property} given as a literal, not an IRI: ${quote(p.value, 200)}`,
  },
  'harvest.warning.url-not-absolute': {
    sv: (p) => `dcat:${p.property} ${quote(p.value, 200)} är ingen absolut adress; hoppades över`,
    en: (p) => `dcat:${p.property} ${quote(p.value, 200)} is not an absolute URL; skipped`,
  },
  'harvest.warning.url-not-http': {
    sv: (p) => `dcat:${p.property} ${quote(p.value, 200)} är ingen http(s)-adress`,
    en: (p) => `dcat:${p.property} ${quote(p.value, 200)} is not an http(s) URL`,
  },
  'harvest.warning.dataset-not-described': {
    sv: 'katalogen listar datamängden (dcat:dataset) men beskriver den inte; hoppades över',
    en: 'listed by the catalogue (dcat:dataset) but not described; skipped',
  },
  'harvest.warning.package-no-id': { sv: 'CKAN-paket utan id; hoppades över', en: 'CKAN package without id; skipped' },
  'harvest.warning.entry-no-id': {
    sv: 'sökträff utan contextId/entryId; hoppades över',
    en: 'search hit without contextId/entryId; skipped',
  },
  'harvest.warning.entry-not-dataset': {
    sv: (p) => `posten ${p.entry} beskriver inte sin datamängd som dcat:Dataset`,
    en: (p) => `entry ${p.entry} does not describe its dataset as dcat:Dataset`,
  },
  'harvest.warning.entry-not-service': {
    sv: (p) => `posten ${p.entry} beskriver inte sin datatjänst som dcat:DataService`,
    en: (p) => `entry ${p.entry} does not describe its data service as dcat:DataService`,
  },
  'harvest.warning.entry-unreadable': {
    sv: (p) => `posten ${p.entry} kunde inte läsas (${p.reason}${p.status ? `, HTTP ${p.status}` : ''}); den behålls som vid förra skördningen`,
    en: (p) => `could not read entry ${p.entry} (${p.reason}${p.status ? `, HTTP ${p.status}` : ''}); kept as last harvested`,
  },
  'harvest.warning.datasets-held-elsewhere': {
    sv: (p) => `${count('sv', p.n, 'datamängd', 'datamängder')} skördas redan från en annan källa och lämnades åt den`,
    en: (p) => `${count('en', p.n, 'dataset is', 'datasets are')} already harvested from another source and left to it`,
  },
  'harvest.warning.legacy-text': { sv: (p) => String(p.text), en: (p) => String(p.text) },

  'harvest.error.fetch-failed': { sv: (p) => `${p.url} kunde inte hämtas: servern svarade inte`, en: (p) => `Could not fetch ${p.url}: the server did not answer` },
  'harvest.error.timeout': {
    sv: (p) => `${p.url} lästes inte färdigt inom ${num('sv', Number(p.ms) / 1000, 0)} s: servern är för långsam eller hänger`,
    en: (p) => `${p.url} was not read within ${num('en', Number(p.ms) / 1000, 0)} s: the server is too slow or hangs`,
  },
  'harvest.error.deadline': {
    sv: (p) => `Skördningen tog längre än ${num('sv', Number(p.ms) / 1000, 0)} s efter ${count('sv', p.count, 'dokument', 'dokument')} (tar sidorna aldrig slut?); inget drogs tillbaka`,
    en: (p) => `The harvest took longer than ${num('en', Number(p.ms) / 1000, 0)} s after ${count('en', p.count, 'document', 'documents')} (do the pages never end?); nothing was withdrawn`,
  },
  'harvest.error.http-error': { sv: (p) => `${p.url} svarade HTTP ${p.status}`, en: (p) => `${p.url} answered HTTP ${p.status}` },
  'harvest.error.too-large': {
    sv: (p) => `Vägrade: ${p.url} är större än gränsen ${bytes('sv', p.limit)}`,
    en: (p) => `Refused: ${p.url} is larger than the limit of ${bytes('en', p.limit)}`,
  },
  'harvest.error.html-page': {
    sv: (p) => `Inte RDF: ${p.url} svarade med en HTML-sida`,
    en: (p) => `Not RDF: ${p.url} answered with an HTML page`,
  },
  'harvest.error.empty-body': { sv: (p) => `Inte RDF: ${p.url} svarade tomt`, en: (p) => `Not RDF: ${p.url} answered with an empty body` },
  'harvest.error.not-rdf': {
    sv: (p) => `Inte RDF: syntaxen i ${p.url} går inte att avgöra (Content-Type ${p.contentType ?? 'saknas'})`,
    en: (p) => `Not RDF: cannot tell the syntax of ${p.url} (Content-Type ${p.contentType ?? 'none'})`,
  },
  'harvest.error.no-statements': { sv: (p) => `Inte RDF: ${p.url} innehåller inga RDF-påståenden`, en: (p) => `Not RDF: ${p.url} holds no RDF statements` },
  'harvest.error.doctype-refused': {
    sv: (p) => `Vägrade: ${p.url} deklarerar en DOCTYPE eller entiteter, som datavakt aldrig läser (XXE och entitetsexpansion)`,
    en: (p) => `Refused: ${p.url} declares a DOCTYPE or entities, which datavakt never reads (XXE and entity expansion)`,
  },
  'harvest.error.truncated': {
    sv: (p) => `${p.url} tar slut innan dokumentet är komplett (avklippt?)`,
    en: (p) => `${p.url} ends before the document is complete (cut off?)`,
  },
  'harvest.error.parse-error': {
    sv: (p) => `${p.url} är inte giltig ${p.syntax}`,
    en: (p) => `${p.url} is not valid ${p.syntax}`,
  },
  'harvest.error.not-json': {
    sv: (p) => `${p.service} på ${p.url} svarade inte med JSON`,
    en: (p) => `${p.service} at ${p.url} did not answer JSON`,
  },
  'harvest.error.bad-response': {
    sv: (p) => `${p.service} på ${p.url} svarade med JSON utan ${p.expected}`,
    en: (p) => `${p.service} at ${p.url} answered JSON without ${p.expected}`,
  },
  'harvest.error.too-many-pages': {
    sv: (p) => `Sidorna i ${p.url} tog inte slut efter ${count('sv', p.max, 'sida', 'sidor')}`,
    en: (p) => `The paging of ${p.url} did not end after ${count('en', p.max, 'page', 'pages')}`,
  },
  'harvest.error.dataset-drop': {
    sv: (p) =>
      `${p.url} listar ${count('sv', p.count, 'datamängd', 'datamängder')}; ${p.gone} av de ${p.live} som skördats tidigare skulle dras tillbaka. Inget dras tillbaka förrän nästa skördning läser samma sak`,
    en: (p) =>
      `${p.url} lists ${count('en', p.count, 'dataset', 'datasets')}; ${p.gone} of the ${p.live} harvested before would be withdrawn. Nothing is withdrawn until the next harvest reads the same`,
  },
  'harvest.error.unexpected': { sv: (p) => `Skördningen av ${p.url} misslyckades oväntat`, en: (p) => `The harvest of ${p.url} failed unexpectedly` },
  'harvest.error.interrupted': {
    sv: 'Avbruten: processen som skördade finns inte längre',
    en: 'Interrupted: the process running the harvest is gone',
  },
  'harvest.error.legacy-text': { sv: (p) => String(p.text), en: (p) => String(p.text) },
  'harvest.job.ok': {
    sv: (p) => `skördning ${p.source}: ok, ${count('sv', p.count, 'datamängd', 'datamängder')}`,
    en: (p) => `harvest ${p.source}: ok, ${count('en', p.count, 'dataset', 'datasets')}`,
  },
  'harvest.job.failed': { sv: (p) => `skördning ${p.source}: misslyckades [${p.reason}] ${p.error}`, en: (p) => `harvest ${p.source}: failed [${p.reason}] ${p.error}` },
  'harvest.progress.source': {
    sv: (p) => `${p.id}: ${p.kind} ${p.url}${p.publisher ? ` (utgivare ${p.publisher})` : ''}`,
    en: (p) => `${p.id}: ${p.kind} ${p.url}${p.publisher ? ` (publisher ${p.publisher})` : ''}`,
  },
  'harvest.progress.dcat-document': {
    sv: (p) =>
      `${p.url}: ${count('sv', p.datasets, 'datamängd', 'datamängder')}, ${count('sv', p.services, 'datatjänst', 'datatjänster')} (${p.allDatasets} och ${p.allServices} hittills)`,
    en: (p) => `${p.url}: ${count('en', p.datasets, 'dataset', 'datasets')}, ${count('en', p.services, 'data service', 'data services')} (${p.allDatasets} and ${p.allServices} so far)`,
  },
  'harvest.progress.ckan-page': {
    sv: (p) => `${p.site}: paket ${p.from}–${p.to} av ${p.count}`,
    en: (p) => `${p.site}: packages ${p.from}–${p.to} of ${p.count}`,
  },
  'harvest.progress.entryscape-page': {
    sv: (p) => `${p.base}: sökning från ${p.offset}, ${p.entries} av ${count('sv', p.total, 'post', 'poster')}`,
    en: (p) => `${p.base}: search from ${p.offset}, ${p.entries} of ${count('en', p.total, 'entry', 'entries')}`,
  },
  'harvest.position.line-column': { sv: (p) => `rad ${p.line}, kolumn ${p.column}`, en: (p) => `line ${p.line}, column ${p.column}` },
  'harvest.position.line': { sv: (p) => `rad ${p.line}`, en: (p) => `line ${p.line}` },
  'harvest.position.byte': { sv: (p) => `byte ${p.byte}`, en: (p) => `byte ${p.byte}` },
} as const satisfies Record<string, Message>
