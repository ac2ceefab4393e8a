/**
 * The budgets `jsonNesting` and `schemaBytes` (src/domain/budgets.ts) are enforced:
 * a JSON document nested deeper than `jsonNesting` is a `nesting-too-deep` finding (before
 * it is parsed, so no validator recursion meets it), and a schema larger than
 * `schemaBytes` is not read (the specification counts as unknown).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { conformanceCheck } from '../../checks/conformance.js'
import { jsonStructureCheck } from '../../checks/json-structure.js'
import { createSchemaRegistry } from '../../checks/schema-registry.js'
import { nestsDeeperThan } from '../../checks/table-schema/validate-json.js'
import { defaultConfig } from '../../src/config/config.js'
import { runChecks } from '../../src/content/run-checks.js'
import { budgetsWith, DEFAULT_BUDGETS } from '../../src/domain/budgets.js'
import { createFetchEngine } from '../../src/fetch/create-fetch-engine.js'
import { describeFinding } from '../../src/i18n/catalogue.js'
import { targetWithContent, testContext } from '../checks/helpers/check-target.js'

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n)

describe('jsonNesting', () => {
  it('counts brackets outside strings only', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false)
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true)
    expect(nestsDeeperThan('{"a":"[[[[[\\"[[[["}', 1)).toBe(false)
  })

  it('a document deeper than the budget is nesting-too-deep; at the budget it is checked', async () => {
    const ctx = { ...testContext({ lang: 'en' }), budgets: budgetsWith({ jsonNesting: 5 }) }
    const tooDeep = await targetWithContent('deep6.json', `{"a":${deep(5)}}`)
    const atLimit = await targetWithContent('deep5.json', `{"a":${deep(4)}}`)
    const [a] = await runChecks(tooDeep, [jsonStructureCheck], ctx)
    expect(a!.result.status).toBe('fail')
    expect(a!.result.findings).toEqual([{ code: 'nesting-too-deep', severity: 'error', params: { kind: 'json', limit: 5 } }])
    expect(describeFinding(a!.result.findings[0]!, 'en').message).toMatch(/deeper than 5 levels/)
    expect(describeFinding(a!.result.findings[0]!, 'sv').message).toMatch(/djupare än 5 nivåer/)
    const [b] = await runChecks(atLimit, [jsonStructureCheck], ctx)
    expect(b!.result).toMatchObject({ status: 'pass', findings: [] })
  })

  it('by default, 100,000 levels are refused before any parser or validator meets them', async () => {
    const target = await targetWithContent('deep.json', deep(100_000), { conformsTo: ['urn:schema'] })
    const schema = { kind: 'json-schema' as const, origin: 'test', schema: { type: 'array', items: { $ref: '#' } } }
    const ctx = testContext({ lang: 'en', schemas: { 'urn:schema': schema } })
    const ran = await runChecks(target, [jsonStructureCheck, conformanceCheck], ctx)
    expect(ran.map((r) => [r.check.id, r.result.status, r.result.findings.map((f) => f.code)])).toEqual([
      ['json-structure', 'fail', ['nesting-too-deep']],
      ['conformance', 'unverified', []],
    ])
    expect(ran[0]!.result.findings[0]!.params).toMatchObject({ limit: DEFAULT_BUDGETS.jsonNesting })
  })
})

describe('schemaBytes', () => {
  let server: Server
  let base: string
  const schema = JSON.stringify({ fields: [{ name: 'id', type: 'integer', description: 'x'.repeat(3000) }] })
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(schema))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((r) => server.close(r))
  })

  it('a schema larger than the budget is not read: the specification counts as unknown', async () => {
    const engine = createFetchEngine(defaultConfig.http, { allowPrivateNetworks: true })
    try {
      const registry = (maxBytes?: number) => createSchemaRegistry({ fetchDocument: (u, o) => engine.fetchDocument(u, o), bundledDir: '/nonexistent', maxBytes })
      expect(await registry(budgetsWith({ schemaBytes: 1000 }).schemaBytes).resolveSchema(`${base}/s.json`)).toBeNull()
      expect((await registry().resolveSchema(`${base}/s.json`))?.kind).toBe('table-schema')
      const small = registry(budgetsWith({ schemaBytes: 1000 }).schemaBytes)
      const target = await targetWithContent('ok.csv', 'id\n1\n', { conformsTo: [`${base}/s.json`] })
      const [ran] = await runChecks(target, [conformanceCheck], testContext({ resolveSchema: (u) => small.resolveSchema(u) }))
      expect(ran!.result.findings.map((f) => f.code)).toEqual(['unknown-specification'])
    } finally {
      await engine.close()
    }
  })
})
