import type { MessageParams } from '../../domain/finding.js'
import { bytes, count, quote } from '../format.js'
import type { Lang } from '../lang.js'
import { defineFindingMessages, wordFor, type Message, type Words } from '../message.js'

/**
 * Finding texts of the Frictionless-named tabular codes (csv-structure and conformance,
 * checks/table-schema/table-error-to-finding.ts) and the JSON codes (validate-json.ts).
 * Params: `row`, `headerRow` (label errors: the header's row), `field`, `fieldName`, `line`, `cell` (where and what), `constraint`,
 * `fieldType`, `duplicateOf`, `limit`, `position`, `pointer`, `keyword`,
 * `kind` ('json' for a JSON document; CSV otherwise). Part of findings-content.ts.
 */

/** " (rad 3, kolumn 2 "namn")": where an error sits, or nothing. */
function at(lang: Lang, p: MessageParams): string {
  const sv = lang === 'sv'
  const parts: string[] = []
  if (p.row !== undefined) parts.push(sv ? `rad ${p.row}` : `row ${p.row}`)
  // A label error sits in the header, which is not always the file's first row.
  if (p.headerRow !== undefined) parts.push(sv ? `rubrikraden, rad ${p.headerRow}` : `header row ${p.headerRow}`)
  if (p.field !== undefined) {
    const name = p.fieldName ? ` ${quote(p.fieldName)}` : ''
    parts.push(sv ? `kolumn ${p.field}${name}` : `field ${p.field}${name}`)
  }
  if (p.line !== undefined && p.row === undefined) parts.push(sv ? `fysisk rad ${p.line}` : `line ${p.line}`)
  return parts.length ? ` (${parts.join(', ')})` : ''
}

const cell = (p: MessageParams): string => (p.cell !== undefined && p.cell !== '' ? ` ${quote(p.cell)}` : '')
const dup = (lang: Lang, p: MessageParams): string =>
  p.duplicateOf === undefined ? '' : lang === 'sv' ? `, samma som på rad ${p.duplicateOf}` : `, the same as in row ${p.duplicateOf}`

const CONSTRAINT: Words = {
  'required': { sv: 'värdet saknas men är obligatoriskt', en: 'the value is missing but required' },
  'minimum': { sv: 'värdet är mindre än tillåtet minimum', en: 'the value is below the minimum' },
  'maximum': { sv: 'värdet är större än tillåtet maximum', en: 'the value is above the maximum' },
  'minLength': { sv: 'värdet är kortare än tillåtet', en: 'the value is shorter than allowed' },
  'maxLength': { sv: 'värdet är längre än tillåtet', en: 'the value is longer than allowed' },
  'pattern': { sv: 'värdet följer inte det föreskrivna mönstret', en: 'the value does not match the required pattern' },
  'enum': { sv: 'värdet finns inte bland de tillåtna värdena', en: 'the value is not one of the allowed values' },
}

/** A tabular message: `sv`/`en` make the sentence from where it is (`w`) and the params. */
function msg(sv: (w: string, p: MessageParams) => string, en: (w: string, p: MessageParams) => string): Message {
  return { sv: (p) => sv(at('sv', p), p), en: (p) => en(at('en', p), p) }
}

