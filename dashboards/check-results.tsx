import { describeFinding, t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import type { CheckResultView, FindingView } from '../src/read-model/latest-check-results.js'
import { FindingWords } from './finding-words.js'
import { DataTable } from './data-table.js'
import { shownTime } from './shown-time.js'

/** How many findings one result's cell lists (a broken file can have thousands). */
const FINDINGS_SHOWN = 50

/**
 * What one check result found, in words with the fix: identical words once with their count,
 * at most FINDINGS_SHOWN and "and N more". Notes (info) only for a skipped result, where they
 * say why it was not judged and what was seen instead (e.g. a file's observed update rhythm).
 */
function Findings(props: { r: CheckResultView; lang: Lang }) {
  const { lang } = props
  const notesShown = props.r.status === 'skipped'
  const shown = new Map<string, { f: FindingView; n: number }>()
  for (const f of props.r.findings) {
    if (f.severity === 'info' && !notesShown) continue
    const words = describeFinding(f, lang)
    const key = `${f.severity}\u0000${words.message}\u0000${words.hint ?? ''}`
    const seen = shown.get(key)
    if (seen) seen.n++
    else shown.set(key, { f, n: 1 })
  }
  if (shown.size === 0) return <>–</>
  const list = [...shown.values()]
  return (
    <ul class="findings">
      {list.slice(0, FINDINGS_SHOWN).map(({ f, n }) => (
        <li>
          <span class={`sev-${f.severity}`}>{t(lang, `severity.${f.severity}`)}</span>
          {n > 1 ? ` (${t(lang, 'pages.organisation.occurrences', { n })})` : ''} <FindingWords finding={f} lang={lang} />
        </li>
      ))}
      {list.length > FINDINGS_SHOWN ? <li>{t(lang, 'pages.more', { n: list.length - FINDINGS_SHOWN })}</li> : null}
    </ul>
  )
}

/**
 * Check results as a table: the check, its verdict, what it found in words and when it ran.
 * A file's latest result per check (dataset page) or its checks' history (file page).
 */
export function CheckResultsTable(props: { results: CheckResultView[]; label: string; lang: Lang }) {
  const { lang } = props
  return (
    <DataTable
      label={props.label}
      class="check-results wide"
      caption
      columns={[t(lang, 'pages.dataset.column.check'), t(lang, 'pages.region.column.status'), t(lang, 'pages.dataset.column.findings'), t(lang, 'pages.dataset.column.checked')]}
    >
      {props.results.map((r) => (
        <tr data-check={r.checkId}>
          <td>
            <code>{r.checkId}</code>
            <br />
            <span class="muted">{t(lang, `dimension.${r.dimension}`)}</span>
          </td>
          <td class={`status-${r.status}`}>{t(lang, `status.${r.status}`)}</td>
          <td>
            <Findings r={r} lang={lang} />
          </td>
          <td class="when">{shownTime(r.at)}</td>
        </tr>
      ))}
    </DataTable>
  )
}
