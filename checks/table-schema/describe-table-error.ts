import type { TableError } from './table-error.js'

type Lang = 'sv' | 'en'

/** Swedish and English words for where an error sits. */
function where(e: TableError, lang: Lang): string {
  const sv = lang === 'sv'
  const parts: string[] = []
  if (e.rowNumber !== undefined) parts.push(sv ? `rad ${e.rowNumber}` : `row ${e.rowNumber}`)
  if (e.fieldNumber !== undefined) {
    const name = e.fieldName ? ` "${e.fieldName}"` : ''
    parts.push(sv ? `kolumn ${e.fieldNumber}${name}` : `field ${e.fieldNumber}${name}`)
  }
  if (e.line !== undefined && e.rowNumber === undefined) parts.push(sv ? `fysisk rad ${e.line}` : `line ${e.line}`)
  return parts.length ? ` (${parts.join(', ')})` : ''
}

const CONSTRAINT_SV: Record<string, string> = {
  required: 'värdet saknas men är obligatoriskt',
  minimum: 'värdet är mindre än tillåtet minimum',
  maximum: 'värdet är större än tillåtet maximum',
  minLength: 'värdet är kortare än tillåtet',
  maxLength: 'värdet är längre än tillåtet',
  pattern: 'värdet följer inte det föreskrivna mönstret',
  enum: 'värdet finns inte bland de tillåtna värdena',
}
const CONSTRAINT_EN: Record<string, string> = {
  required: 'the value is missing but required',
  minimum: 'the value is below the minimum',
  maximum: 'the value is above the maximum',
  minLength: 'the value is shorter than allowed',
  maxLength: 'the value is longer than allowed',
  pattern: 'the value does not match the required pattern',
  enum: 'the value is not one of the allowed values',
}

/**
 * A message and an actionable hint for a tabular error, in Swedish or English.
 * Refuses nothing: an unknown type gets a generic text naming the type.
 */
