import type { Check, CheckContext, CheckResult, CheckTarget, Finding } from '../../checks/types.js'

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
 */
export async function runChecks(target: CheckTarget, checks: readonly Check[], ctx: CheckContext): Promise<RanCheck[]> {
  const out: RanCheck[] = []
  for (const check of checks) {
    let applies: boolean
    try {
      applies = check.appliesTo(target)
    } catch (err) {
      out.push({ check, result: errorResult(check, err, ctx.lang) })
      continue
    }
    if (!applies) continue
    const started = performance.now()
    let result: CheckResult
    try {
      result = await check.run(target, ctx)
    } catch (err) {
      result = errorResult(check, err, ctx.lang)
    }
    const metrics = { ...(result.metrics ?? {}) }
    metrics.elapsedMs ??= Math.round(performance.now() - started)
    const findings = [...result.findings]
    if (target.content?.truncatedAtCap()) {
      metrics.truncatedAtCap = 1
      metrics.checkedBytes ??= target.content.bytesRead() ?? 0
      if (!findings.some((f) => f.code === 'checked-up-to-cap')) findings.push(capFinding(target.content.bytesRead() ?? 0, ctx.lang))
    }
    out.push({ check, result: { ...result, findings, metrics } })
  }
  return out
}

/** The finding that says a file was only checked up to the byte cap. */
export function capFinding(bytes: number, lang: 'sv' | 'en'): Finding {
  const mb = (bytes / 1_048_576).toFixed(0)
  return lang === 'sv'
    ? { code: 'checked-up-to-cap', severity: 'info', message: `Filen är större än gränsen; bara de första ${mb} MB kontrollerades.`, hint: 'Resultatet gäller filens början. Överväg att dela upp mycket stora filer.' }
    : { code: 'checked-up-to-cap', severity: 'info', message: `The file is larger than the limit; only the first ${mb} MB were checked.`, hint: 'The result covers the start of the file. Consider splitting very large files.' }
}

function errorResult(check: Check, err: unknown, lang: 'sv' | 'en'): CheckResult {
  const why = err instanceof Error ? err.message : String(err)
  return {
    status: 'unverified',
    findings: [
      {
        code: 'check-error',
        severity: 'info',
        message: lang === 'sv' ? `Kontrollen ${check.id} kunde inte köras: ${why}` : `The check ${check.id} could not run: ${why}`,
      },
    ],
  }
}
