/**
 * The `encoding` check: is the text valid UTF-8? Streams the whole body once.
 *
 * Finding codes:
 * - `encoding-error` (error): not UTF-8. Names the likely encoding (Windows-1252 or
 *   ISO-8859-1, the usual failure with å ä ö; or UTF-16), the first bad byte and line,
 *   and says how to fix it: "spara filen som UTF-8". The other checks decode the file
 *   with the guessed encoding (iconv-lite) so they can still judge it.
 * - `byte-order-mark` (info): a UTF-8 BOM at the start. Allowed, but some tools show it
 *   as stray characters in the first column name.
 *
 * Status: fail on encoding-error, pass otherwise. Facts: `encoding`, `bom`.
 * Applies to content that looks like text (not binary formats).
 */
import { looksBinary } from './content-kind.js'
import { detectTextEncoding, type TextEncodingName } from './text-encoding.js'
import type { Check, CheckContext, CheckResult, CheckTarget, Finding } from './types.js'

const NAMES: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'ISO-8859-1 (Latin-1)',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  unknown: 'okänd',
}

/** The encoding check (see module comment). */
export const encodingCheck: Check = {
  id: 'encoding',
  dimension: 'format',
  appliesTo(target: CheckTarget): boolean {
    return !!target.content && !looksBinary(target.content.head)
  },
  async run(target: CheckTarget, ctx: CheckContext): Promise<CheckResult> {
    const started = performance.now()
    const content = target.content
    if (!content) return { status: 'skipped', findings: [] }
    const report = await detectTextEncoding(content.stream())
    const sv = ctx.lang === 'sv'
    const findings: Finding[] = []
    if (!report.valid) {
      const name = report.encoding === 'unknown' ? (sv ? 'en okänd teckenkodning' : 'an unknown encoding') : NAMES[report.encoding]
      const at = report.invalidAt
      const sample = report.sample ? (sv ? ` Exempel: "${report.sample.trim()}".` : ` Sample: "${report.sample.trim()}".`) : ''
      findings.push({
        code: 'encoding-error',
        severity: 'error',
        message: sv
          ? `Filen är inte UTF-8 utan verkar vara ${name}; å, ä och ö blir fel för den som läser den som UTF-8 (första felet på rad ${at?.line ?? '?'}).${sample}`
          : `The file is not UTF-8 but appears to be ${name}; å, ä and ö break for anyone reading it as UTF-8 (first error on line ${at?.line ?? '?'}).${sample}`,
        hint: sv
          ? 'Spara filen som UTF-8. I Excel: Spara som → "CSV UTF-8 (kommaavgränsad)"; i LibreOffice: välj teckenuppsättningen Unicode (UTF-8).'
          : 'Save the file as UTF-8. In Excel: Save as → "CSV UTF-8 (Comma delimited)"; in LibreOffice: choose the Unicode (UTF-8) character set.',
        location: at ? { line: at.line, byte: at.byte } : undefined,
      })
    } else if (report.bom) {
      findings.push({
        code: 'byte-order-mark',
        severity: 'info',
        message: sv ? 'Filen börjar med en UTF-8-BOM (byte order mark).' : 'The file starts with a UTF-8 byte order mark (BOM).',
        hint: sv
          ? 'Det är tillåtet, men vissa verktyg visar BOM:en som skräptecken i första kolumnnamnet. Spara som UTF-8 utan BOM om det ställer till det.'
          : 'It is allowed, but some tools show it as stray characters in the first column name. Save as UTF-8 without BOM if that causes trouble.',
        location: { byte: 0, line: 1 },
      })
    }
    return {
      status: report.valid ? 'pass' : 'fail',
      findings,
      metrics: { elapsedMs: Math.round(performance.now() - started), bytes: report.bytes },
      facts: { encoding: report.encoding, bom: report.bom },
    }
  },
}
