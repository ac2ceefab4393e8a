/**
 * The conformance check: CSV against Table Schema / CSVW (via ctx.resolveSchema), JSON and
 * GeoJSON against JSON Schema draft-07 and 2020-12, unknown specifications, unusable schemas.
 */
import { describe, expect, it } from 'vitest'
import { conformanceCheck } from '../../checks/conformance.js'
import { csvwToTableSchema } from '../../checks/table-schema/csvw-to-table-schema.js'
import { validateJson } from '../../checks/table-schema/validate-json.js'
import type { ResolvedSchema } from '../../checks/types.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { targetWithContent, testContext } from './helpers/check-target.js'
import { said } from './helpers/said.js'

const SPEC = 'https://dataportal.se/specifications/badplatser/1.0'
const tableSpec: ResolvedSchema = {
  kind: 'table-schema',
  origin: 'test',
  schema: csvwToTableSchema({ tableSchema: { columns: [{ name: 'place_id', required: true }, { name: 'latitude', datatype: 'decimal', required: true }, { name: 'toilet', datatype: 'boolean' }] } }),
}
const draft07: ResolvedSchema = {
  kind: 'json-schema',
  origin: 'test',
  schema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'array',
    items: { type: 'object', required: ['place_id', 'latitude'], properties: { place_id: { type: 'string' }, latitude: { type: 'number' }, email: { type: 'string', format: 'email' } } },
  },
}
const geo2020: ResolvedSchema = {
  kind: 'json-schema',
  origin: 'test',
  schema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['type', 'features'],
    properties: {
      type: { const: 'FeatureCollection' },
      features: { type: 'array', prefixItems: [{ type: 'object', required: ['geometry'] }], items: { type: 'object', required: ['geometry', 'properties'] } },
    },
  },
}

describe('conformance check: CSV', () => {
  it('applies only when the file claims a specification', async () => {
    expect(conformanceCheck.appliesTo(await targetWithContent('a.csv', 'a,b\n1,2\n'))).toBe(false)
    expect(conformanceCheck.appliesTo(await targetWithContent('a.csv', 'a,b\n1,2\n', { datasetConformsTo: [SPEC] }))).toBe(true)
  })

  it('passes a conforming file', async () => {
    const target = await targetWithContent('ok.csv', 'place_id,latitude,toilet\n1477-Hattarevik,58.787,true\n', { conformsTo: [SPEC] })
    const r = await conformanceCheck.run(target, testContext({ schemas: { [SPEC]: tableSpec } }))
    expect(r).toMatchObject({ status: 'pass', findings: [], facts: { specification: SPEC, schemaKind: 'table-schema' } })
  })

  it('reports added columns as extra-label and bad values, but not structure errors (csv-structure owns those)', async () => {
    const csv = 'place_id,latitude,toilet,image_url\n1,"58,787",ja,x\n2,58.1,true,y,EXTRA\n'
    const target = await targetWithContent('bad.csv', csv, { datasetConformsTo: [SPEC] })
    const r = await conformanceCheck.run(target, testContext({ schemas: { [SPEC]: tableSpec } }))
    expect(r.status).toBe('fail')
    expect(r.findings.map((f) => [f.code, f.location?.rowNumber ?? f.location?.rowNumbers, f.location?.fieldNumber])).toEqual([
      ['extra-label', [1], 4],
      ['type-error', 2, 2],
      ['type-error', 2, 3],
    ])
    expect(said(r.findings[0]).hint).toMatch(/får inte lägga till egna kolumner/)
  })

  it('an unknown specification is info and skipped, never a failure', async () => {
    const target = await targetWithContent('x.csv', 'a\n1\n', { conformsTo: ['https://example.org/spec/unknown'] })
    const r = await conformanceCheck.run(target, testContext())
    expect(r.status).toBe('skipped')
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['unknown-specification', 'info']])
  })

  it('an unusable schema fails the file with a schema-error: it cannot be valid against it', async () => {
    const target = await targetWithContent('x.csv', 'a\n1\n', { conformsTo: [SPEC] })
    const broken: ResolvedSchema = { kind: 'table-schema', origin: 'test', schema: { fields: [{ name: 'a', constraints: { pattern: '(' } }] } }
    const r = await conformanceCheck.run(target, testContext({ schemas: { [SPEC]: broken } }))
    expect(r.status).toBe('fail')
    expect(r.findings[0]!).toMatchObject({ code: 'schema-error', severity: 'error', params: { error: 'checks.table-schema.pattern-unsafe', name: 'a' } })
    // The reason is the compiler's code, so it reads in the reader's language.
    expect(describeFinding(r.findings[0]!, 'sv').message).toMatch(/kan inte användas: fältet "a": mönstret "\(" kan inte köras/)
    expect(describeFinding(r.findings[0]!, 'en').message).toMatch(/cannot be used: field "a": pattern "\(" cannot run/)
  })
})

