import { raw } from 'hono/html'
import { Layout } from './layout.js'
import { ScoreChip } from './score-chip.js'
import { trendSvg } from './trend-svg.js'
import { texts, type Lang } from './texts.js'
import type { DatasetPage, OrganisationPage, Overview } from './load-dashboard-data.js'
import type { RollupRow } from '../src/scoring/rollup-row.js'

const DIMS = ['availability', 'freshness', 'format', 'conformance', 'metadata'] as const

function ScoreCards(props: { scores: RollupRow | null; lang: Lang }) {
  const t = texts(props.lang)
  const s = props.scores
  return (
    <div class="cards">
      <div class="card">
        <div class="label">{t.total}</div>
        <div class="value">
          <ScoreChip value={s?.total} />
        </div>
      </div>
      {DIMS.map((d) => (
        <div class="card" data-dimension={d}>
          <div class="label">{t[d]}</div>
          <div class="value">
            <ScoreChip value={s?.[d]} />
          </div>
        </div>
      ))}
    </div>
  )
}

function Trend(props: { rows: RollupRow[]; lang: Lang }) {
  if (props.rows.length === 0) return null
  return (
    <>
      <h2>{texts(props.lang).trend}</h2>
      <div class="card">{raw(trendSvg(props.rows.map((r) => ({ day: r.day, value: r.total }))))}</div>
    </>
  )
}

const q = (iri: string, lang: Lang) => `iri=${encodeURIComponent(iri)}&lang=${lang}`

