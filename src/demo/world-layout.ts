import { topics, extensions } from './topics.js'
import type { WorldModel } from './world-model.js'
import { slugify } from './vastra-gotaland.js'
import { worldSpecs } from './world-specs.js'
import { isLandingPage } from './catalogue-claims.js'

// Slugs are asked for on every request; normalising Unicode each time is wasteful.
const topicSlugs = topics.map((t) => slugify(t.sv))

/** The IP of the host serving catalogues, and of the host serving specifications. */
export const catalogueIp = '127.0.100.1'
export const specIp = '127.0.100.2'

/**
 * How hosts are told apart. `ips`: every host has its own loopback address (127.0.x.y)
 * and all share one port; Linux allows the whole 127.0.0.0/8. `ports`: everything is on
 * 127.0.0.1 with one port per host, for systems (macOS) that only have 127.0.0.1.
 */
export type Addressing = 'ips' | 'ports'

/**
 * Where everything of a world lives: host addresses, URLs and IRIs.
 * With `ips`, distribution host h is 127.0.(1 + h/250).(1 + h%250), dead hosts (nobody
 * listens: "refused") are 127.0.99.x, and all share `port`. With `ports`, the catalogue
 * host is 127.0.0.1:port, the spec host port+1, host h port+2+h and the dead hosts the
 * ports after the last live one. Same model, addressing and port → same URLs, so
 * catalogues stay byte-identical.
 */
export class WorldLayout {
  readonly catalogueHost: string
  readonly specHost: string
  constructor(
    readonly model: WorldModel,
    readonly port: number,
    readonly addressing: Addressing = 'ips',
  ) {
    const catalogue = this.catalogueAddress()
    const spec = this.specAddress()
    this.catalogueHost = `${catalogue.ip}:${catalogue.port}`
    this.specHost = `${spec.ip}:${spec.port}`
  }

  /** Ports a `ports` world needs from `port` on (catalogue, spec, live and dead hosts). */
  static portSpan(model: WorldModel): number {
    return 2 + model.hostCount + model.deadHostCount
  }

  catalogueAddress(): { ip: string; port: number } {
    return this.addressing === 'ips' ? { ip: catalogueIp, port: this.port } : { ip: '127.0.0.1', port: this.port }
  }

  specAddress(): { ip: string; port: number } {
    return this.addressing === 'ips' ? { ip: specIp, port: this.port } : { ip: '127.0.0.1', port: this.port + 1 }
  }

  /** Address of distribution host h (h ≥ hostCount are the dead hosts). */
  hostAddress(h: number): { ip: string; port: number } {
    if (this.addressing === 'ports') return { ip: '127.0.0.1', port: this.port + 2 + h }
    if (h >= this.model.hostCount) return { ip: `127.0.99.${1 + (h - this.model.hostCount)}`, port: this.port }
    return { ip: `127.0.${1 + Math.floor(h / 250)}.${1 + (h % 250)}`, port: this.port }
  }

  hostName(h: number): string {
    const a = this.hostAddress(h)
    return `${a.ip}:${a.port}`
  }

  /** The URL a catalogue gives for distribution `dist` (downloadURL, or accessURL for a WMS). */
  distUrl(dist: number): string {
    const ds = this.model.distDataset[dist]
    const org = this.model.organisations[this.model.dsOrg[ds]]
    const kind = this.model.kind(dist)
    const base = `http://${this.hostName(this.model.hostOf(dist))}/data/${org.slug}/${dist}`
    if (kind === 'wms') return `${base}/wms?service=WMS&request=GetCapabilities`
    // A page about the data, not the file (catalogue-claims.ts).
    if (isLandingPage(this.model, dist)) return `${base}/om-datamangden`
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
