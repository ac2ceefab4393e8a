import iconv from 'iconv-lite'
import type { DefectName } from './defect-rules.js'
import { hash32, Salt } from './hash32.js'
import { cellValue, type CellContext, type TableColumn } from './cell-value.js'
import { mediaTypes, topics } from './topics.js'
import type { WorldModel } from './world-model.js'
import { decimalCommaBreaks, worldSpecs } from './world-specs.js'
import { xlsxWorkbook } from './xlsx-workbook.js'

/** A rendered response body and the Content-Type the world's server sends with it. */
export interface RenderedBody {
  body: Buffer
  contentType: string
}

/** The table (header + rows) of a distribution on a content version, clean. */
export function cleanTable(model: WorldModel, dist: number, version: number): { columns: TableColumn[]; rows: string[][]; header: string[] } {
  const ds = model.distDataset[dist]
  const org = model.organisations[model.dsOrg[ds]]
  const topic = topics[model.dsTopic[ds]]
  const specIndex = model.dsSpec[ds]
  const spec = specIndex >= 0 ? worldSpecs[specIndex] : null
  const columns = spec ? spec.columns : topic.columns
  const rowCount = 8 + (hash32(model.seed, dist, Salt.body) % 40) + (version % 3)
  const ctx: CellContext = {
    seed: model.seed,
    dist,
    version,
    row: 0,
    municipalityCode: org.code.length === 4 ? org.code : '1400',
    centreLat: org.centreLat,
    centreLon: org.centreLon,
    noun: spec ? spec.noun : topic.noun,
    domain: `${org.slug}.example`,
  }
  const rows: string[][] = []
  for (let r = 0; r < rowCount; r++) {
    ctx.row = r
    rows.push(columns.map((c, i) => cellValue(c, i, ctx)))
  }
  // Spec files use the spec's column names; other files use the readable Swedish titles,
  // as most municipal CSVs do.
  const header = columns.map((c) => (spec ? c.name : c.title))
  return { columns, rows, header }
}

const needsQuotes = { ',': /[",\r\n]/, ';': /[";\r\n]/ } as const

function csvCell(v: string, delimiter: ',' | ';'): string {
  return needsQuotes[delimiter].test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

function csvText(header: string[], rows: string[][], delimiter: ',' | ';' = ','): string {
  const lines = [header.map((h) => csvCell(h, delimiter)).join(delimiter)]
  for (const r of rows) lines.push(r.map((v) => csvCell(v, delimiter)).join(delimiter))
  return lines.join('\r\n') + '\r\n'
}

/** The CSV of a distribution on `version`, with a CSV-level defect applied when given. */
export function renderCsv(model: WorldModel, dist: number, version: number, defect: DefectName | null): RenderedBody {
  const { columns, rows, header } = cleanTable(model, dist, version)
  const h = hash32(model.seed, dist, version, 555)
  const specIndex = model.dsSpec[model.distDataset[dist]]
  const numeric = columns.map((c) => c.kind === 'decimal' || c.kind === 'lat' || c.kind === 'lon')
  // A spec with a decimal comma is published the Swedish-Excel way, conforming files too.
  const excel = defect === 'csv-semicolon-decimal-comma' || (specIndex >= 0 && worldSpecs[specIndex].decimalComma === true)
  const delimiter = excel ? ';' : ','
  const styled = (rs: string[][]) => (excel ? rs.map((r) => r.map((v, i) => (numeric[i] ? v.replace('.', ',') : v))) : rs)
  const utf8 = (hh: string[], rs: string[][]): RenderedBody => ({ body: Buffer.from(csvText(hh, rs, delimiter)), contentType: 'text/csv; charset=utf-8' })
  switch (defect) {
    case 'csv-latin1': {
      // Windows-1252: å ä ö are single bytes (0xE5 0xE4 0xF6) and the en dash is 0x96,
      // which does not exist in ISO-8859-1 and is invalid as UTF-8.
      const text = csvText([...header, 'Kommentar'], styled(rows).map((r) => [...r, 'Öppet året runt – även för äldre']), delimiter)
      return { body: iconv.encode(text, 'win1252'), contentType: 'text/csv' }
    }
    case 'csv-ragged': {
      // Row 2 and 5 get an extra cell, row 3 loses its last one.
      return utf8(header, styled(rows).map((r, i) => (i === 2 || i === 5 ? [...r, 'extra'] : i === 3 ? r.slice(0, -1) : r)))
    }
    case 'csv-blank-header': {
      const hh = [...header]
      hh[Math.min(1, hh.length - 1)] = ''
      return utf8(hh, styled(rows))
    }
    case 'csv-duplicate-header': {
      const hh = [...header]
      hh[hh.length - 1] = hh[0]
      return utf8(hh, styled(rows))
    }
    case 'csv-bom':
      return { body: Buffer.from('\uFEFF' + csvText(header, styled(rows), delimiter)), contentType: 'text/csv; charset=utf-8' }
    case 'spec-type-error': {
      // Break the first typed column in one to three rows, the way real files do.
      const typed = columns.findIndex((c) => c.kind === 'int' || c.kind === 'decimal' || c.kind === 'date' || c.kind === 'bool')
      const col = typed >= 0 ? typed : columns.findIndex((c) => c.kind === 'lat')
      const bad: Record<string, string> = { int: 'ca 5', decimal: 'okänt', date: '31/13/2025', bool: 'ja', lat: 'N 57°42′' }
      const out = styled(rows).map((r) => [...r])
      const count = 1 + (h % 3)
      for (let k = 0; k < count; k++) {
        const row = (h >>> (4 + k * 3)) % out.length
        out[row][col] = bad[columns[col].kind] ?? 'fel'
      }
      return utf8(header, out)
    }
    case 'spec-extra-column': {
      const org = model.organisations[model.dsOrg[model.distDataset[dist]]]
      return utf8([...header, 'bild_url'], styled(rows).map((r, i) => [...r, `https://${org.slug}.example/bilder/${i + 1}.jpg`]))
    }
    default:
      return utf8(header, styled(rows))
  }
}

function typedValue(col: TableColumn, v: string): string | number | boolean {
  if (col.kind === 'int' || col.kind === 'decimal' || col.kind === 'lat' || col.kind === 'lon') return Number(v)
  if (col.kind === 'bool') return v === 'true'
  return v
}

/** Pages the world serves instead of data ("Sidan hittades inte", a portal page). */
export function htmlPage(title: string, text: string): Buffer {
  return Buffer.from(
    `<!DOCTYPE html>\n<html lang="sv">\n<head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n<header><nav><a href="/">Startsida</a></nav></header>\n<main>\n<h1>${title}</h1>\n<p>${text}</p>\n</main>\n</body>\n</html>\n`,
  )
}

/** An OGC ServiceExceptionReport, as a broken WMS answers with 200. */
export function ogcException(): Buffer {
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n<ServiceExceptionReport version="1.3.0" xmlns="http://www.opengis.net/ogc">\n  <ServiceException code="LayerNotDefined">Layer not found: detaljplaner:gallande</ServiceException>\n</ServiceExceptionReport>\n',
  )
}

