import { topics, extensions } from './topics.js'
import type { WorldModel } from './world-model.js'
import { slugify } from './vastra-gotaland.js'
import { worldSpecs } from './world-specs.js'

// Slugs are asked for on every request; normalising Unicode each time is wasteful.
const topicSlugs = topics.map((t) => slugify(t.sv))

/** The IP of the host serving catalogues, and of the host serving specifications. */
export const catalogueIp = '127.0.100.1'
export const specIp = '127.0.100.2'

/**
 * Where everything of a world lives: host addresses, URLs and IRIs. Distribution host h
 * is 127.0.(1 + h/250).(1 + h%250); dead hosts (nobody listens: "refused") are
 * 127.0.99.x; all share one port, chosen when the world starts. Same model and port →
 * same URLs, so catalogues stay byte-identical.
 */
export class WorldLayout {
  readonly catalogueHost: string
  readonly specHost: string
  constructor(
    readonly model: WorldModel,
    readonly port: number,
  ) {
    this.catalogueHost = `${catalogueIp}:${port}`
    this.specHost = `${specIp}:${port}`
  }

  /** IP of distribution host h (h ≥ hostCount are the dead hosts). */
  hostIp(h: number): string {
    if (h >= this.model.hostCount) return `127.0.99.${1 + (h - this.model.hostCount)}`
    return `127.0.${1 + Math.floor(h / 250)}.${1 + (h % 250)}`
  }

  hostName(h: number): string {
    return `${this.hostIp(h)}:${this.port}`
  }

  /** The URL a catalogue gives for distribution `dist` (downloadURL, or accessURL for a WMS). */
  distUrl(dist: number): string {
    const ds = this.model.distDataset[dist]
    const org = this.model.organisations[this.model.dsOrg[ds]]
    const kind = this.model.kind(dist)
    const base = `http://${this.hostName(this.model.hostOf(dist))}/data/${org.slug}/${dist}`
    if (kind === 'wms') return `${base}/wms?service=WMS&request=GetCapabilities`
    return `${base}/${topicSlugs[this.model.dsTopic[ds]]}${extensions[kind]}`
  }

  orgIri(o: number): string {
    const org = this.model.organisations[o]
    if (org.listed) return `http://dataportal.se/organisation/SE${org.orgnr.replace('-', '')}`
    return `http://${this.catalogueHost}/${org.slug}/organisation`
  }

  catalogueUrl(o: number): string {
    return `http://${this.catalogueHost}/${this.model.organisations[o].slug}/datasets/dcat`
  }

  catalogueIri(o: number): string {
    return `http://${this.catalogueHost}/${this.model.organisations[o].slug}/catalog`
  }

  datasetIri(ds: number): string {
    return `http://${this.catalogueHost}/${this.model.organisations[this.model.dsOrg[ds]].slug}/dataset/${ds}`
  }

  distIri(dist: number): string {
    const ds = this.model.distDataset[dist]
    return `http://${this.catalogueHost}/${this.model.organisations[this.model.dsOrg[ds]].slug}/distribution/${dist}`
  }

  serviceIri(ds: number): string {
    return `http://${this.catalogueHost}/${this.model.organisations[this.model.dsOrg[ds]].slug}/dataservice/${ds}`
  }

  contactIri(o: number, k: number): string {
    return `http://${this.catalogueHost}/${this.model.organisations[o].slug}/contact/${k}`
  }

  specUri(s: number): string {
    return `http://${this.specHost}/specifications/${worldSpecs[s].id}/${worldSpecs[s].version}`
  }
}
