/**
 * dashboards/grafana/datavakt.json as the tests read it, and the metric names on both sides:
 * what a /metrics scrape serves, what a panel's PromQL asks for. Shared by the dashboard's
 * own test (the demo's web app) and the worker's (its own /metrics).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Panel {
  title: string
  gridPos: { h: number; w: number; x: number; y: number }
  datasource: { type: string; uid: string }
  targets: { refId: string; expr: string; datasource: { type: string } }[]
}

export const dashboard = JSON.parse(readFileSync(join(import.meta.dirname, '../../dashboards/grafana/datavakt.json'), 'utf8')) as {
  uid: string
  title: string
  templating: { list: { name: string; type: string }[] }
  panels: Panel[]
}

/** Every sample name in a Prometheus text exposition. */
export function servedNames(text: string): Set<string> {
  return new Set(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)![0]))
}

/** The metric names a PromQL expression names (identifiers followed by a selector, a range or the end; not functions, labels or keywords). */
export function queriedNames(expr: string): string[] {
  const withoutLabels = expr.replace(/\{[^}]*\}/g, '{}').replace(/\b(by|without)\s*\([^)]*\)/g, '')
  const keywords = new Set(['on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless'])
  return [...withoutLabels.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((m) => m[1]!).filter((n) => !keywords.has(n))
}

/** Every metric name a panel's queries name. */
export function panelNames(p: Panel): string[] {
  return p.targets.flatMap((target) => queriedNames(target.expr))
}
