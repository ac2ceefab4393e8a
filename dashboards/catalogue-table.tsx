import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import type { CatalogueHealth } from '../src/read-model/catalogue-health.js'
import type { SourceOrganisation } from '../src/read-model/source-organisations.js'
import { entityHref } from './page-address.js'
import { DataTable } from './data-table.js'
import { shownTime } from './shown-time.js'

/** How many organisations a catalogue's row names before "and N more". */
const NAMED = 3

function HarvestStatus(props: { c: CatalogueHealth; lang: Lang }) {
  const { c, lang } = props
  if (c.status === 'ok') return <td>{t(lang, 'pages.region.harvest-ok')}</td>
  if (c.status === 'failed') return <td class="sev-error">{`${t(lang, 'pages.region.harvest-failed')}${c.error ? `: ${c.error}` : ''}`}</td>
  return <td>–</td>
}

/** The organisations a catalogue publishes for, as links; its source id when it names none yet. */
function Publishers(props: { c: CatalogueHealth; organisations: SourceOrganisation[] | undefined; lang: Lang }) {
  const { lang } = props
  const orgs = props.organisations ?? []
  if (orgs.length === 0) return <td>{props.c.sourceId}</td>
  return (
    <td>
      {orgs.slice(0, NAMED).map((o, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={entityHref('organisation', o.iri, lang)}>{o.name ?? t(lang, 'pages.organisation.unknown-name')}</a>
        </>
      ))}
      {orgs.length > NAMED ? ` ${t(lang, 'pages.more', { n: orgs.length - NAMED })}` : ''}
    </td>
  )
}

/** Catalogue health: each source named by the organisations it publishes for, its address, and how its last harvest went. */
export function CatalogueTable(props: { catalogues: CatalogueHealth[]; organisations: Record<string, SourceOrganisation[]>; lang: Lang }) {
  const { lang } = props
  return (
    <DataTable
      label={t(lang, 'pages.region.catalogue-health')}
      id="catalogues"
      columns={[
        t(lang, 'pages.region.column.organisations'),
        t(lang, 'pages.region.column.url'),
        t(lang, 'pages.region.column.last-harvest'),
        t(lang, 'pages.region.column.status'),
        { heading: t(lang, 'pages.column.datasets'), num: true },
      ]}
    >
      {props.catalogues.map((c) => (
        <tr data-source={c.sourceId}>
          <Publishers c={c} organisations={props.organisations[c.sourceId]} lang={lang} />
          <td>
            <code>{c.url}</code>
          </td>
          <td>{shownTime(c.at)}</td>
          <HarvestStatus c={c} lang={lang} />
          <td class="num">{c.datasets ?? '–'}</td>
        </tr>
      ))}
    </DataTable>
  )
}
