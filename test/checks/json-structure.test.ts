import { describe, expect, it } from 'vitest'
import { jsonStructureCheck } from '../../checks/json-structure.js'
import { targetWithContent, testContext } from './helpers/check-target.js'
import { said } from './helpers/said.js'

describe('json-structure check', () => {
  it('passes well-formed JSON and JSON Lines, and applies only to JSON content', async () => {
    expect(await jsonStructureCheck.run(await targetWithContent('ok.json', '[{"a": 1}]'), testContext())).toMatchObject({ status: 'pass', findings: [], facts: { jsonLines: false } })
    expect(await jsonStructureCheck.run(await targetWithContent('seq.json', '{"a": 1}\n{"a": 2}\n'), testContext())).toMatchObject({ status: 'pass', facts: { jsonLines: true } })
    expect(jsonStructureCheck.appliesTo(await targetWithContent('x.csv', 'a,b\n1,2\n'))).toBe(false)
  })

  it('fails broken JSON with format-error and where it broke, in Swedish and English', async () => {
    const target = await targetWithContent('broken.json', '{"a": [1, 2')
    expect(jsonStructureCheck.appliesTo(target)).toBe(true)
    const r = await jsonStructureCheck.run(target, testContext())
    expect(r.status).toBe('fail')
    expect(r.findings).toEqual([{ code: 'format-error', severity: 'error', params: { kind: 'json', position: expect.any(Number) } }])
    expect(r.findings[0]!.params!.position).toBeGreaterThan(5)
    expect(said(r.findings[0]).message).toMatch(/^Filen är inte giltig JSON \(fel vid tecken \d+\)\.$/)
    expect(said(r.findings[0], 'en').hint).toMatch(/valid JSON/)
  })
})
