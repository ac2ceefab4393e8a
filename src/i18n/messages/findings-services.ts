import { list } from '../format.js'
import { defineFindingMessages } from '../message.js'

/**
 * Finding texts of a data service's endpoint description (checks/endpoint-description.ts),
 * keyed by finding code. Params: `url`, `code` (why it could not be fetched), `contentType`,
 * `kind` (openapi, swagger, wsdl, ogc-capabilities, xml), `missing` (a list of keys),
 * `detail` (the parser's own words, or an OGC exception's text).
 */

/** The name of an API description's kind (`xml`: XML of no known kind): a proper name, the same in every language. */
const KIND_NAMES: Readonly<Record<string, string>> = { 'openapi': 'OpenAPI 3', 'swagger': 'Swagger 2', 'wsdl': 'WSDL', 'ogc-capabilities': 'OGC capabilities', 'xml': 'XML' }

/** The name of the description kind `kind` (the value itself when it has none); pages.ts names the kinds with it too. */
export function descriptionKind(kind: unknown): string {
  const k = String(kind ?? '')
  return Object.hasOwn(KIND_NAMES, k) ? KIND_NAMES[k] : k
}

const describeHint = { sv: 'Låt dcat:endpointDescription peka på en maskinläsbar beskrivning av API:et: en OpenAPI-fil (JSON eller YAML), en WSDL eller svaret på GetCapabilities.', en: "Point dcat:endpointDescription at a machine-readable description of the API: an OpenAPI file (JSON or YAML), a WSDL, or the GetCapabilities answer." }

export const serviceFindingMessages = defineFindingMessages({
  'endpoint-description-unreachable': { message: { sv: (p) => `API-beskrivningen ${p.url} gick inte att hämta (${p.code}).`, en: (p) => `The API description ${p.url} could not be fetched (${p.code}).` }, hint: { sv: 'Se till att adressen i dcat:endpointDescription svarar utan inloggning.', en: 'Make sure the address in dcat:endpointDescription answers without signing in.' } },
  'endpoint-description-empty': { message: { sv: 'API-beskrivningen är tom.', en: 'The API description is empty.' }, hint: describeHint },
  'endpoint-description-unknown': { message: { sv: (p) => `API-beskrivningen är varken OpenAPI, Swagger, WSDL eller OGC capabilities${p.contentType ? ` (den skickades som ${p.contentType})` : ''}.`, en: (p) => `The API description is neither OpenAPI, Swagger, WSDL nor OGC capabilities${p.contentType ? ` (it was sent as ${p.contentType})` : ''}.` }, hint: describeHint },
  'endpoint-description-invalid': { message: { sv: (p) => `API-beskrivningen ser ut som ${descriptionKind(p.kind)} men går inte att läsa: ${p.detail}`, en: (p) => `The API description looks like ${descriptionKind(p.kind)} but cannot be read: ${p.detail}` }, hint: { sv: 'Kontrollera filen med en validerare för formatet och rätta felet.', en: "Check the file with the format's validator and fix the error." } },
  'endpoint-description-incomplete': { message: { sv: (p) => `API-beskrivningen (${descriptionKind(p.kind)}) saknar ${list('sv', p.missing)}.`, en: (p) => `The API description (${descriptionKind(p.kind)}) lacks ${list('en', p.missing)}.` }, hint: { sv: 'Beskriv API:ets operationer (paths) och dess info-del.', en: "Describe the API's operations (paths) and its info section." } },
  'endpoint-description-ogc-exception': { message: { sv: (p) => `Tjänsten svarade med ett OGC-felmeddelande i stället för capabilities${p.detail ? `: ${p.detail}` : ''}.`, en: (p) => `The service answered an OGC exception instead of its capabilities${p.detail ? `: ${p.detail}` : ''}.` }, hint: { sv: 'Kontrollera att GetCapabilities fungerar för tjänsten.', en: 'Check that GetCapabilities works for the service.' } },
})
