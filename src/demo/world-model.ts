import { defectNames, defectRules, type DefectName } from './defect-rules.js'
import { generatedOrganisation, slugify, vastraGotaland, type OrganisationSeed } from './vastra-gotaland.js'
import { hash32, rand01, Salt } from './hash32.js'
import { frequencies, frequencyList, topics, type DistKind, type Frequency } from './topics.js'
import { worldSpecs } from './world-specs.js'
import { deadHostCount } from './demo-size.js'

/** Options that decide the shape of a world (everything except where it listens). */
export interface WorldModelOptions {
  seed: number
  distributions: number
  hosts: number
  organisations: number
  defectRate: number
  /** Relative weights per defect (0 turns one off); unspecified ones keep their default. */
  defectWeights?: Partial<Record<DefectName, number>>
}

/** One organisation of the world, with its slice of datasets. */
export interface WorldOrganisation extends OrganisationSeed {
  index: number
  slug: string
  centreLat: number
  centreLon: number
  firstDataset: number
  datasetCount: number
  /** Indices of hosts that are this organisation's own. */
  homeHosts: number[]
}

/** How a wire defect behaves over the days. */
export enum Lifecycle {
  /** Active on every day. */
  Always = 0,
  /** Clean until day A, then broken for good. */
  From = 1,
  /** Broken on days [A, B), clean before and after: breaks and recovers. */
  Window = 2,
}

const NO_DEFECT = 255
const kindCodes: DistKind[] = ['csv', 'json', 'xlsx', 'geojson', 'wms', 'pdf']
const META_NO_LICENSE = 1
const META_NO_FORMAT = 2
const DS_NO_CONTACT = 1
const DS_SERVICE = 2
/** A high-value dataset (regulation 2023/138): most datasets with a data service (src/demo/hvd-world.ts). */
const DS_HVD = 4

/**
 * The compact, fully deterministic description of a world: a few typed arrays per
 * dataset and per distribution (about 20 bytes per distribution), from which
 * catalogues, bodies and ground truth are derived on demand. Same options → same model.
 */
export class WorldModel {
  readonly seed: number
  readonly hostCount: number
  readonly deadHostCount: number
  readonly organisations: WorldOrganisation[]
  readonly datasetCount: number
  readonly distributionCount: number
  // per dataset
  readonly dsOrg: Uint16Array
  readonly dsTopic: Uint8Array
  readonly dsOrdinal: Uint32Array
  readonly dsFreq: Uint8Array
  readonly dsSpec: Int8Array
  readonly dsFlags: Uint8Array
  readonly dsFirstDist: Uint32Array
  readonly dsDistCount: Uint8Array
  // per distribution
  readonly distDataset: Uint32Array
  readonly distKind: Uint8Array
  readonly distHost: Uint16Array
  readonly distDefect: Uint8Array
  readonly distLife: Uint8Array
  readonly distLifeA: Int16Array
  readonly distLifeB: Int16Array
  readonly distMeta: Uint8Array
  /** Per host: true when it ignores Range and always sends the whole body. */
  readonly hostIgnoresRange: Uint8Array