export function describeTableError(e: TableError, lang: Lang = 'sv'): { message: string; hint: string } {
  const sv = lang === 'sv'
  const at = where(e, lang)
  const cell = e.cell !== undefined && e.cell !== '' ? ` "${truncate(e.cell)}"` : ''
  const note = e.note ? `: ${e.note}` : ''
  switch (e.type) {
    case 'blank-label':
      return sv
        ? { message: `Kolumnrubriken är tom${at}.`, hint: 'Ge varje kolumn en rubrik i första raden.' }
        : { message: `The header label is blank${at}.`, hint: 'Give every column a label in the first row.' }
    case 'duplicate-label':
      return sv
        ? { message: `Kolumnrubriken${cell} förekommer flera gånger${at}${note}.`, hint: 'Ge varje kolumn en unik rubrik.' }
        : { message: `The label${cell} is duplicated${at}${note}.`, hint: 'Give every column a unique label.' }
    case 'extra-label':
      return sv
        ? {
            message: `Kolumnen${cell} finns inte i specifikationen${at}.`,
            hint: 'En fil som följer en specifikation får inte lägga till egna kolumner. Ta bort kolumnen eller ange att filen avviker från specifikationen.',
          }
        : {
            message: `The column${cell} is not in the specification${at}.`,
            hint: 'A file that claims a specification may not add columns. Remove the column or stop claiming conformance.',
          }
    case 'missing-label':
      return sv
        ? { message: `Kolumnen "${e.fieldName ?? ''}" som specifikationen kräver saknas${at}.`, hint: 'Lägg till kolumnen med exakt den rubrik som specifikationen anger.' }
        : { message: `The column "${e.fieldName ?? ''}" required by the schema is missing${at}.`, hint: 'Add the column with exactly the label the schema gives.' }
    case 'incorrect-label':
      return sv
        ? { message: `Kolumnrubriken${cell} stämmer inte med schemats "${e.fieldName ?? ''}"${at}.`, hint: 'Använd schemats kolumnnamn, i schemats ordning.' }
        : { message: `The label${cell} does not match the schema's "${e.fieldName ?? ''}"${at}.`, hint: "Use the schema's field names, in the schema's order." }
    case 'unmatched-header':
      return sv
        ? { message: 'Ingen kolumnrubrik matchar något fält i schemat.', hint: 'Använd schemats kolumnnamn i rubrikraden; kontrollera också avgränsaren.' }
        : { message: 'No header label matches a schema field.', hint: "Use the schema's field names in the header row; check the delimiter too." }
    case 'blank-header':
      return sv
        ? { message: 'Rubrikraden är tom.', hint: 'Första raden ska innehålla kolumnernas rubriker.' }
        : { message: 'The header row is blank.', hint: 'The first row must hold the column labels.' }
    case 'extra-cell':
      return sv
        ? { message: `Raden har fler celler än det finns kolumner${at}.`, hint: 'Kontrollera avgränsare och citattecken: ett kommatecken i ett värde måste stå inom citattecken.' }
        : { message: `The row has more cells than there are columns${at}.`, hint: 'Check delimiters and quoting: a delimiter inside a value must be quoted.' }
    case 'missing-cell':
      return sv
        ? { message: `Raden har färre celler än det finns kolumner${at}.`, hint: 'Fyll på raden med tomma värden så att alla rader har lika många kolumner.' }
        : { message: `The row has fewer cells than there are columns${at}.`, hint: 'Pad the row with empty values so that every row has the same number of columns.' }
    case 'blank-row':
      return sv
        ? { message: `Raden är helt tom${at}.`, hint: 'Ta bort tomma rader.' }
        : { message: `The row is blank${at}.`, hint: 'Remove blank rows.' }
    case 'type-error':
      return sv
        ? { message: `Värdet${cell} har fel typ${at}${note}.`, hint: 'Skriv värdet i det format som schemat anger för kolumnen (t.ex. heltal, datum ÅÅÅÅ-MM-DD).' }
        : { message: `The value${cell} has the wrong type${at}${note}.`, hint: 'Write the value in the format the schema gives for the column (e.g. integer, date YYYY-MM-DD).' }
    case 'constraint-error': {
      const text = (sv ? CONSTRAINT_SV : CONSTRAINT_EN)[e.note ?? ''] ?? e.note ?? ''
      return sv
        ? { message: `Värdet${cell} bryter mot en regel i schemat${at}: ${text}.`, hint: 'Rätta värdet så att det uppfyller schemats villkor för kolumnen.' }
        : { message: `The value${cell} breaks a schema constraint${at}: ${text}.`, hint: "Correct the value so that it meets the column's constraint." }
    }
    case 'unique-error':
      return sv
        ? { message: `Värdet${cell} ska vara unikt men förekommer igen${at}${note}.`, hint: 'Varje värde i kolumnen får förekomma en gång; ta bort eller rätta dubbletten.' }
        : { message: `The value${cell} must be unique but repeats${at}${note}.`, hint: 'Each value in the column may occur once; remove or correct the duplicate.' }
    case 'primary-key':
      return sv
        ? { message: `Primärnyckeln förekommer igen${at}${note}.`, hint: 'Varje rad måste ha en unik primärnyckel; ta bort dubbletten.' }
        : { message: `The primary key repeats${at}${note}.`, hint: 'Every row needs a unique primary key; remove the duplicate.' }
    case 'foreign-key':
      return sv
        ? { message: `Värdet${cell} hänvisar till en rad som inte finns${at}${note}.`, hint: 'Hänvisningen måste matcha ett befintligt värde i den refererade kolumnen.' }
        : { message: `The value${cell} refers to a row that does not exist${at}${note}.`, hint: 'The reference must match an existing value in the referenced column.' }
    case 'encoding-error':
      return sv
        ? { message: `Filen är inte giltig UTF-8${at}${note}.`, hint: 'Spara filen som UTF-8.' }
        : { message: `The file is not valid UTF-8${at}${note}.`, hint: 'Save the file as UTF-8.' }
    case 'format-error':
      return sv
        ? { message: `Filen kunde inte tolkas som CSV${at}${note}.`, hint: 'Kontrollera citattecknen: ett värde som börjar med " måste avslutas med " och ett " inuti värdet skrivs "".' }
        : { message: `The file could not be parsed as CSV${at}${note}.`, hint: 'Check quoting: a value that opens with " must close with ", and a " inside a value is written "".' }
    case 'source-error':
      return sv
        ? { message: `Filen kunde inte läsas${note}.`, hint: 'Kontrollera att länken eller filen ger själva datafilen.' }
        : { message: `The file could not be read${note}.`, hint: 'Check that the link or file gives the data file itself.' }
    case 'error-limit-reached':
      return sv
        ? { message: `Kontrollen avbröts efter ${e.note ?? ''} fel; resten av filen är inte kontrollerad.`, hint: 'Rätta de rapporterade felen och kontrollera igen.' }
        : { message: `Checking stopped after ${e.note ?? ''} errors; the rest of the file was not checked.`, hint: 'Fix the reported errors and check again.' }
    default:
      return sv
        ? { message: `Fel av typen ${String((e as TableError).type)}${at}${note}.`, hint: 'Se felkoden i dokumentationen.' }
        : { message: `Error of type ${String((e as TableError).type)}${at}${note}.`, hint: 'See the error code in the documentation.' }
  }
}

function truncate(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '...' : s
}
