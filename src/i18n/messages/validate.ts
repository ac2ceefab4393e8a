import { bytes, count } from '../format.js'
import { defineMessages } from '../message.js'

/**
 * Texts of `datavakt validate`: its report (the findings themselves are the checks' own
 * texts) and its usage errors, keyed by a stable dotted key starting with "validate.".
 */
export const validateMessages = defineMessages('validate', {
  'validate.report.file': { sv: (p) => `Fil: ${p.source}`, en: (p) => `File: ${p.source}` },
  'validate.report.format': { sv: (p) => `Format: ${p.format === 'other' ? 'okänt eller ej tabulärt' : String(p.format).toUpperCase()}${p.encoding ? `, teckenkodning ${p.encoding}` : ''}`, en: (p) => `Format: ${p.format === 'other' ? 'unknown or not tabular' : String(p.format).toUpperCase()}${p.encoding ? `, encoding ${p.encoding}` : ''}` },
  'validate.report.dialect': { sv: (p) => `Avgränsare "${p.delimiter === '\t' ? 'tab' : p.delimiter}"${p.skipInitialSpace ? ' (blanksteg efter avgränsaren ignoreras)' : ''}, citattecken ${p.quote}, ${p.header ? (p.headerRow ? `rubriker på rad ${p.headerRow}` : 'rubrikrad ja') : 'rubrikrad nej'}`, en: (p) => `Delimiter "${p.delimiter === '\t' ? 'tab' : p.delimiter}"${p.skipInitialSpace ? ' (spaces after it skipped)' : ''}, quote ${p.quote}, ${p.header ? (p.headerRow ? `header in row ${p.headerRow}` : 'header row yes') : 'header row no'}` },
  'validate.report.size': { sv: (p) => `${count('sv', p.rows, 'rad', 'rader')}, ${count('sv', p.columns, 'kolumn', 'kolumner')}, ${bytes('sv', p.bytes)}`, en: (p) => `${count('en', p.rows, 'row', 'rows')}, ${count('en', p.columns, 'field', 'fields')}, ${bytes('en', p.bytes)}` },
  'validate.report.schema': { sv: (p) => `Schema: ${p.origin} (${p.kind})`, en: (p) => `Schema: ${p.origin} (${p.kind})` },
  'validate.report.valid': { sv: 'GILTIG: inga fel hittades.', en: 'VALID: no errors found.' },
  'validate.report.invalid': { sv: (p) => `OGILTIG: ${count('sv', p.errors, 'fel', 'fel')}.`, en: (p) => `INVALID: ${count('en', p.errors, 'error', 'errors')}.` },
  'validate.report.more-errors': { sv: (p) => `... och ${count('sv', p.n, 'fel', 'fel')} till (använd --json för alla)`, en: (p) => `... and ${count('en', p.n, 'more error', 'more errors')} (use --json for all)` },
  'validate.report.other-findings': { sv: 'Övriga iakttagelser:', en: 'Other findings:' },
  'validate.report.note': { sv: (p) => `Obs: ${p.text}`, en: (p) => `Note: ${p.text}` },
  'validate.source-error.message': { sv: (p) => `Filen kunde inte hämtas: ${p.reason}`, en: (p) => `The file could not be fetched: ${p.reason}` },
  'validate.source-error.hint': { sv: 'Kontrollera att adressen stämmer och att filen går att ladda ner.', en: 'Check that the address is right and that the file can be downloaded.' },

  'validate.schema-error.message': { sv: (p) => `Schemat ${p.url} kan inte användas, så filen kan inte vara giltig mot det: ${p.reason}`, en: (p) => `The schema ${p.url} cannot be used, so the file cannot be valid against it: ${p.reason}` },
  'validate.schema-error.hint': { sv: 'Det är schemat, inte filen, som behöver rättas.', en: 'The schema, not the file, needs fixing.' },

  'validate.usage.lang': { sv: (p) => `--lang måste vara sv eller en, inte "${p.value}"`, en: (p) => `--lang must be sv or en, not "${p.value}"` },
  'validate.usage.format': { sv: (p) => `--format måste vara csv, json eller geojson, inte "${p.value}"`, en: (p) => `--format must be csv, json or geojson, not "${p.value}"` },
  'validate.usage.no-file': { sv: 'ange en fil eller URL att kontrollera', en: 'give a file or URL to check' },
  'validate.usage.one-file': { sv: 'ange bara en fil eller URL', en: 'give only one file or URL' },
  'validate.usage.error-limit': { sv: (p) => `--error-limit måste vara ett positivt heltal, inte "${p.value}"`, en: (p) => `--error-limit must be a positive whole number, not "${p.value}"` },
  'validate.usage.file-missing': { sv: (p) => `filen finns inte: ${p.path}`, en: (p) => `no such file: ${p.path}` },
  'validate.usage.not-a-file': { sv: (p) => `${p.path} är ingen fil`, en: (p) => `${p.path} is not a file` },
  'validate.usage.schema-unreadable': { sv: (p) => `kan inte läsa schemat ${p.path}: ${p.reason}`, en: (p) => `cannot read the schema ${p.path}: ${p.reason}` },
  'validate.usage.schema-missing': { sv: (p) => `kan inte läsa schemat ${p.path}: filen finns inte`, en: (p) => `cannot read the schema ${p.path}: no such file` },
  'validate.usage.schema-not-json': { sv: (p) => `schemat ${p.path} är inte giltig JSON: ${p.reason}`, en: (p) => `the schema ${p.path} is not valid JSON: ${p.reason}` },
  'validate.usage.schema-kind': { sv: (p) => `${p.path} är varken ett Table Schema, CSVW-metadata eller ett JSON Schema`, en: (p) => `${p.path} is neither a Table Schema, CSVW metadata nor a JSON Schema` },
})