  constructor(opts: WorldModelOptions) {
    const seed = opts.seed >>> 0
    this.seed = seed
    const n = Math.max(1, Math.floor(opts.distributions))
    const hostCount = Math.max(1, Math.min(10_000, Math.floor(opts.hosts)))
    this.hostCount = hostCount
    this.deadHostCount = deadHostCount(hostCount)
    const orgCount = Math.max(1, Math.floor(opts.organisations))

    const seeds: OrganisationSeed[] = []
    for (let i = 0; i < orgCount; i++) {
      seeds.push(i < vastraGotaland.length ? vastraGotaland[i] : generatedOrganisation(i, (s) => hash32(seed, i, 900 + s)))
    }
    const totalWeight = seeds.reduce((s, o) => s + o.weight, 0)

    // Upper bound for datasets: one distribution each.
    const dsOrg = new Uint16Array(n)
    const dsTopic = new Uint8Array(n)
    const dsOrdinal = new Uint32Array(n)
    const dsFreq = new Uint8Array(n)
    const dsSpec = new Int8Array(n).fill(-1)
    const dsFlags = new Uint8Array(n)
    const dsFirstDist = new Uint32Array(n)
    const dsDistCount = new Uint8Array(n)
    this.distDataset = new Uint32Array(n)
    this.distKind = new Uint8Array(n)
    this.distHost = new Uint16Array(n)
    this.distDefect = new Uint8Array(n).fill(NO_DEFECT)
    this.distLife = new Uint8Array(n)
    this.distLifeA = new Int16Array(n)
    this.distLifeB = new Int16Array(n)
    this.distMeta = new Uint8Array(n)
    this.hostIgnoresRange = new Uint8Array(hostCount)
    for (let h = 0; h < hostCount; h++) this.hostIgnoresRange[h] = rand01(seed, h, Salt.hostRange) < 0.2 ? 1 : 0

    this.organisations = []
    let dist = 0
    let ds = 0
    let weightSoFar = 0
    for (let o = 0; o < orgCount; o++) {
      const s = seeds[o]
      weightSoFar += s.weight
      // Cumulative rounding so the shares add up to exactly n.
      const target = o === orgCount - 1 ? n : Math.round((weightSoFar / totalWeight) * n)
      const homeHosts: number[] = []
      if (hostCount >= orgCount) for (let h = o; h < hostCount; h += orgCount) homeHosts.push(h)
      else homeHosts.push(o % hostCount)
      const org: WorldOrganisation = {
        ...s,
        index: o,
        slug: slugify(s.name),
        // Somewhere in Västra Götaland (57.3–59.2 N, 11.3–14.2 E).
        centreLat: 57.3 + rand01(seed, o, Salt.orgCentre, 1) * 1.9,
        centreLon: 11.3 + rand01(seed, o, Salt.orgCentre, 2) * 2.9,
        firstDataset: ds,
        datasetCount: 0,
        homeHosts,
      }
      // The organisation's topics in its own order, so small organisations differ.
      const order = topics.map((_, t) => t).sort((a, b) => hash32(seed, o, a, Salt.datasetTopic) - hash32(seed, o, b, Salt.datasetTopic))
      let j = 0
      while (dist < target) {
        const topicIndex = order[j % order.length]
        const topic = topics[topicIndex]
        dsOrg[ds] = o
        dsTopic[ds] = topicIndex
        dsOrdinal[ds] = Math.floor(j / order.length)
        const fr = rand01(seed, ds, Salt.datasetPeriod)
        const freq: Frequency = fr < 0.6 || topic.frequencies.length === 1 ? topic.frequencies[0] : topic.frequencies[1 + (hash32(seed, ds, Salt.datasetPeriod, 2) % (topic.frequencies.length - 1))]
        dsFreq[ds] = frequencyList.indexOf(freq)
        if (topic.spec !== undefined && rand01(seed, ds, Salt.datasetSpec) < 0.75) dsSpec[ds] = topic.spec
        const count = Math.min(target - dist, Math.min(topic.kinds.length, 1 + (hash32(seed, ds, Salt.datasetCount) % 3)))
        dsFirstDist[ds] = dist
        dsDistCount[ds] = count
        for (let k = 0; k < count; k++) {
          this.distDataset[dist] = ds
          this.distKind[dist] = kindCodes.indexOf(topic.kinds[k])
          this.distHost[dist] =
            rand01(seed, dist, Salt.distHost) < 0.85
              ? homeHosts[hash32(seed, dist, Salt.distHost, 1) % homeHosts.length]
              : hash32(seed, dist, Salt.distHost, 2) % hostCount
          dist++
        }
        // A few datasets with an API or a WMS describe it as a dcat:DataService too.
        const kinds = topic.kinds.slice(0, count)
        const serviceChance = kinds.includes('wms') ? 0.5 : kinds.includes('json') ? 0.08 : 0
        if (rand01(seed, ds, Salt.datasetService) < serviceChance) dsFlags[ds] |= DS_SERVICE
        if (dsFlags[ds] & DS_SERVICE && rand01(seed, ds, Salt.datasetHvd) < 0.7) dsFlags[ds] |= DS_HVD
        ds++
        j++
      }
      org.datasetCount = ds - org.firstDataset
      this.organisations.push(org)
    }
    this.datasetCount = ds
    this.distributionCount = n
    this.dsOrg = dsOrg.subarray(0, ds)
    this.dsTopic = dsTopic.subarray(0, ds)
    this.dsOrdinal = dsOrdinal.subarray(0, ds)
    this.dsFreq = dsFreq.subarray(0, ds)
    this.dsSpec = dsSpec.subarray(0, ds)
    this.dsFlags = dsFlags.subarray(0, ds)
    this.dsFirstDist = dsFirstDist.subarray(0, ds)
    this.dsDistCount = dsDistCount.subarray(0, ds)

    this.assignDefects(opts)
  }

