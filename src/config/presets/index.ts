import type { Config, SourceConfig } from '../config.js'
import { vastraGotalandOrganisations, vastraGotalandSources, organisationIri, type PresetOrganisation } from './vastra-gotaland.js'

/** Preset names accepted in the configuration's "preset" key. */
export const PRESETS = ['vastra-gotaland', 'vastra-gotaland-dataportal', 'vastra-gotaland-catalogues'] as const
export type PresetName = (typeof PRESETS)[number]

/**
 * The sources a configuration watches: its preset's sources, then its own `sources`. A
 * configured source with the same id as a preset source replaces it (to change a URL or
 * publisher without dropping the preset).
 */
export function resolveSources(config: Pick<Config, 'sources'> & { preset?: PresetName }): SourceConfig[] {
  const preset =
    config.preset === 'vastra-gotaland'
      ? vastraGotalandSources('all')
      : config.preset === 'vastra-gotaland-dataportal'
        ? vastraGotalandSources('dataportal')
        : config.preset === 'vastra-gotaland-catalogues'
          ? vastraGotalandSources('catalogues')
          : []
  const own = new Map(config.sources.map((s) => [s.id, s]))
  const merged = preset.map((s) => own.get(s.id) ?? s)
  const presetIds = new Set(preset.map((s) => s.id))
  return [...merged, ...config.sources.filter((s) => !presetIds.has(s.id))]
}

/** The organisations a preset knows by name and number (stored even when they publish nothing). */
export function presetOrganisations(preset: PresetName | undefined): { iri: string; name: string; orgNumber: string }[] {
  if (!preset) return []
  return vastraGotalandOrganisations.map((o: PresetOrganisation) => ({ iri: organisationIri(o), name: o.name, orgNumber: o.orgNumber }))
}
