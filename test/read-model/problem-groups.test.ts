import { describe, expect, it } from 'vitest'
import { groupProblems, pageOf } from '../../src/read-model/problem-groups.js'
import type { Problem } from '../../src/read-model/problems.js'

function problem(distribution: string, code: string, gain: number, severity: Problem['severity'] = 'warning'): Problem {
  return {
    dimension: 'availability',
    checkId: 'availability',
    code,
    severity,
    count: 1,
    pointsLost: gain,
    pointsToGain: gain,
    totalPointsToGain: gain,
    distributionIri: distribution,
    datasetIri: 'urn:ds',
    datasetTitle: 'ds',
    organisationIri: 'urn:org',
    url: null,
  }
}

describe('groupProblems', () => {
  it('makes one group per cause, counting distinct files and summing the points to gain, worst group first', () => {
    const groups = groupProblems([
      problem('urn:d1', 'http-404', 10, 'error'),
      problem('urn:d2', 'http-404', 10, 'error'),
      problem('urn:d3', 'timeout', 25),
      problem('urn:d1', 'timeout', 1),
      problem('urn:d1', 'timeout', 1, 'error'),
    ])
    expect(groups.map((g) => [g.code, g.files, g.totalPointsToGain, g.severity, g.problems.length])).toEqual([
      ['timeout', 2, 27, 'error', 3],
      ['http-404', 2, 20, 'error', 2],
    ])
  })

  it('keeps causes of different checks apart', () => {
    const other = { ...problem('urn:d1', 'http-404', 5), checkId: 'links' }
    expect(groupProblems([problem('urn:d1', 'http-404', 5), other])).toHaveLength(2)
  })
})

describe('pageOf', () => {
  const items = Array.from({ length: 45 }, (_, i) => i)
  it('cuts a list into pages counted from 1, and says where the page stands', () => {
    expect(pageOf(items, 1, 20)).toMatchObject({ page: 1, pages: 3, total: 45, from: 1, to: 20 })
    expect(pageOf(items, 3, 20)).toMatchObject({ items: [40, 41, 42, 43, 44], page: 3, from: 41, to: 45 })
  })
  it('clamps a page out of range or not a number', () => {
    expect(pageOf(items, 9, 20).page).toBe(3)
    expect(pageOf(items, -2, 20).page).toBe(1)
    expect(pageOf(items, Number('x'), 20).page).toBe(1)
    expect(pageOf([], 1, 20)).toMatchObject({ items: [], page: 1, pages: 1, from: 0, to: 0 })
  })
})
