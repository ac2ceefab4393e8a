import { describe, expect, it } from 'vitest'
import {
  initialAlertState,
  nextAlertState,
  reminderDue,
  type AlertEvent,
  type AlertPolicy,
  type ProblemKind,
  type Verdict,
} from '../../src/alerts/alert-policy.js'
import { defaultConfig } from '../../src/config/config.js'

/**
 * The default thresholds, read from their one home: content opens after 2 bad days, a
 * harvest after 1 failure, 2 good checks resolve, reminders every 7 days, 3 bad checks in
 * 7 days open an intermittent alert. The cases below are written for these numbers.
 */
const policy: AlertPolicy = defaultConfig.alerts

const T0 = Date.parse('2026-12-01T03:00:00Z')
const H = 3_600_000

/** A step: hours after T0, the verdict, and for availability whether the state machine says broken. */
type Step = [hours: number, verdict: Verdict, brokenNow?: boolean]

function run(kind: ProblemKind, steps: Step[]) {
  let s = initialAlertState()
  const events: (AlertEvent | null)[] = []
  for (const [h, verdict, brokenNow] of steps) {
    const r = nextAlertState(s, kind, { at: new Date(T0 + h * H), verdict, brokenNow }, policy)
    s = r.next
    events.push(r.event)
  }
  return { state: s, events: events.filter((e) => e !== null), all: events }
}

describe('nextAlertState', () => {
  it.each<[string, ProblemKind, Step[], AlertEvent[], boolean]>([
    ['content: one bad day opens nothing', 'content', [[0, 'bad'], [24, 'good']], [], false],
    ['content: two consecutive bad days open', 'content', [[0, 'bad'], [24, 'bad']], ['opened'], true],
    ['content: two bad checks on one day count once', 'content', [[0, 'bad'], [2, 'bad']], [], false],
    ['content: bad, good, bad is not consecutive', 'content', [[0, 'bad'], [24, 'good'], [48, 'bad']], [], false],
    ['content: resolves after two good checks', 'content', [[0, 'bad'], [24, 'bad'], [48, 'good'], [72, 'good']], ['opened', 'resolved'], false],
    ['content: one good check does not resolve', 'content', [[0, 'bad'], [24, 'bad'], [48, 'good']], ['opened'], true],
    ['availability: opens only when the broken rule says so', 'availability', [[0, 'bad', false], [6, 'bad', false], [24, 'bad', true]], ['opened'], true],
    ['availability: a failing probe that is not broken opens nothing', 'availability', [[0, 'bad', false], [6, 'bad', false]], [], false],
    ['harvest: the first failed harvest opens', 'harvest', [[0, 'bad']], ['opened'], true],
    ['unverified never opens', 'content', [[0, 'unverified'], [24, 'unverified'], [48, 'unverified'], [72, 'unverified']], [], false],
    ['unverified never resolves', 'content', [[0, 'bad'], [24, 'bad'], [48, 'unverified'], [72, 'unverified'], [96, 'unverified']], ['opened'], true],
    ['unverified between two bad days keeps the run', 'content', [[0, 'bad'], [12, 'unverified'], [24, 'bad']], ['opened'], true],
  ])('%s', (_name, kind, steps, events, open) => {
    const r = run(kind, steps)
    expect(r.events).toEqual(events)
    expect(r.state.open).toBe(open)
  })

  it('keeps "since when" at the first bad check of the run', () => {
    const r = run('content', [[0, 'bad'], [24, 'bad'], [48, 'bad']])
    expect(r.state.badSince).toEqual(new Date(T0))
    expect(r.state.openedAt).toEqual(new Date(T0 + 24 * H))
  })

  it('flapping availability (never three in a row) opens one intermittent alert, not a storm', () => {
    const steps: Step[] = []
    for (let d = 0; d < 14; d++) steps.push([d * 24, d % 2 === 0 ? 'bad' : 'good', false])
    const r = run('availability', steps)
    expect(r.events).toEqual(['opened'])
    expect(r.state.intermittent).toBe(true)
    expect(r.state.open).toBe(true)
  })

  it('an intermittent alert resolves only after a quiet flap window', () => {
    const steps: Step[] = [[0, 'bad', false], [24, 'good'], [48, 'bad', false], [72, 'good'], [96, 'bad', false]]
    for (let d = 5; d <= 12; d++) steps.push([d * 24, 'good'])
    const r = run('availability', steps)
    expect(r.events).toEqual(['opened', 'resolved'])
    // opened on day 4; resolved on the first good day with no bad check in the last 7 days (day 11)
    const resolvedAt = r.state.resolvedAt!.getTime()
    expect((resolvedAt - T0) / (24 * H)).toBe(11)
  })

  it('an open alert that recovers once and breaks again turns intermittent, without a new event', () => {
    const r = run('content', [[0, 'bad'], [24, 'bad'], [48, 'good'], [72, 'bad']])
    expect(r.events).toEqual(['opened'])
    expect(r.state.intermittent).toBe(true)
  })

  it('breaking again soon after resolving reopens as intermittent', () => {
    const r = run('content', [[0, 'bad'], [24, 'bad'], [48, 'good'], [72, 'good'], [96, 'bad']])
    expect(r.events).toEqual(['opened', 'resolved', 'opened'])
    expect(r.state.intermittent).toBe(true)
  })
})

describe('reminderDue', () => {
  const open = { ...initialAlertState(), open: true, openedAt: new Date(T0) }
  it.each<[string, number | null, number, boolean]>([
    ['not yet told, opened long ago', null, 8 * 24, true],
    ['told 6 days ago', 0, 6 * 24, false],
    ['told 7 days ago', 0, 7 * 24, true],
  ])('%s', (_n, notifiedH, nowH, due) => {
    const notified = notifiedH === null ? null : new Date(T0 + notifiedH * H)
    expect(reminderDue(open, notified, new Date(T0 + nowH * H), policy)).toBe(due)
  })
  it('a closed alert is never due', () => {
    expect(reminderDue(initialAlertState(), null, new Date(T0 + 100 * 24 * H), policy)).toBe(false)
  })
})
