/**
 * Generates a DCAT-AP-SE catalogue in RDF/XML with `datasets` datasets of two
 * distributions each (a CSV download and an API access URL), deterministic for the same
 * options. `titleSuffix` changes chosen datasets' titles; `omit` leaves datasets out.
 * Used by the two-way test and the harvest benchmark.
 */
export function generateRdfXmlCatalogue(opts: {
  base: string
  datasets: number
  omit?: Set<number>
  changed?: Set<number>
}): string {
  const { base } = opts
  const out: string[] = []
  out.push(`<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/"
  xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">
<dcat:Catalog rdf:about="${base}/catalog">
  <dcterms:title xml:lang="sv">Genererad katalog</dcterms:title>
  <dcterms:publisher rdf:resource="http://dataportal.se/organisation/SE2120001355"/>
`)
  const ids: number[] = []
  for (let i = 0; i < opts.datasets; i++) if (!opts.omit?.has(i)) ids.push(i)
  for (const i of ids) out.push(`  <dcat:dataset rdf:resource="${base}/dataset/${i}"/>\n`)
  out.push(`</dcat:Catalog>
<foaf:Agent rdf:about="http://dataportal.se/organisation/SE2120001355"><foaf:name xml:lang="sv">Göteborgs Stad</foaf:name></foaf:Agent>
`)
  for (const i of ids) {
    const title = opts.changed?.has(i) ? `Datamängd ${i} (ändrad)` : `Datamängd ${i}`
    out.push(`<dcat:Dataset rdf:about="${base}/dataset/${i}">
  <dcterms:title xml:lang="sv">${title}</dcterms:title>
  <dcterms:title xml:lang="en">Dataset ${i}</dcterms:title>
  <dcterms:description xml:lang="sv">Beskrivning av datamängd ${i} med å, ä och ö.</dcterms:description>
  <dcterms:publisher rdf:resource="http://dataportal.se/organisation/SE2120001355"/>
  <dcterms:accrualPeriodicity rdf:resource="http://publications.europa.eu/resource/authority/frequency/DAILY"/>
  <dcterms:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2026-0${1 + (i % 9)}-1${i % 10}</dcterms:modified>
  <dcat:keyword xml:lang="sv">nyckelord${i % 17}</dcat:keyword>
  <dcat:theme rdf:resource="http://publications.europa.eu/resource/authority/data-theme/GOVE"/>
  <dcat:contactPoint><vcard:Organization><vcard:fn>Open data ${i % 5}</vcard:fn><vcard:hasEmail rdf:resource="mailto:data${i % 5}@example.se"/></vcard:Organization></dcat:contactPoint>
  <dcat:distribution>
    <dcat:Distribution rdf:about="${base}/dataset/${i}/csv">
      <dcterms:title xml:lang="sv">CSV</dcterms:title>
      <dcat:accessURL rdf:resource="${base}/files/${i}.csv"/>
      <dcat:downloadURL rdf:resource="${base}/files/${i}.csv"/>
      <dcterms:format>text/csv</dcterms:format>
      <dcat:byteSize rdf:datatype="http://www.w3.org/2001/XMLSchema#decimal">${1000 + i}</dcat:byteSize>
      <dcterms:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>
    </dcat:Distribution>
  </dcat:distribution>
  <dcat:distribution>
    <dcat:Distribution rdf:about="${base}/dataset/${i}/api">
      <dcat:accessURL rdf:resource="${base}/api/${i}"/>
      <dcterms:format rdf:resource="http://publications.europa.eu/resource/authority/file-type/JSON"/>
      <dcterms:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>
    </dcat:Distribution>
  </dcat:distribution>
</dcat:Dataset>
`)
  }
  out.push('</rdf:RDF>\n')
  return out.join('')
}

/**
 * Generates a DCAT-AP-SE catalogue in Turtle with `datasets` datasets of two distributions
 * each, deterministic, for the memory test of streaming Turtle parsing.
 */
export function generateTurtleCatalogue(opts: { base: string; datasets: number }): string {
  const { base } = opts
  const out: string[] = [
    `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<${base}/catalog> a dcat:Catalog ; dct:title "Genererad katalog"@sv ; dct:publisher <http://dataportal.se/organisation/SE2120001355> .
`,
  ]
  for (let i = 0; i < opts.datasets; i++) {
    out.push(`<${base}/catalog> dcat:dataset <${base}/dataset/${i}> .
<${base}/dataset/${i}> a dcat:Dataset ;
  dct:title "Datamängd ${i}"@sv, "Dataset ${i}"@en ;
  dct:description "Beskrivning av datamängd ${i} med å, ä och ö."@sv ;
  dct:publisher <http://dataportal.se/organisation/SE2120001355> ;
  dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/DAILY> ;
  dct:modified "2026-0${1 + (i % 9)}-1${i % 10}"^^xsd:date ;
  dcat:keyword "nyckelord${i % 17}"@sv ;
  dcat:contactPoint [ a vcard:Organization ; vcard:fn "Open data ${i % 5}" ; vcard:hasEmail <mailto:data${i % 5}@example.se> ] ;
  dcat:distribution <${base}/dataset/${i}/csv>, <${base}/dataset/${i}/api> .
<${base}/dataset/${i}/csv> a dcat:Distribution ; dcat:accessURL <https://files.example.se/${i}.csv> ; dcat:downloadURL <https://files.example.se/${i}.csv> ;
  dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ; dcat:mediaType <http://www.iana.org/assignments/media-types/text/csv> ; dcat:byteSize "${1000 + i}"^^xsd:nonNegativeInteger .
<${base}/dataset/${i}/api> a dcat:Distribution ; dcat:accessURL <https://api.example.se/${i}> ; dct:format "API" .
`)
  }
  return out.join('')
}