/** The region page: league table of organisations, worst first, and catalogue health. */
export function OverviewPage(props: { data: Overview; lang: Lang }) {
  const { data, lang } = props
  const t = texts(lang)
  const empty = data.organisations.length === 0
  return (
    <Layout title={t.region} lang={lang}>
      <h1>{t.region}</h1>
      {empty ? <p class="empty">{t.noData}</p> : null}
      <ScoreCards scores={data.region} lang={lang} />
      <Trend rows={data.trend} lang={lang} />
      {empty ? null : (
        <>
          <h2>{t.organisations}</h2>
          <table id="organisations">
            <thead>
              <tr>
                <th>{t.organisation}</th>
                <th class="num">{t.total}</th>
                {DIMS.map((d) => (
                  <th class="num">{t[d]}</th>
                ))}
                <th class="num">{t.datasets}</th>
                <th class="num">{t.broken}</th>
                <th class="num">{t.degraded}</th>
              </tr>
            </thead>
            <tbody>
              {data.organisations.map((o) => (
                <tr>
                  <td>
                    <a href={`/organisation?${q(o.iri, lang)}`}>{o.name}</a>
                  </td>
                  <td class="num">
                    <ScoreChip value={o.scores?.total} />
                  </td>
                  {DIMS.map((d) => (
                    <td class="num">
                      <ScoreChip value={o.scores?.[d]} />
                    </td>
                  ))}
                  <td class="num">{o.datasets}</td>
                  <td class="num">{o.broken ? <span class="state-broken">{o.broken}</span> : 0}</td>
                  <td class="num">{o.degraded ? <span class="state-degraded">{o.degraded}</span> : 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {data.catalogues.length ? (
        <>
          <h2>{t.catalogueHealth}</h2>
          <table id="catalogues">
            <thead>
              <tr>
                <th>Källa</th>
                <th>{t.url}</th>
                <th>{t.lastHarvest}</th>
                <th>{t.status}</th>
                <th class="num">{t.datasets}</th>
              </tr>
            </thead>
            <tbody>
              {data.catalogues.map((c) => (
                <tr>
                  <td>{c.sourceId}</td>
                  <td>
                    <code>{c.url}</code>
                  </td>
                  <td>{c.at ? c.at.toISOString().slice(0, 16).replace('T', ' ') : '–'}</td>
                  <td class={c.status === 'failed' ? 'sev-error' : ''}>
                    {c.status === 'ok' ? t.harvestOk : c.status === 'failed' ? `${t.harvestFailed}: ${c.error ?? ''}` : '–'}
                  </td>
                  <td class="num">{c.datasets ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Layout>
  )
}

/** A publisher's page: its problems worst first, with the fix, and its datasets. */
export function OrganisationView(props: { data: OrganisationPage; lang: Lang }) {
  const { data, lang } = props
  const t = texts(lang)
  return (
    <Layout title={data.name} lang={lang}>
      <p class="muted">
        <a href={`/?lang=${lang}`}>{t.region}</a> › {t.organisation}
      </p>
      <h1>{data.name}</h1>
      <p class="muted">
        <code>{data.iri}</code> · {t.badge}:{' '}
        <img src={`/badge/organisation.svg?iri=${encodeURIComponent(data.iri)}`} alt={t.badge} />
      </p>
      <ScoreCards scores={data.scores} lang={lang} />
      <Trend rows={data.trend} lang={lang} />
      <h2>{t.problems}</h2>
      {data.problems.length === 0 ? (
        <p class="empty">{t.noProblems}</p>
      ) : (
        <table id="problems">
          <thead>
            <tr>
              <th>{t.dataset}</th>
              <th>{t.reason}</th>
              <th class="num">{t.pointsToGain}</th>
            </tr>
          </thead>
          <tbody>
            {data.problems.slice(0, 200).map((p) => (
              <tr>
                <td>
                  <a href={`/dataset?${q(p.datasetIri, lang)}`}>{p.datasetTitle}</a>
                  <br />
                  <code>{p.url ?? p.distributionIri}</code>
                </td>
                <td>
                  <span class={`sev-${p.severity}`}>{t[p.dimension]}</span> · <code>{p.code}</code>
                  {p.count > 1 ? ` ×${p.count}` : ''}
                  <br />
                  {p.message}
                  {p.hint ? (
                    <>
                      <br />
                      <span class="hint">
                        {t.fix}: {p.hint}
                      </span>
                    </>
                  ) : null}
                </td>
                <td class="num">{p.totalPointsToGain.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t.datasets}</h2>
      <table id="datasets">
        <thead>
          <tr>
            <th>{t.dataset}</th>
            <th class="num">{t.total}</th>
            {DIMS.map((d) => (
              <th class="num">{t[d]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.datasets.map((d) => (
            <tr>
              <td>
                <a href={`/dataset?${q(d.iri, lang)}`}>{d.title}</a>
              </td>
              <td class="num">
                <ScoreChip value={d.scores?.total} />
              </td>
              {DIMS.map((dim) => (
                <td class="num">
                  <ScoreChip value={d.scores?.[dim]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  )
}

/** A dataset: each distribution with its five scores, availability state and findings with fixes. */
export function DatasetView(props: { data: DatasetPage; lang: Lang }) {
  const { data, lang } = props
  const t = texts(lang)
  return (
    <Layout title={data.title} lang={lang}>
      <p class="muted">
        <a href={`/?lang=${lang}`}>{t.region}</a> ›{' '}
        {data.organisationIri ? <a href={`/organisation?${q(data.organisationIri, lang)}`}>{data.organisationName}</a> : null} ›{' '}
        {t.dataset}
      </p>
      <h1>{data.title}</h1>
      <p>{data.description}</p>
      <p class="muted">
        <code>{data.iri}</code> · <img src={`/badge/dataset.svg?iri=${encodeURIComponent(data.iri)}`} alt={t.badge} />
      </p>
      <ScoreCards scores={data.scores} lang={lang} />
      {data.metadataFindings.length ? (
        <>
          <h2>{t.metadata}</h2>
          <FindingList findings={data.metadataFindings} lang={lang} />
        </>
      ) : null}
      <h2>{t.distributions}</h2>
      {data.distributions.map((d) => (
        <div class="card" style="margin-bottom:14px" data-distribution={d.iri}>
          <strong>{d.title}</strong> {d.format ? <span class="muted">({d.format})</span> : null}
          <br />
          <code>{d.url ?? '–'}</code>
          <p>
            {t.state}: <span class={`state-${d.state}`}>{t.stateNames[d.state] ?? d.state}</span>
            {d.lastCode ? (
              <>
                {' '}
                · <code>{d.lastCode}</code>
              </>
            ) : null}
            {d.lastProbeAt ? ` · ${t.lastProbe}: ${d.lastProbeAt.toISOString().slice(0, 16).replace('T', ' ')}` : null}
          </p>
          <p>
            {t.total} <ScoreChip value={d.score?.total} />{' '}
            {DIMS.map((dim) => (
              <>
                {' '}
                · {t[dim]} <ScoreChip value={d.score?.[dim]} />
              </>
            ))}
          </p>
          <FindingList findings={d.findings} lang={lang} />
        </div>
      ))}
    </Layout>
  )
}

function FindingList(props: { findings: DatasetPage['metadataFindings']; lang: Lang }) {
  const t = texts(props.lang)
  const shown = props.findings.filter((f) => f.severity !== 'info').slice(0, 50)
  if (shown.length === 0) return <p class="muted">{t.noProblems}</p>
  return (
    <ul class="findings">
      {shown.map((f) => (
        <li>
          <span class={`sev-${f.severity}`}>{f.code}</span> ({f.checkId}): {f.message}
          {f.hint ? (
            <>
              <br />
              <span class="hint">
                {t.fix}: {f.hint}
              </span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
