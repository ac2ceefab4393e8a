/**
 * The `availability` check: can the file be downloaded, and has it been reliably so?
 *
 * It judges the latest availability probe (`target.probe`, a GET of the first bytes made
 * by the sweep) together with the state over time (`probe.state`, from
 * src/availability/next-availability-state.ts): a file is only called broken after
 * repeated failures spread over a day (3 over 24 h by default), so one bad evening gives
 * a warning, not a failure.
 *
 * Status: `pass` (ok), `warn` (ok with a warning, or failing but not yet broken),
 * `fail` (broken), `unverified` (rate-limited, bot wall, our own time budget: never
 * shown or mailed as broken). Not applicable without a distribution and a probe.
 *
 * Finding codes (stable, stored): the probe's own code (`http-404`, `timeout`,
 * `tls-expired`, ... see src/fetch/outcome-codes.ts; error when broken, warning while
 * degraded, info when unverified), and the probe's warnings (`tls-expiring-soon`,
 * `https-downgrade`, ... as warnings).
 *
 * Facts: state, outcome, code. Metrics: consecutiveFailures, httpStatus, tlsDaysLeft
 * (when known).
 */
import type { Check, CheckContext, CheckResult, CheckTarget, Finding } from './types.js'
import { describeOutcomeCode } from '../src/fetch/outcome-codes.js'

type Lang = 'sv' | 'en'
const t = (lang: Lang, sv: string, en: string): string => (lang === 'en' ? en : sv)

/** How to fix it, per probe code: words a publisher can act on. */
function hintFor(code: string, lang: Lang): string | undefined {
  switch (code) {
    case 'http-404':
    case 'http-410':
      return t(lang, 'Kontrollera adressen i katalogen: har filen flyttats eller bytt namn? Uppdatera länken eller lägg tillbaka filen.', 'Check the address in the catalogue: was the file moved or renamed? Update the link or put the file back.')
    case 'http-5xx':
    case 'api-error':
      return t(lang, 'Servern eller tjänsten har fel. Be den som driftar servern titta i sina loggar.', 'The server or service is failing. Ask whoever runs the server to check its logs.')
    case 'login-required':
    case 'forbidden':
      return t(lang, 'Öppna data ska gå att hämta utan inloggning. Ta bort behörighetskravet för filen, eller ange rätt åtkomsträttigheter i katalogen.', 'Open data should download without a login. Lift the access restriction, or declare the access rights in the catalogue.')
    case 'timeout':
    case 'refused':
    case 'reset':
    case 'dns':
      return t(lang, 'Servern går inte att nå. Kontrollera att den är igång och att värdnamnet stämmer.', 'The server cannot be reached. Check that it is running and that the host name is right.')
    case 'tls-expired':
    case 'tls-untrusted':
    case 'tls-hostname':
    case 'tls-error':
    case 'tls-expiring-soon':
      return t(lang, 'Förnya eller rätta serverns TLS-certifikat (t.ex. med Let’s Encrypt).', "Renew or fix the server's TLS certificate (e.g. with Let's Encrypt).")
    case 'redirect-loop':
    case 'too-many-redirects':
    case 'https-downgrade':
      return t(lang, 'Rätta omdirigeringarna på servern och ange filens slutliga https-adress i katalogen.', "Fix the server's redirects and put the file's final https address in the catalogue.")
    case 'truncated':
    case 'empty-body':
      return t(lang, 'Filen levereras inte hel. Kontrollera att den finns kvar på servern och att ingen proxy klipper den.', 'The file is not delivered whole. Check that it is still on the server and that no proxy cuts it off.')
    case 'invalid-url':
      return t(lang, 'Rätta adressen i katalogen så att den är en fullständig http- eller https-adress.', 'Correct the address in the catalogue to a full http or https URL.')
    default:
      return undefined
  }
}

async function run(target: CheckTarget, ctx: CheckContext): Promise<CheckResult> {
  const lang: Lang = ctx.lang
  const p = target.probe!
  const state = p.state ?? 'unknown'
  const findings: Finding[] = []
  const metrics: Record<string, number> = {}
  if (p.consecutiveFailures !== undefined) metrics.consecutiveFailures = p.consecutiveFailures
  if (p.httpStatus !== null) metrics.httpStatus = p.httpStatus
  if (p.tlsDaysLeft !== undefined && p.tlsDaysLeft !== null) metrics.tlsDaysLeft = p.tlsDaysLeft
  const facts = { state, outcome: p.outcome, code: p.code }
  const withHint = (f: Finding): Finding => {
    const hint = hintFor(f.code, lang)
    return hint ? { ...f, hint } : f
  }

  if (p.outcome === 'unverified') {
    findings.push(withHint({ code: p.code, severity: 'info', message: describeOutcomeCode(p.code, lang) }))
    return { status: 'unverified', findings, metrics, facts }
  }
  if (p.outcome === 'failing') {
    const n = p.consecutiveFailures ?? 1
    const broken = state === 'broken'
    const since = p.failingSince ? p.failingSince.slice(0, 10) : null
    const run =
      n > 1
        ? t(lang, ` Misslyckats ${n} gånger i rad${since ? ` sedan ${since}` : ''}.`, ` Failed ${n} times in a row${since ? ` since ${since}` : ''}.`)
        : t(lang, ' Första misslyckade försöket; räknas som trasig först om felet består.', ' First failed attempt; counted as broken only if it persists.')
    findings.push(withHint({ code: p.code, severity: broken ? 'error' : 'warning', message: describeOutcomeCode(p.code, lang) + run }))
    for (const f of p.findings ?? []) findings.push(withHint({ code: f.code, severity: 'warning', message: f.message }))
    return { status: broken ? 'fail' : 'warn', findings, metrics, facts }
  }
  for (const f of p.findings ?? []) findings.push(withHint({ code: f.code, severity: 'warning', message: f.message }))
  return { status: findings.length > 0 ? 'warn' : 'pass', findings, metrics, facts }
}

/** See the module comment. */
export const availabilityCheck: Check = {
  id: 'availability',
  dimension: 'availability',
  appliesTo: (target) => target.distribution !== undefined && target.probe !== undefined,
  run,
}
