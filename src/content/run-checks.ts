import type { Check, CheckContext, CheckResult, CheckTarget, Finding } from '../../checks/types.js'
import { DEFAULT_BUDGETS } from '../domain/budgets.js'
import type { ParamValue } from '../domain/finding.js'
import { DatavaktError } from '../i18n/datavakt-error.js'
import { runCheck } from './isolated-checks.js'
import { recordCheck } from '../telemetry/instruments.js'
import { inSpan, SPANS } from '../telemetry/spans.js'

/** One check and what it returned. */
export interface RanCheck {
  check: Check
  result: CheckResult
}

/**
 * Runs every check that applies to the target, one after the other (they share one spooled
 * body, and running them in turn keeps memory flat), and returns their results. A check that
 * throws (it could not run) does not stop the others: its result is `unverified` with a
 * `check-error` finding, so it never counts as broken. When the body was cut at the byte cap,
 * every result that had the body gets an info finding `checked-up-to-cap` (unless the check
 * said so itself) and the metric `truncatedAtCap`.
 *
 * The file's checks together have one deadline (budget `fileChecksDeadlineMs`): a check
 * still waiting when it passes (a trickling schema server, a stalled stream) is
 * `unverified` with a `timeout` finding, as is every check after it, and the run goes on.
 * A check that reads the file's bytes runs in a worker thread (isolated-checks.ts): if it
 * exhausts its heap or crashes, its result says so and the next check runs.
 */
export async function runChecks(target: CheckTarget, checks: readonly Check[], ctx: CheckContext): Promise<RanCheck[]> {
  const out: RanCheck[] = []
  const deadline = performance.now() + (ctx.budgets?.fileChecksDeadlineMs ?? DEFAULT_BUDGETS.fileChecksDeadlineMs)
  for (const check of checks) {
    let applies: boolean
    try {
      applies = check.appliesTo(target)
    } catch (err) {
      out.push({ check, result: errorResult(check, err) })
      continue
    }
    if (!applies) continue
    const started = performance.now()
    const result = await inSpan(SPANS.check, { check: check.id }, async (span) => {
      let r: CheckResult
      try {
        r = await withDeadline(runCheck(check, target, ctx, deadline), deadline - started, check)
      } catch (err) {
        r = errorResult(check, err)
      }
      span.setAttribute('outcome', r.status)
      recordCheck(check.id, r.status, performance.now() - started)
      return r
    })
    const metrics = { ...(result.metrics ?? {}) }
    metrics.elapsedMs ??= Math.round(performance.now() - started)
    const findings = [...result.findings]
    if (target.content?.truncatedAtCap()) {
      metrics.truncatedAtCap = 1
      metrics.checkedBytes ??= target.content.bytesRead() ?? 0
      if (!findings.some((f) => f.code === 'checked-up-to-cap')) findings.push(capFinding(target.content.bytesRead() ?? 0))
    }
    out.push({ check, result: { ...result, findings, metrics } })
  }
  return out
}

/** The finding that says a file was only checked up to the byte cap. */
function capFinding(bytes: number): Finding {
  return { code: 'checked-up-to-cap', severity: 'info', params: { bytes } }
}

/** The check's result, or `timeout` (unverified) once the file's deadline has passed. */
async function withDeadline(run: Promise<CheckResult>, ms: number, check: Check): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve(timeoutResult(check)), Math.max(0, ms))
  })
  // A check that fails after its deadline has nobody left to tell.
  run.catch(() => {})
  try {
    return await Promise.race([run, late])
  } finally {
    clearTimeout(timer)
  }
}

function timeoutResult(check: Check): CheckResult {
  return {
    status: 'unverified',
    findings: [{ code: 'check-timeout', severity: 'info', params: { checkId: check.id } }],
  }
}

/**
 * A check that could not run: its id and, for a DatavaktError, the error's code and params
 * (its words in the reader's language come from the catalogue); any other error is named
 * only by its class (its English words stay in `detail`, for whoever runs datavakt).
 */
function errorResult(check: Check, err: unknown): CheckResult {
  const params: Record<string, ParamValue> = { checkId: check.id }
  if (err instanceof DatavaktError) {
    for (const [k, v] of Object.entries(err.params)) if (v !== undefined && k !== 'checkId') params[k] = v
    params.errorCode = err.code
  } else {
    params.error = err instanceof Error ? err.name : typeof err
    // Kept for whoever runs datavakt (API, database); the catalogue's words do not show it.
    if (err instanceof Error) params.detail = err.message
  }
  return { status: 'unverified', findings: [{ code: 'check-error', severity: 'info', params }] }
}