describe('conformance check: JSON and GeoJSON with ajv', () => {
  it('validates JSON against a draft-07 schema, with JSON pointers', async () => {
    const good = await targetWithContent('ok.json', JSON.stringify([{ place_id: 'a', latitude: 58.7 }]), { conformsTo: [SPEC] })
    expect((await conformanceCheck.run(good, testContext({ schemas: { [SPEC]: draft07 } }))).status).toBe('pass')
    // The Badplatser appendix example serialises numbers as strings: a real defect.
    const bad = await targetWithContent('bad.json', JSON.stringify([{ place_id: '1477-Hattarevik', latitude: '58.787', email: 'nope' }, {}]), { conformsTo: [SPEC] })
    const r = await conformanceCheck.run(bad, testContext({ schemas: { [SPEC]: draft07 } }))
    expect(r.status).toBe('fail')
    expect(r.facts?.jsonSchemaDraft).toBe('draft-07')
    const pointers = r.findings.map((f) => f.location?.pointer).sort()
    expect(pointers).toEqual(['/0/email', '/0/latitude', '/1', '/1'])
    expect(r.findings.every((f) => f.code === 'json-schema-error' && said(f).message.startsWith('Dokumentet följer inte'))).toBe(true)
  })

  it('validates GeoJSON against a 2020-12 schema (prefixItems is 2020-12 only)', async () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null }, { type: 'Feature', geometry: null }] }
    const target = await targetWithContent('a.geojson', JSON.stringify(fc), { conformsTo: [SPEC] })
    const r = await conformanceCheck.run(target, testContext({ schemas: { [SPEC]: geo2020 } }))
    expect(r.facts?.jsonSchemaDraft).toBe('2020-12')
    // The first feature is governed by prefixItems (geometry only); the second by items.
    expect(r.findings.map((f) => [f.location?.pointer, said(f, 'en').message])).toEqual([['/features/1', expect.stringContaining('properties')]])
  })

  it('leaves unparsable JSON to json-structure (unverified) and reports a CSV schema for a JSON file as not applicable', async () => {
    const target = await targetWithContent('broken.json', '{"a": [1, 2', { conformsTo: [SPEC] })
    const r = await conformanceCheck.run(target, testContext({ schemas: { [SPEC]: draft07 } }))
    // Well-formedness is json-structure's finding; conformance could not check the content.
    expect(r).toMatchObject({ status: 'unverified', findings: [] })
    const r2 = await conformanceCheck.run(target, testContext({ schemas: { [SPEC]: tableSpec } }))
    expect(r2.status).toBe('skipped')
    expect(r2.findings.map((f) => [f.code, f.severity])).toEqual([['specification-not-applicable', 'info']])
  })

  it('caps the number of JSON errors at the error limit and says so', async () => {
    const many = JSON.stringify(Array.from({ length: 50 }, () => ({})))
    const r = await validateJson(
      (async function* () {
        yield Buffer.from(many)
      })(),
      draft07.schema,
      { errorLimit: 10 },
    )
    expect(r.errors).toHaveLength(10)
    expect(r.limitReached).toBe(true)
  })
})
