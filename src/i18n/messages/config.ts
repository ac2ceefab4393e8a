import { defineMessages } from '../message.js'

const TYPE_SV: Record<string, string> = {
  integer: 'ett heltal',
  number: 'ett tal',
  string: 'en textsträng',
  boolean: 'true eller false',
  array: 'en lista',
  object: 'ett objekt',
  null: 'null',
}
const TYPE_EN: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
}

/** The JSON types a value may have (`type`: one, or a list for a union type), in words: "a string or null". */
const typesIn = (words: Record<string, string>, locale: string, type: unknown) =>
  new Intl.ListFormat(locale, { type: 'disjunction' }).format(([] as unknown[]).concat(type).map((t) => words[String(t)] ?? String(t)))

/**
 * Texts of configuration errors, keyed by a stable dotted key starting with "config.".
 * `config.invalid` heads a list of problems, each `config.problem.*` said after its JSON
 * path ("/sources/0/kind: ...").
 */
export const configMessages = defineMessages('config', {
  'config.invalid': { sv: (p) => (p.origin ? `Ogiltig konfiguration i ${p.origin}:` : 'Ogiltig konfiguration:'), en: (p) => (p.origin ? `Invalid configuration in ${p.origin}:` : 'Invalid configuration:') },
  'config.not-found': { sv: (p) => `Konfigurationsfilen finns inte: ${p.path} (från ${p.namedBy})`, en: (p) => `Configuration file not found: ${p.path} (from ${p.namedBy})` },
  'config.unreadable': { sv: (p) => `Konfigurationsfilen ${p.path} kan inte läsas (${p.reason})`, en: (p) => `Cannot read the configuration file ${p.path} (${p.reason})` },
  'config.not-json': { sv: (p) => `${p.path} är inte giltig JSON${p.line ? ` (rad ${p.line}, kolumn ${p.column})` : p.end ? ' (filen tar slut för tidigt)' : ''}`, en: (p) => `${p.path} is not valid JSON${p.line ? ` (line ${p.line}, column ${p.column})` : p.end ? ' (the file ends too early)' : ''}` },
  'config.problem.unknown-key': { sv: (p) => `okänd nyckel "${p.key}"`, en: (p) => `unknown key "${p.key}"` },
  'config.problem.one-of': { sv: (p) => `ska vara ${new Intl.ListFormat('sv-SE', { type: 'disjunction' }).format((p.values as string[]).map(String))}`, en: (p) => `must be one of ${(p.values as string[]).join(', ')}` },
  'config.problem.missing-key': { sv: (p) => `nyckeln "${p.key}" saknas`, en: (p) => `missing required key "${p.key}"` },
  'config.problem.type': { sv: (p) => `ska vara ${typesIn(TYPE_SV, 'sv-SE', p.type)}`, en: (p) => `must be ${typesIn(TYPE_EN, 'en', p.type)}` },
  'config.problem.limit': { sv: (p) => `ska vara ${p.comparison} ${p.limit}`, en: (p) => `must be ${p.comparison} ${p.limit}` },
  'config.problem.pattern': { sv: (p) => `ska följa mönstret ${p.pattern}`, en: (p) => `must match the pattern ${p.pattern}` },
  'config.problem.link-secret': { sv: 'saknas: utan en hemlighet (minst 32 tecken) att signera avregistreringslänkarna med skickas inga aviseringar', en: 'is missing: without a secret (at least 32 characters) to sign the unsubscribe links, no alerts are sent' },
  'config.problem.empty': { sv: 'får inte vara tom', en: 'must not be empty' },
  'config.problem.other': { sv: (p) => `ogiltigt värde (${p.keyword})`, en: (p) => `invalid value (${p.keyword})` },
  'config.problem.duplicate-source': { sv: (p) => `källan "${p.id}" finns redan`, en: (p) => `duplicate source id "${p.id}"` },
  'config.problem.timezone': { sv: (p) => `"${p.value}" är ingen känd tidszon (till exempel Europe/Stockholm)`, en: (p) => `"${p.value}" is not a known time zone (for example Europe/Stockholm)` },
  'config.problem.cron': { sv: (p) => `"${p.value}" är inget giltigt cron-mönster (till exempel "0 2 * * *": klockan 02:00 varje dag)`, en: (p) => `"${p.value}" is not a valid cron pattern (for example "0 2 * * *": at 02:00 every day)` },
})
