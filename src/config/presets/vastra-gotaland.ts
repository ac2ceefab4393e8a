import { Ajv } from 'ajv'
import type { SourceConfig } from '../config.js'
import { ConfigError, schemaProblem } from '../config-error.js'
import { presetOrganisationsSchema } from '../config-schema.js'
import { asciiSlug } from '../../domain/ascii-slug.js'
import organisationRows from './vastra-gotaland.json' with { type: 'json' }

/**
 * The Västra Götaland preset: the region and its 49 municipalities, built from
 * /work/shared/reference/vastra-gotaland-sources.md (compiled 2026-11-26 from stored copies
 * of public sources; nothing was fetched live). Each fact carries how it is known:
 *
 * - orgNumber: 'two-sources' = the municipality list of Gustaf-Hard/public-contracts and
 *   the orgnr inside the dataportal.se publisher URI agree; 'single-source' = only that
 *   (unlicensed) list; 'single-source+fixture' = that list plus a Skolverket-derived fixture.
 * - publisherUri: seen in the nordicintel/dataportalen organisation snapshot (MIT) =
 *   verified; `inferredPublisherUri` = the documented form
 *   `http://dataportal.se/organisation/SE<orgnr>` applied to the orgnr, never seen.
 * - host: the EntryScape catalogue host of commondataio/dataportals-registry (CC-BY 4.0);
 *   its "active" flag came from a bulk import, so reachability is not verified. `context`
 *   only where a source named the store context (Göteborg 6, Borås 1, Lerum 1, Mölndal 1,
 *   VGR 7).
 */
export interface PresetOrganisation {
  /** Municipality code (SCB), '' for the region. */
  code: string
  name: string
  orgNumber: string
  orgNumberEvidence: 'two-sources' | 'single-source' | 'single-source+fixture'
  /** dataportal.se publisher URI seen in the NI snapshot, or null. */
  publisherUri: string | null
  /** Further publisher URIs of sub-organisations (NI snapshot). */
  subPublishers: string[]
  /** Catalogue host (CDI), or null when none is known. */
  host: string | null
  /** Store context id, when a source named it. */
  context: string | null
  /** CDI marks the host inactive. */
  hostInactive?: boolean
}

/** The documented form of a dataportal.se publisher URI, from an organisation number. */
const SE = (orgnr: string) => `http://dataportal.se/organisation/SE${orgnr.replace('-', '')}`

/** The file the rows are read from, as a ConfigError names it. */
export const ORGANISATIONS_FILE = 'src/config/presets/vastra-gotaland.json'

// useDefaults fills in what a row leaves out (subPublishers [], context null, ...).
const validateRows = new Ajv({ allErrors: true, strict: false, useDefaults: true }).compile<PresetOrganisation[]>(presetOrganisationsSchema)

/**
 * The organisation rows checked against presetOrganisationsSchema (config-schema.ts), with
 * what a row leaves out filled in. A malformed row is a ConfigError (`config.invalid`)
 * naming the file, with each mistake's JSON path (`/2/orgNumber`: the third row's
 * organisation number), the row's organisation when it has a name, and what was expected.
 */
export function checkedOrganisations(rows: unknown): PresetOrganisation[] {
  // The defaults are written into a copy: the imported JSON stays as it was read.
  const copy = structuredClone(rows)
  if (validateRows(copy)) return copy
  const problems = (validateRows.errors ?? []).map((e) => ({ ...schemaProblem(e), subject: nameOfRow(copy, e.instancePath) }))
  throw new ConfigError('config.invalid', { origin: ORGANISATIONS_FILE }, problems)
}

/** The organisation name of the row a JSON path points into (`/2/orgNumber`: the third row's), when it has one. */
function nameOfRow(rows: unknown, path: string): string | undefined {
  const index = /^\/(\d+)/.exec(path)?.[1]
  const row: unknown = index !== undefined && Array.isArray(rows) ? rows[Number(index)] : undefined
  const name = typeof row === 'object' && row !== null ? (row as { name?: unknown }).name : undefined
  return typeof name === 'string' && /\S/.test(name) ? name : undefined
}

/**
 * The 50 organisations of Västra Götaland, in the reference file's order, as data: one row
 * each in vastra-gotaland.json, so the regional team can add a catalogue host or a
 * publisher URI without touching code. Checked as it is read: a malformed row stops the
 * program at start-up (a command exits 2) naming the file, the row, its organisation and the field.
 */
export const vastraGotalandOrganisations: readonly PresetOrganisation[] = checkedOrganisations(organisationRows)

/** The registry behind Sveriges dataportal (EntryStore). */
export const DATAPORTAL_REGISTRY = 'https://admin.dataportal.se'

/** The IRI the preset uses for an organisation: its seen publisher URI, else the documented SE-orgnr form (inferred). */
export function organisationIri(o: PresetOrganisation): string {
  return o.publisherUri?.startsWith('http://dataportal.se/organisation/') ? o.publisherUri : SE(o.orgNumber)
}

/** A short id part: the name without "kommun"/"stad" and its genitive s, ASCII. */
export function slugOf(o: PresetOrganisation): string {
  if (!o.code) return 'vgregion'
  const base = o.name.replace(/ (kommun|stad|Stad)$/, '')
  // Genitive s ("Tjörns kommun"), but not a name that ends in s itself (Borås, Sotenäs, Bengtsfors, Alingsås).
  const trimmed = /s$/.test(base) && !/(ås|äs|fors)$/.test(base) && o.name !== base ? base.slice(0, -1) : base
  return asciiSlug(trimmed)
}

/**
 * The preset's sources. 'dataportal': one EntryScape source on admin.dataportal.se per
 * verified publisher URI (and per sub-publisher), so one registry shows every organisation
 * as the nation sees it. 'catalogues': each organisation's own EntryScape catalogue host
 * (inactive hosts left out). Listed national first: a dataset found in both keeps the
 * national source, so datasets only in a municipal catalogue are those missing nationally.
 */
export function vastraGotalandSources(part: 'all' | 'dataportal' | 'catalogues' = 'all'): SourceConfig[] {
  const out: SourceConfig[] = []
  if (part !== 'catalogues') {
    for (const o of vastraGotalandOrganisations) {
      if (!o.publisherUri) continue
      const s = slugOf(o)
      const organisation = organisationIri(o)
      out.push({ id: `dp-${s}`, kind: 'entryscape', url: DATAPORTAL_REGISTRY, publisher: o.publisherUri, organisation })
      o.subPublishers.forEach((p, i) => out.push({ id: `dp-${s}-${i + 2}`, kind: 'entryscape', url: DATAPORTAL_REGISTRY, publisher: p, organisation }))
    }
  }
  if (part !== 'dataportal') {
    for (const o of vastraGotalandOrganisations) {
      if (!o.host || o.hostInactive) continue
      out.push({
        id: `cat-${slugOf(o)}`,
        kind: 'entryscape',
        url: `https://${o.host}${o.context ? `/store/${o.context}` : ''}`,
        organisation: organisationIri(o),
      })
    }
  }
  return out
}