  private applicable(name: DefectName, dist: number): boolean {
    const rule = defectRules[name]
    const ds = this.distDataset[dist]
    if (rule.kinds && !rule.kinds.includes(this.kind(dist))) return false
    if (rule.spec === true && this.dsSpec[ds] < 0) return false
    if (rule.spec === false && this.dsSpec[ds] >= 0) return false
    if (rule.daily && frequencyList[this.dsFreq[ds]] !== 'DAILY') return false
    if (rule.unchangedDays !== undefined) {
      const v = this.scheduledVersion(dist, 0)
      if (v.changedDay > -3 || this.scheduledVersion(dist, rule.unchangedDays).version !== v.version) return false
    }
    return true
  }

  private setDefect(dist: number, name: DefectName, lifecycle: Lifecycle): void {
    const code = defectNames.indexOf(name)
    this.distDefect[dist] = code
    const rule = defectRules[name]
    if (name === 'missing-contact') this.dsFlags[this.distDataset[dist]] |= DS_NO_CONTACT
    if (name === 'missing-license') this.distMeta[dist] |= META_NO_LICENSE
    if (name === 'missing-format') this.distMeta[dist] |= META_NO_FORMAT
    if (!rule.varies) lifecycle = Lifecycle.Always
    this.distLife[dist] = lifecycle
    if (lifecycle === Lifecycle.From) {
      this.distLifeA[dist] = 1 + (hash32(this.seed, dist, Salt.distLifecycleDay) % 7)
    } else if (lifecycle === Lifecycle.Window) {
      const a = hash32(this.seed, dist, Salt.distLifecycleDay) % 6
      this.distLifeA[dist] = a
      this.distLifeB[dist] = a + 1 + (hash32(this.seed, dist, Salt.lifecycleLength) % 3)
    }
  }

  private assignDefects(opts: WorldModelOptions): void {
    const weights = defectNames.map((name) => Math.max(0, opts.defectWeights?.[name] ?? defectRules[name].weight))
    const rate = Math.max(0, Math.min(1, opts.defectRate))
    const n = this.distributionCount
    const counts = new Uint32Array(defectNames.length)
    const candidates: number[] = []
    for (let dist = 0; dist < n; dist++) {
      if (rand01(this.seed, dist, Salt.distDefect) >= rate) continue
      candidates.length = 0
      let total = 0
      for (let d = 0; d < defectNames.length; d++) {
        if (weights[d] > 0 && this.applicable(defectNames[d], dist)) {
          candidates.push(d)
          total += weights[d]
        }
      }
      if (total === 0) continue
      let r = rand01(this.seed, dist, Salt.distDefectPick) * total
      let chosen = candidates[candidates.length - 1]
      for (const d of candidates) {
        r -= weights[d]
        if (r < 0) {
          chosen = d
          break
        }
      }
      const lr = rand01(this.seed, dist, Salt.distLifecycle)
      const life = lr < 0.65 ? Lifecycle.Always : lr < 0.85 ? Lifecycle.From : Lifecycle.Window
      this.setDefect(dist, defectNames[chosen], life)
      if (this.distLife[dist] === Lifecycle.Always) counts[chosen]++
    }
    // Every enabled defect is present from day 0 at least once when the world is big
    // enough (four distributions per enabled defect), so a small test world still
    // exercises the whole table, or the part of it the test turned on.
    if (rate === 0 || n < weights.filter((w) => w > 0).length * 4) return
    for (let d = 0; d < defectNames.length; d++) {
      if (counts[d] > 0 || weights[d] === 0) continue
      const start = hash32(this.seed, d, 4242) % n
      for (let k = 0; k < n; k++) {
        const dist = (start + k) % n
        if (this.distDefect[dist] !== NO_DEFECT && counts[this.distDefect[dist]] <= 1) continue
        if (!this.applicable(defectNames[d], dist)) continue
        const previous = this.distDefect[dist]
        if (previous !== NO_DEFECT) {
          if (this.distLife[dist] === Lifecycle.Always) counts[previous]--
          this.clearMeta(dist, defectNames[previous])
        }
        this.setDefect(dist, defectNames[d], Lifecycle.Always)
        counts[d]++
        break
      }
    }
  }

