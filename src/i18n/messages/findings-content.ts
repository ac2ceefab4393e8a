import type { MessageParams } from '../../domain/finding.js'
import { bytes, quote } from '../format.js'
import type { Lang } from '../lang.js'
import { defineFindingMessages, render, type Message } from '../message.js'
import { checksMessages } from './checks.js'
import { tableFindingMessages } from './findings-content-table.js'

/**
 * Finding texts of the content checks, keyed by finding code: format (checks/format.ts),
 * encoding (checks/encoding.ts), conformance's own codes (checks/conformance.ts) and, in
 * findings-content-table.ts, the Frictionless-named tabular and JSON codes.
 */

const fileTypeIri = (p: MessageParams): string => `http://publications.europa.eu/resource/authority/file-type/${String(p.fileType ?? 'CSV')}`

/** Why a schema cannot be used: the schema compiler's error code (`error`), or, in a finding stored before codes, its words (`detail`). */
function schemaProblem(lang: Lang, p: MessageParams): string {
  const code = String(p.error ?? '')
  return Object.prototype.hasOwnProperty.call(checksMessages, code) ? render(checksMessages[code as keyof typeof checksMessages], lang, p) : String(p.detail ?? '')
}

/** How to save a file as UTF-8: the one fix for every encoding error, wherever it is found. */
export const saveAsUtf8: Message = { sv: 'Spara filen som UTF-8. I Excel: Spara som → "CSV UTF-8 (kommaavgränsad)"; i LibreOffice: välj teckenuppsättningen Unicode (UTF-8).', en: 'Save the file as UTF-8. In Excel: Save as → "CSV UTF-8 (Comma delimited)"; in LibreOffice: choose the Unicode (UTF-8) character set.' }

const ENCODING_NAMES: Record<string, string> = {
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'ISO-8859-1 (Latin-1)',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
}

/** "Windows-1252", or "an unknown encoding" in the reader's language. */
function encodingName(lang: Lang, enc: MessageParams[string]): string {
  const name = typeof enc === 'string' ? ENCODING_NAMES[enc] : undefined
  return name ?? (lang === 'sv' ? 'en okänd teckenkodning' : 'an unknown encoding')
}

function encodingError(lang: Lang, p: MessageParams): string {
  const sv = lang === 'sv'
  const line = p.line ?? p.row ?? '?'
  if (p.encoding === undefined) {
    return sv ? `Filen är inte giltig UTF-8 (rad ${line}).` : `The file is not valid UTF-8 (line ${line}).`
  }
  const name = encodingName(lang, p.encoding)
  const sample = p.sample ? (sv ? ` Exempel: ${quote(p.sample)}.` : ` Sample: ${quote(p.sample)}.`) : ''
  return sv
    ? `Filen är inte UTF-8 utan verkar vara ${name}; å, ä och ö blir fel för den som läser den som UTF-8 (första felet på rad ${line}).${sample}`
    : `The file is not UTF-8 but appears to be ${name}; letters such as the Swedish ones break for anyone reading it as UTF-8 (first error on line ${line}).${sample}`
}

const kindOf = (p: MessageParams): string => (p.kind === 'table-schema' ? 'CSV' : 'JSON')
const fileKind = (p: MessageParams): string => (p.fileKind === 'csv' ? 'CSV' : 'JSON')

