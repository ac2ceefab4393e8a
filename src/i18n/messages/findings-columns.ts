import type { ColumnType } from '../../domain/column-type.js'
import type { MessageParams } from '../../domain/finding.js'
import { count, date, quote } from '../format.js'
import type { Lang } from '../lang.js'
import { defineFindingMessages, wordFor, type Words } from '../message.js'

/**
 * Finding texts of breaking changes in a file against its last good version
 * (src/content/column-profile-changes.ts). Params: `column`, `newColumn`, `from`, `to` (column
 * types), `rows`, `previousRows`, `date` (YYYY-MM-DD, the day the change was first seen).
 */

const TYPE_WORDS: Words<ColumnType> = {
  'empty': { sv: 'tom', en: 'empty' },
  'boolean': { sv: 'sant/falskt', en: 'true/false' },
  'integer': { sv: 'heltal', en: 'whole numbers' },
  'number': { sv: 'tal', en: 'numbers' },
  'date': { sv: 'datum', en: 'dates' },
  'datetime': { sv: 'tidpunkter', en: 'date-times' },
  'string': { sv: 'text', en: 'text' },
  'object': { sv: 'objekt', en: 'objects' },
  'array': { sv: 'listor', en: 'lists' },
}

/** The day a change was first seen, without the year: "3 december". */
const day = (lang: Lang, p: MessageParams): string => date(lang, p.date).replace(/ \d{4}$/, '')
const col = (p: MessageParams): string => `\`${quote(p.column).slice(1, -1)}\``

const keepShape = { sv: 'Den som använder filen läser den med kolumnnamn och typer. Återställ den tidigare uppställningen, eller publicera den nya som en ny version och berätta om ändringen i datamängdens beskrivning.', en: 'Whoever uses the file reads it by column names and types. Restore the earlier layout, or publish the new one as a new version and describe the change in the dataset’s description.' }

export const columnFindingMessages = defineFindingMessages({
  'column-dropped': { message: { sv: (p) => `Kolumnen ${col(p)} försvann den ${day('sv', p)}.`, en: (p) => `The column ${col(p)} disappeared on ${day('en', p)}.` }, hint: keepShape },
  'column-renamed': { message: { sv: (p) => `Kolumnen ${col(p)} bytte namn till ${quote(p.newColumn)} den ${day('sv', p)}.`, en: (p) => `The column ${col(p)} was renamed to ${quote(p.newColumn)} on ${day('en', p)}.` }, hint: keepShape },
  'column-type-changed': { message: { sv: (p) => `Kolumnen ${col(p)} innehöll ${wordFor(TYPE_WORDS, 'sv', p.from)} men innehåller ${wordFor(TYPE_WORDS, 'sv', p.to)} sedan ${day('sv', p)}.`, en: (p) => `The column ${col(p)} held ${wordFor(TYPE_WORDS, 'en', p.from)} but holds ${wordFor(TYPE_WORDS, 'en', p.to)} since ${day('en', p)}.` }, hint: keepShape },
  'rows-dropped': { message: { sv: (p) => `Filen har bara ${count('sv', p.rows, 'rad', 'rader')} kvar av ${p.previousRows} sedan ${day('sv', p)}.`, en: (p) => `The file has only ${count('en', p.rows, 'row', 'rows')} left of ${p.previousRows} since ${day('en', p)}.` }, hint: { sv: 'Kontrollera att exporten tog med alla rader; ett avbrutet uttag ser ut så här.', en: 'Check that the export included every row; an interrupted export looks like this.' } },
})