function wmsCapabilities(title: string): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms">\n  <Service><Name>WMS</Name><Title>${title}</Title></Service>\n  <Capability><Layer><Title>${title}</Title><CRS>EPSG:3006</CRS></Layer></Capability>\n</WMS_Capabilities>\n`,
  )
}

/** A small valid PDF (one empty page). */
function pdfDocument(title: string): Buffer {
  const t = title.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '')
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n4 0 obj<</Title(${t})>>endobj\ntrailer<</Root 1 0 R/Info 4 0 R>>\n%%EOF\n`,
  )
}

/**
 * The body of a distribution on a content version, with its content-level defect (if
 * active) applied. Wire-level defects (status codes, resets, huge bodies) are the
 * server's job and never reach here.
 */
export function renderBody(model: WorldModel, dist: number, version: number, defect: DefectName | null): RenderedBody {
  const kind = model.kind(dist)
  const ds = model.distDataset[dist]
  const topic = topics[model.dsTopic[ds]]
  const org = model.organisations[model.dsOrg[ds]]
  if (defect === 'soft-404-html') {
    return { body: htmlPage('Sidan hittades inte', `Sidan du söker finns inte längre på ${org.displayName}s webbplats. Den kan ha flyttats eller tagits bort.`), contentType: 'text/html; charset=utf-8' }
  }
  if (defect === 'declared-json-serves-html') {
    return { body: htmlPage(`${topic.sv} – ${org.displayName}`, `Här hittar du information om ${topic.sv.toLowerCase()} i kommunen. Öppna kartan för att se alla platser.`), contentType: 'text/html; charset=utf-8' }
  }
  if (defect === 'declared-csv-serves-xlsx') {
    const t = cleanTable(model, dist, version)
    return { body: xlsxWorkbook([t.header, ...t.rows]), contentType: mediaTypes.xlsx }
  }
  if (defect === 'ogc-exception') return { body: ogcException(), contentType: 'application/vnd.ogc.se_xml' }
  switch (kind) {
    case 'csv':
      return renderCsv(model, dist, version, defect)
    case 'json': {
      const t = cleanTable(model, dist, version)
      const data = t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [t.header[i], typedValue(c, r[i])])))
      return { body: Buffer.from(JSON.stringify(data)), contentType: 'application/json' }
    }
    case 'geojson': {
      const t = cleanTable(model, dist, version)
      const lat = t.columns.findIndex((c) => c.kind === 'lat')
      const lon = t.columns.findIndex((c) => c.kind === 'lon')
      const features = t.rows.map((r) => ({
        type: 'Feature',
        geometry: lat >= 0 && lon >= 0 ? { type: 'Point', coordinates: [Number(r[lon]), Number(r[lat])] } : null,
        properties: Object.fromEntries(t.columns.map((c, i) => [t.header[i], typedValue(c, r[i])])),
      }))
      return { body: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })), contentType: 'application/geo+json' }
    }
    case 'xlsx': {
      const t = cleanTable(model, dist, version)
      return { body: xlsxWorkbook([t.header, ...t.rows]), contentType: mediaTypes.xlsx }
    }
    case 'wms':
      return { body: wmsCapabilities(`${topic.sv} ${org.name}`), contentType: 'application/vnd.ogc.wms_xml' }
    case 'pdf':
      return { body: pdfDocument(`${topic.en} ${version}`), contentType: 'application/pdf' }
  }
}

/** Finding codes content checks must report for a distribution whose defect is active. */
export function contentFindingsFor(model: WorldModel, dist: number, defect: DefectName | null, rule: string[]): string[] {
  if (defect === 'csv-semicolon-decimal-comma') {
    const spec = model.dsSpec[model.distDataset[dist]]
    return spec >= 0 && decimalCommaBreaks(worldSpecs[spec]) ? ['type-error'] : []
  }
  return rule
}