export const contentFindingMessages = defineFindingMessages({
  ...tableFindingMessages,
  'encoding-error': { message: { sv: (p) => encodingError('sv', p), en: (p) => encodingError('en', p) }, hint: saveAsUtf8 },
  'byte-order-mark': { message: { sv: 'Filen börjar med en UTF-8-BOM (byte order mark).', en: 'The file starts with a UTF-8 byte order mark (BOM).' }, hint: { sv: 'Det är tillåtet, men vissa verktyg visar BOM:en som skräptecken i första kolumnnamnet. Spara som UTF-8 utan BOM om det ställer till det.', en: 'It is allowed, but some tools show it as stray characters in the first column name. Save as UTF-8 without BOM if that causes trouble.' } },
  'empty-content': { message: { sv: 'Filen är tom.', en: 'The file is empty.' }, hint: { sv: 'Kontrollera att exporten till filen fungerar och att rätt fil ligger på adressen.', en: 'Check that the export to the file works and that the right file is at the address.' } },
  // 'soft-404' is also a probe code: its one entry is in probe.ts.
  'format-undeclared': { message: { sv: 'Distributionen anger inget format (dct:format eller dcat:mediaType).', en: 'The distribution declares no format (dct:format or dcat:mediaType).' }, hint: { sv: (p) => `Ange formatet som EU-filtyp, t.ex. ${fileTypeIri(p)}.`, en: (p) => `Declare the format as an EU file type, e.g. ${fileTypeIri(p)}.` } },
  'access-url-landing-page': { message: { sv: 'Åtkomstadressen leder till en webbsida och distributionen saknar nedladdningsadress.', en: 'The access URL leads to a web page and the distribution has no download URL.' }, hint: { sv: 'Ange dcat:downloadURL med en direktlänk till filen, så att den kan hämtas och kontrolleras automatiskt.', en: 'Add dcat:downloadURL with a direct link to the file, so it can be fetched and checked automatically.' } },
  'format-mismatch': { message: { sv: (p) => `Angivet format är ${p.declared} (${p.property} ${quote(p.raw)}) men filen är ${p.served}.`, en: (p) => `The declared format is ${p.declared} (${p.property} ${quote(p.raw)}) but the file is ${p.served}.` }, hint: { sv: (p) => p.servedHtml ? 'Adressen leder till en webbsida, inte till filen. Länka direkt till filen som dcat:downloadURL, eller ange webbsidan som dcat:accessURL.' : `Rätta formatet i katalogen till ${p.served}, eller publicera filen i det angivna formatet ${p.declared}.`, en: (p) => p.servedHtml ? 'The address leads to a web page, not to the file. Link straight to the file as dcat:downloadURL, or give the page as dcat:accessURL.' : `Correct the format in the catalogue to ${p.served}, or publish the file in the declared format ${p.declared}.` } },
  'not-machine-readable': { message: { sv: (p) => `Formatet ${p.format} är inte maskinläsbart.`, en: (p) => `The format ${p.format} is not machine-readable.` }, hint: { sv: 'Publicera uppgifterna även som strukturerad data, t.ex. CSV, JSON eller GeoJSON, så att de kan läsas av program.', en: 'Also publish the data as structured data, e.g. CSV, JSON or GeoJSON, so that programs can read it.' } },
  'proprietary-format': { message: { sv: (p) => `Formatet ${p.format} är proprietärt.`, en: (p) => `The format ${p.format} is proprietary.` }, hint: { sv: (p) => (p.fileType === 'SHP' ? 'Publicera även som GeoJSON eller GeoPackage, som är öppna format.' : 'Publicera även som CSV eller ODS, som är öppna format och läses av alla program.'), en: (p) => (p.fileType === 'SHP' ? 'Also publish as GeoJSON or GeoPackage, which are open formats.' : 'Also publish as CSV or ODS, which are open formats every program reads.') } },
  'size-mismatch': { message: { sv: (p) => `Angiven filstorlek är ${bytes('sv', p.declared)} men filen är ${bytes('sv', p.actual)}.`, en: (p) => `The declared size is ${bytes('en', p.declared)} but the file is ${bytes('en', p.actual)}.` }, hint: { sv: (p) => `Uppdatera dcat:byteSize till ${p.actual}, helst automatiskt när filen uppdateras.`, en: (p) => `Update dcat:byteSize to ${p.actual}, preferably automatically whenever the file is updated.` } },
  'unknown-specification': { message: { sv: (p) => `Ingen maskinläsbar specifikation hittades för ${p.specification}; filen kunde inte kontrolleras mot den.`, en: (p) => `No machine-readable specification was found for ${p.specification}; the file could not be checked against it.` }, hint: { sv: 'Kontrollera att dct:conformsTo pekar på specifikationens officiella URI. Regionen kan lägga till schemat i sin schemamapp.', en: "Check that dct:conformsTo gives the specification's official URI. The operator can add the schema to its schemas folder." } },
  'schema-error': { message: { sv: (p) => `Schemat för ${p.specification} (${p.origin}) kan inte användas: ${schemaProblem('sv', p)}`, en: (p) => `The schema for ${p.specification} (${p.origin}) cannot be used: ${schemaProblem('en', p)}` }, hint: { sv: 'Det är schemat, inte filen, som behöver rättas.', en: 'The schema, not the file, needs fixing.' } },
  'specification-not-applicable': { message: { sv: (p) => `Specifikationen ${p.specification} har ett schema för ${kindOf(p)}, men filen är ${fileKind(p)}; den kunde inte kontrolleras.`, en: (p) => `The specification ${p.specification} has a schema for ${kindOf(p)}, but the file is ${fileKind(p)}; it could not be checked.` }, hint: { sv: 'Publicera filen i den form specifikationen har ett schema för.', en: 'Publish the file in the form the specification has a schema for.' } },
})
