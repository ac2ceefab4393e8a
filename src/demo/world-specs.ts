import type { TableColumn } from './cell-value.js'

/**
 * The world's own specifications, in the style of the Swedish national ones (badplatser,
 * lekplatser, offentliga toaletter) but deliberately NOT them: the columns are the
 * world's invention, so they are named "World …" and live at world URIs. Each is served
 * as a CSVW `schema.json` at its conformsTo URI, the way the national ones are published,
 * so content checks exercise the remote-schema path.
 */
export interface WorldSpec {
  id: string
  version: string
  /** "World badplatser". */
  name: string
  description: string
  /** The noun for generated names in rows. */
  noun: string
  columns: TableColumn[]
  /**
   * Numbers use a decimal comma (CSVW `format: {decimalChar: ","}`), so conforming files
   * are written the Swedish-Excel way: `;` between cells, `,` in numbers.
   */
  decimalComma?: boolean
}

/** CSVW column as served in schema.json. */
export interface CsvwColumn {
  name: string
  titles: string
  'dc:description'?: string
  datatype: { base: string; format?: string | { decimalChar: string } }
  required: boolean
}

const common: TableColumn[] = [
  { name: 'id', title: 'Id', kind: 'id', required: true },
  { name: 'namn', title: 'Namn', kind: 'name', required: true },
  { name: 'latitud', title: 'Latitud', kind: 'lat', required: true },
  { name: 'longitud', title: 'Longitud', kind: 'lon', required: true },
  { name: 'kommunkod', title: 'Kommunkod', kind: 'municipality', required: true },
]

/**
 * A world specification of `subject` ("offentliga toaletter"), version 1.0: its id, name and
 * description follow from the subject; its columns are the five every one has (`common`),
 * then `columns`. `more` gives what differs (decimalComma, its own description).
 */
function worldSpec(subject: string, noun: string, columns: TableColumn[], more: Partial<WorldSpec> = {}): WorldSpec {
  return {
    id: `world-${subject.replaceAll(' ', '-')}`,
    version: '1.0',
    name: `World ${subject}`,
    description: `Den simulerade regionens egen specifikation för ${subject} (inte den nationella).`,
    noun,
    columns: [...common, ...columns],
    ...more,
  }
}

/** The specifications every world publishes (same list for every seed). */
export const worldSpecs: readonly WorldSpec[] = [
  worldSpec('badplatser', 'Badplats', [
    { name: 'beskrivning', title: 'Beskrivning', kind: 'text', required: false },
    { name: 'toalett', title: 'Toalett', kind: 'bool', required: false },
    { name: 'vattentemperatur', title: 'Vattentemperatur', kind: 'decimal', min: 8, max: 26, required: false },
    { name: 'uppdaterad', title: 'Uppdaterad', kind: 'date', required: false },
  ]),
  worldSpec('lekplatser', 'Lekplats', [
    { name: 'alder_fran', title: 'Ålder från', kind: 'int', min: 0, max: 3, required: false },
    { name: 'alder_till', title: 'Ålder till', kind: 'int', min: 6, max: 14, required: false },
    { name: 'tillganglig', title: 'Tillgänglighetsanpassad', kind: 'bool', required: false },
    { name: 'antal_gungor', title: 'Antal gungor', kind: 'int', min: 0, max: 8, required: false },
    { name: 'uppdaterad', title: 'Uppdaterad', kind: 'date', required: false },
  ]),
  worldSpec('offentliga toaletter', 'Toalett', [
    { name: 'adress', title: 'Adress', kind: 'street', required: false },
    { name: 'avgift', title: 'Avgift', kind: 'bool', required: true },
    { name: 'avgift_kr', title: 'Avgift i kronor', kind: 'decimal', min: 0, max: 15, required: false },
    { name: 'antal_wc', title: 'Antal wc', kind: 'int', min: 1, max: 12, required: false },
    { name: 'skotbord', title: 'Skötbord', kind: 'bool', required: false },
    { name: 'oppettider', title: 'Öppettider', kind: 'hours', required: false },
    { name: 'epost', title: 'E-post', kind: 'email', required: false },
  ]),
  worldSpec(
    'laddplatser',
    'Laddplats',
    [
      { name: 'effekt_kw', title: 'Effekt (kW)', kind: 'decimal', min: 3.7, max: 150, required: true },
      { name: 'antal_uttag', title: 'Antal uttag', kind: 'int', min: 1, max: 12, required: false },
      { name: 'snabbladdning', title: 'Snabbladdning', kind: 'bool', required: false },
      { name: 'uppdaterad', title: 'Uppdaterad', kind: 'date', required: false },
    ],
    {
      description: 'Den simulerade regionens egen specifikation för publika laddplatser, med decimalkomma (inte en nationell specifikation).',
      decimalComma: true,
    },
  ),
]

function csvwDatatype(col: TableColumn, spec: WorldSpec): CsvwColumn['datatype'] {
  switch (col.kind) {
    case 'lat':
    case 'lon':
    case 'decimal':
      return spec.decimalComma ? { base: 'number', format: { decimalChar: ',' } } : { base: 'number' }
    case 'int':
      return { base: 'integer' }
    case 'bool':
      return { base: 'boolean', format: 'true|false' }
    case 'date':
      return { base: 'date' }
    case 'municipality':
      return { base: 'string', format: '\\d{4}' }
    case 'email':
      return { base: 'string', format: '[^@\\s]+@[^@\\s]+' }
    default:
      return { base: 'string' }
  }
}

/** The CSVW schema.json document of a world specification (a plain JSON value). */
export function csvwSchema(spec: WorldSpec, uri: string): Record<string, unknown> {
  return {
    '@context': 'http://www.w3.org/ns/csvw',
    '@id': uri,
    'dc:title': `${spec.name} ${spec.version}`,
    'dc:description': spec.description,
    tableSchema: {
      columns: spec.columns.map(
        (c): CsvwColumn => ({ name: c.name, titles: c.title, datatype: csvwDatatype(c, spec), required: c.required ?? false }),
      ),
      primaryKey: 'id',
    },
    ...(spec.decimalComma ? { dialect: { delimiter: ';' } } : {}),
  }
}

/** True when a decimal comma breaks the spec: it has decimal columns and expects a decimal point. */
export function decimalCommaBreaks(spec: WorldSpec): boolean {
  return !spec.decimalComma && spec.columns.some((c) => c.kind === 'decimal' || c.kind === 'lat' || c.kind === 'lon')
}