export const tableFindingMessages = defineFindingMessages({
  'blank-label': { message: msg((w) => `Kolumnrubriken är tom${w}.`, (w) => `The header label is blank${w}.`), hint: { sv: 'Ge varje kolumn en rubrik i första raden.', en: 'Give every column a label in the first row.' } },
  'duplicate-label': { message: msg((w, p) => `Kolumnrubriken${cell(p)} förekommer flera gånger${w}.`, (w, p) => `The label${cell(p)} is duplicated${w}.`), hint: { sv: 'Ge varje kolumn en unik rubrik.', en: 'Give every column a unique label.' } },
  'extra-label': { message: msg((w, p) => `Kolumnen${cell(p)} finns inte i specifikationen${w}.`, (w, p) => `The column${cell(p)} is not in the specification${w}.`), hint: { sv: 'En fil som följer en specifikation får inte lägga till egna kolumner. Ta bort kolumnen eller ange att filen avviker från specifikationen.', en: 'A file that claims a specification may not add columns. Remove the column or stop claiming conformance.' } },
  'missing-label': { message: msg((w, p) => `Kolumnen ${quote(p.fieldName)} som specifikationen kräver saknas${w}.`, (w, p) => `The column ${quote(p.fieldName)} required by the schema is missing${w}.`), hint: { sv: 'Lägg till kolumnen med exakt den rubrik som specifikationen anger.', en: 'Add the column with exactly the label the schema gives.' } },
  'incorrect-label': { message: msg( (w, p) => `Kolumnrubriken${cell(p)} stämmer inte med schemats ${quote(p.fieldName)}${w}.`, (w, p) => `The label${cell(p)} does not match the schema's ${quote(p.fieldName)}${w}.`, ), hint: { sv: 'Använd schemats kolumnnamn, i schemats ordning.', en: "Use the schema's field names, in the schema's order." } },
  'unmatched-header': { message: { sv: 'Ingen kolumnrubrik matchar något fält i schemat.', en: 'No header label matches a schema field.' }, hint: { sv: 'Använd schemats kolumnnamn i rubrikraden; kontrollera också avgränsaren.', en: "Use the schema's field names in the header row; check the delimiter too." } },
  'blank-header': { message: { sv: 'Rubrikraden är tom.', en: 'The header row is blank.' }, hint: { sv: 'Första raden ska innehålla kolumnernas rubriker.', en: 'The first row must hold the column labels.' } },
  'extra-cell': { message: msg((w) => `Raden har fler celler än det finns kolumner${w}.`, (w) => `The row has more cells than there are columns${w}.`), hint: { sv: 'Kontrollera avgränsare och citattecken: ett kommatecken i ett värde måste stå inom citattecken.', en: 'Check delimiters and quoting: a delimiter inside a value must be quoted.' } },
  'missing-cell': { message: msg((w) => `Raden har färre celler än det finns kolumner${w}.`, (w) => `The row has fewer cells than there are columns${w}.`), hint: { sv: 'Fyll på raden med tomma värden så att alla rader har lika många kolumner.', en: 'Pad the row with empty values so that every row has the same number of columns.' } },
  'blank-row': { message: msg((w) => `Raden är helt tom${w}.`, (w) => `The row is blank${w}.`), hint: { sv: 'Ta bort tomma rader.', en: 'Remove blank rows.' } },
  // With `inferred`, there is no schema: the type is what the column's other values are.
  'type-error': { message: msg( (w, p) => p.inferred ? `Värdet${cell(p)} har inte samma typ som resten av kolumnen${w}: de andra värdena är av typen ${quote(p.fieldType)}.` : `Värdet${cell(p)} har fel typ${w}: kolumnen har typen ${quote(p.fieldType)}.`, (w, p) => p.inferred ? `The value${cell(p)} is not of the type of the rest of its column${w}: the other values are of type ${quote(p.fieldType)}.` : `The value${cell(p)} has the wrong type${w}: the column's type is ${quote(p.fieldType)}.`, ), hint: { sv: (p) => p.inferred ? 'Skriv värdet på samma sätt som kolumnens övriga värden, eller lämna cellen tom om värdet saknas. Anteckningar hör hemma i en egen kolumn.' : 'Skriv värdet i det format som schemat anger för kolumnen (t.ex. heltal, datum ÅÅÅÅ-MM-DD).', en: (p) => p.inferred ? "Write the value the way the column's other values are written, or leave the cell empty when there is no value. Notes belong in a column of their own." : 'Write the value in the format the schema gives for the column (e.g. integer, date YYYY-MM-DD).' } },
  'rows-above-header': { message: { sv: (p) => `Rubrikraden är rad ${p.headerRow}, inte rad 1: ${Number(p.rows) === 1 ? 'raden' : `de ${p.rows} raderna`} ovanför den (en titel eller en kommentar) hoppades över.`, en: (p) => `The header is row ${p.headerRow}, not row 1: ${Number(p.rows) === 1 ? 'the row' : `the ${p.rows} rows`} above it (a title or a comment) ${Number(p.rows) === 1 ? 'was' : 'were'} skipped.` }, hint: { sv: 'Låt kolumnrubrikerna stå på första raden. Titlar och kommentarer hör hemma i datamängdens beskrivning, inte i filen.', en: "Put the column labels in the first row. Titles and comments belong in the dataset's description, not in the file." } },
  'constraint-error': { message: msg( (w, p) => `Värdet${cell(p)} bryter mot en regel i schemat${w}: ${wordFor(CONSTRAINT, 'sv', p.constraint)}.`, (w, p) => `The value${cell(p)} breaks a schema constraint${w}: ${wordFor(CONSTRAINT, 'en', p.constraint)}.`, ), hint: { sv: 'Rätta värdet så att det uppfyller schemats villkor för kolumnen.', en: "Correct the value so that it meets the column's constraint." } },
  'unique-error': { message: msg( (w, p) => `Värdet${cell(p)} ska vara unikt men förekommer igen${w}${dup('sv', p)}.`, (w, p) => `The value${cell(p)} must be unique but repeats${w}${dup('en', p)}.`, ), hint: { sv: 'Varje värde i kolumnen får förekomma en gång; ta bort eller rätta dubbletten.', en: 'Each value in the column may occur once; remove or correct the duplicate.' } },
  // Without duplicateOf, the row has no key at all: its key cells are empty or not of their type.
  'primary-key': { message: msg( (w, p) => (p.duplicateOf === undefined ? `Raden saknar primärnyckel${w}: nyckelns celler är tomma eller har fel typ.` : `Primärnyckeln förekommer igen${w}${dup('sv', p)}.`), (w, p) => (p.duplicateOf === undefined ? `The row has no primary key${w}: its key cells are empty or of the wrong type.` : `The primary key repeats${w}${dup('en', p)}.`), ), hint: { sv: (p) => (p.duplicateOf === undefined ? 'Ge varje rad ett värde i nyckelkolumnerna, av den typ schemat anger.' : 'Varje rad måste ha en unik primärnyckel; ta bort dubbletten.'), en: (p) => (p.duplicateOf === undefined ? 'Give every row a value in the key columns, of the type the schema gives.' : 'Every row needs a unique primary key; remove the duplicate.') } },
  'foreign-key': { message: msg((w, p) => `Värdet${cell(p)} hänvisar till en rad som inte finns${w}.`, (w, p) => `The value${cell(p)} refers to a row that does not exist${w}.`), hint: { sv: 'Hänvisningen måste matcha ett befintligt värde i den refererade kolumnen.', en: 'The reference must match an existing value in the referenced column.' } },
  'format-error': { message: { sv: (p) => (p.kind === 'json' ? `Filen är inte giltig JSON${p.position === undefined ? '' : ` (fel vid tecken ${p.position})`}.` : `Filen kunde inte tolkas som CSV${at('sv', p)}.`), en: (p) => (p.kind === 'json' ? `The file is not valid JSON${p.position === undefined ? '' : ` (error at character ${p.position})`}.` : `The file could not be parsed as CSV${at('en', p)}.`) }, hint: { sv: (p) => p.kind === 'json' ? 'Kontrollera att filen är komplett och giltig JSON, till exempel med en JSON-validerare.' : 'Kontrollera citattecknen: ett värde som börjar med " måste avslutas med " och ett " inuti värdet skrivs "".', en: (p) => p.kind === 'json' ? 'Check that the file is complete, valid JSON, for example with a JSON validator.' : 'Check quoting: a value that opens with " must close with ", and a " inside a value is written "".' } },
  'source-error': { message: { sv: (p) => (p.kind === 'json' ? `Filen är större än ${bytes('sv', p.limit)} och kunde inte kontrolleras mot schemat.` : 'Filen kunde inte läsas: den är tom.'), en: (p) => (p.kind === 'json' ? `The file is larger than ${bytes('en', p.limit)} and could not be checked against the schema.` : 'The file could not be read: it is empty.') }, hint: { sv: (p) => (p.kind === 'json' ? 'Dela upp stora JSON-filer, eller publicera dem som GeoJSON-sekvenser eller CSV.' : 'Kontrollera att länken eller filen ger själva datafilen.'), en: (p) => (p.kind === 'json' ? 'Split large JSON files, or publish them as GeoJSON sequences or CSV.' : 'Check that the link or file gives the data file itself.') } },
  'nesting-too-deep': { message: { sv: (p) => `Filen nästlar listor och objekt djupare än ${p.limit} nivåer och kontrollerades inte.`, en: (p) => `The file nests arrays and objects deeper than ${p.limit} levels and was not checked.` }, hint: { sv: 'Platta ut strukturen: så djup nästling är nästan alltid ett fel i den som skapar filen.', en: 'Flatten the structure: nesting this deep is almost always a fault in whatever writes the file.' } },
  'json-schema-error': { message: { sv: (p) => `Dokumentet följer inte JSON-schemat vid ${quote(p.pointer || '/')}: ${p.missingProperty ? `egenskapen ${quote(p.missingProperty)} saknas` : `regeln ${quote(p.keyword)} är bruten`}.`, en: (p) => `The document does not follow the JSON Schema at ${quote(p.pointer || '/')}: ${p.missingProperty ? `the property ${quote(p.missingProperty)} is missing` : `the rule ${quote(p.keyword)} is broken`}.` }, hint: { sv: 'Rätta värdet på den angivna platsen (JSON-pekare) så att det följer schemat.', en: 'Correct the value at the given place (JSON pointer) so that it follows the schema.' } },
  'field-too-long': { message: msg( (w, p) => `En post är längre än ${bytes('sv', p.limit)}${w}; resten av filen är inte kontrollerad.`, (w, p) => `A record is longer than ${bytes('en', p.limit)}${w}; the rest of the file was not checked.`, ), hint: { sv: 'Kontrollera citattecken och radbrytningar: ett så långt fält är nästan alltid ett citattecken som aldrig stängs.', en: 'Check quotes and line breaks: a field this long is almost always a quote that never closes.' } },
  'too-many-columns': { message: { sv: (p) => `Tabellen har fler än ${count('sv', p.limit, 'kolumn', 'kolumner')}; den är inte kontrollerad.`, en: (p) => `The table has more than ${count('en', p.limit, 'column', 'columns')}; it was not checked.` }, hint: { sv: 'Dela upp tabellen eller kontrollera avgränsaren.', en: 'Split the table or check the delimiter.' } },
  'error-limit-reached': { message: { sv: (p) => `Kontrollen avbröts efter ${count('sv', p.limit, 'fel', 'fel')}; resten av filen är inte kontrollerad.`, en: (p) => `Checking stopped after ${count('en', p.limit, 'error', 'errors')}; the rest of the file was not checked.` }, hint: { sv: 'Rätta de rapporterade felen och kontrollera igen.', en: 'Fix the reported errors and check again.' } },
})
