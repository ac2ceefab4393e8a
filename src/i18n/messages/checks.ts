import { defineMessages } from '../message.js'

/** Texts of the checks as operations: schema and registry errors, spool errors, keyed by a stable dotted key starting with "checks.". */
export const checksMessages = defineMessages('checks', {
  // The schema registry (an operator's folder of schemas): an operational problem, not bad data.
  'checks.schema-registry.index-not-json': { sv: (p) => `${p.path} är inte giltig JSON`, en: (p) => `${p.path} is not valid JSON` },
  'checks.schema-registry.schema-not-json': { sv: (p) => `${p.path} (angiven för ${p.specification}) kan inte läsas som JSON`, en: (p) => `${p.path} (listed for ${p.specification}) cannot be read as JSON` },

  // A Table Schema (or CSVW metadata) datavakt cannot check against.
  'checks.table-schema.no-fields': { sv: 'ett Table Schema behöver en "fields"-lista med objekt som har ett "name"', en: 'a Table Schema needs a "fields" array of objects with a "name"' },
  'checks.table-schema.primary-key-unknown': { sv: (p) => `primaryKey anger ett okänt fält "${p.name}"`, en: (p) => `primaryKey names an unknown field "${p.name}"` },
  'checks.table-schema.fields-match-unknown': { sv: (p) => `okänt värde för fieldsMatch: "${p.value}"`, en: (p) => `unknown fieldsMatch "${p.value}"` },
  'checks.table-schema.foreign-key-arity': { sv: 'en främmande nyckel behöver lika många fält som referensfält', en: 'a foreign key needs as many fields as reference fields' },
  'checks.table-schema.foreign-key-unknown': { sv: (p) => `en främmande nyckel anger ett okänt fält "${p.name}"`, en: (p) => `foreign key names an unknown field "${p.name}"` },
  'checks.table-schema.field-no-name': { sv: (p) => `fält ${p.n} saknar namn`, en: (p) => `field ${p.n} has no name` },
  'checks.table-schema.unknown-type': { sv: (p) => `fältet "${p.name}": okänd typ ${p.type}`, en: (p) => `field "${p.name}": unknown type ${p.type}` },
  'checks.table-schema.constraint-not-of-type': { sv: (p) => `fältet "${p.name}": ${p.constraint} ${p.value} är inte av typen ${p.type}`, en: (p) => `field "${p.name}": ${p.constraint} ${p.value} is not a ${p.type}` },
  'checks.table-schema.unsupported-format': { sv: (p) => `formatet "${p.format}" för ${p.kind} stöds inte`, en: (p) => `unsupported ${p.kind} format "${p.format}"` },
  'checks.table-schema.pattern-too-long': { sv: (p) => `fältet "${p.name}": mönstret är längre än ${p.limit} tecken`, en: (p) => `field "${p.name}": pattern longer than ${p.limit} characters` },
  'checks.table-schema.pattern-unsafe': { sv: (p) => `fältet "${p.name}": mönstret ${p.pattern} kan inte köras med en motor i linjär tid (till exempel lookaround eller bakåtreferenser)`, en: (p) => `field "${p.name}": pattern ${p.pattern} cannot run on a linear-time engine (lookaround or backreferences, for example)` },
  'checks.table-schema.csvw-no-table-schema': { sv: 'inte CSVW-metadata: tableSchema saknas', en: 'not CSVW metadata: no tableSchema' },
  'checks.table-schema.csvw-linked-table-schema': { sv: 'CSVW-metadatans tableSchema är en länk; datavakt läser bara kolumner som anges direkt', en: 'the CSVW tableSchema is a link; datavakt reads only inline column definitions' },
  'checks.table-schema.csvw-no-columns': { sv: 'CSVW-metadatans tableSchema har inga kolumner', en: 'the CSVW tableSchema has no columns' },

  // A schema pattern the linear-time engine (RE2) cannot run.
  'checks.pattern.too-long': { sv: (p) => `mönstret är längre än ${p.limit} tecken`, en: (p) => `pattern longer than ${p.limit} characters` },
  'checks.pattern.unsafe': { sv: (p) => `mönstret ${p.pattern} kan inte köras med en motor i linjär tid (till exempel lookaround eller bakåtreferenser)`, en: (p) => `pattern ${p.pattern} cannot run on a linear-time engine (lookaround or backreferences, for example)` },

  // A JSON Schema ajv cannot compile; `detail` is ajv's own words about the schema.
  'checks.json-schema.not-object': { sv: 'ett JSON Schema måste vara ett objekt', en: 'a JSON Schema must be an object' },
  'checks.json-schema.cannot-compile': { sv: (p) => `JSON Schemat kan inte kompileras: ${p.detail}`, en: (p) => `the JSON Schema cannot be compiled: ${p.detail}` },

  // The spool (the temp file a download is kept in for the content checks): operational.
  'checks.spool.cannot-create-folder': { sv: (p) => `Kan inte skapa en mapp för den nedladdade filen: ${p.reason}`, en: (p) => `Cannot create a spool folder: ${p.reason}` },
  'checks.spool.cannot-create-file': { sv: (p) => `Kan inte skapa en fil för den nedladdade filen: ${p.reason}`, en: (p) => `Cannot create a spool file: ${p.reason}` },
  'checks.spool.cannot-write': { sv: (p) => `Kan inte skriva den nedladdade filen: ${p.reason}`, en: (p) => `Cannot write the spool file: ${p.reason}` },
  'checks.spool.disposed': { sv: 'Den nedladdade filen har redan tagits bort', en: 'The content source has been disposed' },
})