  private clearMeta(dist: number, name: DefectName): void {
    if (name === 'missing-license') this.distMeta[dist] &= ~META_NO_LICENSE
    if (name === 'missing-format') this.distMeta[dist] &= ~META_NO_FORMAT
    if (name === 'missing-contact') {
      // Only clear when no sibling asked for it.
      const ds = this.distDataset[dist]
      const first = this.dsFirstDist[ds]
      let other = false
      for (let k = first; k < first + this.dsDistCount[ds]; k++) {
        if (k !== dist && this.distDefect[k] === defectNames.indexOf('missing-contact')) other = true
      }
      if (!other) this.dsFlags[ds] &= ~DS_NO_CONTACT
    }
  }

  /** The file kind of a distribution. */
  kind(dist: number): DistKind {
    return kindCodes[this.distKind[dist]]
  }

  /** The distribution's own wire/metadata defect (ignoring its day), or null. */
  baseDefect(dist: number): DefectName | null {
    const d = this.distDefect[dist]
    return d === NO_DEFECT ? null : defectNames[d]
  }

  /** The distribution's own defect if it is active on `day`, else null. */
  activeDefect(dist: number, day: number): DefectName | null {
    const d = this.distDefect[dist]
    if (d === NO_DEFECT) return null
    switch (this.distLife[dist] as Lifecycle) {
      case Lifecycle.Always:
        return defectNames[d]
      case Lifecycle.From:
        return day >= this.distLifeA[dist] ? defectNames[d] : null
      case Lifecycle.Window:
        return day >= this.distLifeA[dist] && day < this.distLifeB[dist] ? defectNames[d] : null
    }
    return null
  }

  /** The lifecycle of the distribution's defect: how it behaves over the days. */
  lifecycle(dist: number): { kind: 'always' | 'from' | 'window'; from?: number; until?: number } {
    switch (this.distLife[dist] as Lifecycle) {
      case Lifecycle.From:
        return { kind: 'from', from: this.distLifeA[dist] }
      case Lifecycle.Window:
        return { kind: 'window', from: this.distLifeA[dist], until: this.distLifeB[dist] }
      default:
        return { kind: 'always' }
    }
  }

  hasLicense(dist: number): boolean {
    return (this.distMeta[dist] & META_NO_LICENSE) === 0
  }
  hasFormat(dist: number): boolean {
    return (this.distMeta[dist] & META_NO_FORMAT) === 0
  }
  datasetHasContact(ds: number): boolean {
    return (this.dsFlags[ds] & DS_NO_CONTACT) === 0
  }
  datasetHasService(ds: number): boolean {
    return (this.dsFlags[ds] & DS_SERVICE) !== 0
  }
  datasetIsHvd(ds: number): boolean {
    return (this.dsFlags[ds] & DS_HVD) !== 0
  }
  frequency(ds: number): Frequency {
    return frequencyList[this.dsFreq[ds]]
  }

  /** True when the file is stale: declared DAILY, never changes. */
  isStale(dist: number): boolean {
    return this.baseDefect(dist) === 'stale'
  }

  /**
   * The content version of a distribution on `day` and the day it last changed.
   * Files change on their dataset's periodicity with a per-file phase; stale ones never
   * change and last changed well before day 0.
   */
  version(dist: number, day: number): { version: number; changedDay: number } {
    if (this.isStale(dist)) return { version: 0, changedDay: -(30 + (hash32(this.seed, dist, Salt.stale) % 60)) }
    return this.scheduledVersion(dist, day)
  }

  /** The version on `day` when the file changes on its dataset's periodicity (see version). */
  private scheduledVersion(dist: number, day: number): { version: number; changedDay: number } {
    const freq = this.frequency(this.distDataset[dist])
    const period = frequencies[freq]
    const phase = hash32(this.seed, dist, Salt.distPhase) % period
    const version = Math.floor((day + phase) / period)
    return { version, changedDay: version * period - phase }
  }

  /** The host index a distribution is served from; `refused` ones sit on a dead host (index ≥ hostCount). */
  hostOf(dist: number): number {
    if (this.baseDefect(dist) === 'refused') return this.hostCount + (hash32(this.seed, dist, 31337) % this.deadHostCount)
    return this.distHost[dist]
  }

  /** Number of world specs (for iteration). */
  get specCount(): number {
    return worldSpecs.length
  }
}
