import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import type { DefectName } from './defect-rules.js'
import { truthEntry, writeGroundTruthFile, type GroundTruthEntry } from './truth-entry.js'
import { WorldHandler } from './world-handler.js'
import { WorldLayout, catalogueIp, specIp, type Addressing } from './world-layout.js'
import { WorldModel } from './world-model.js'
import { worldSpecs } from './world-specs.js'
import { DEMO_DISTRIBUTIONS, defaultHostCount } from './demo-size.js'
import type { MessageParams } from '../domain/finding.js'
import type { MessageKey } from '../i18n/catalogue.js'
import { DatavaktError } from '../i18n/datavakt-error.js'

export type { GroundTruthEntry } from './truth-entry.js'
export type { DefectName } from './defect-rules.js'
export { defectNames, defectRules } from './defect-rules.js'

/** How to build and run a simulated world. Everything has a default. */
export interface WorldOptions {
  /** Default 1. Same seed and options → same world, byte for byte. */
  seed?: number
  /** Default 2000 (Västra Götaland: 49 municipalities + the region). */
  distributions?: number
  /** Distribution hosts (distinct 127.0.x.y addresses, or ports on 127.0.0.1), default defaultHostCount(distributions), up to 10,000. */
  hosts?: number
  /** Default 50 (the real Västra Götaland names); more get generated names. */
  organisations?: number
  /** The simulated day the world starts on, default 0. */
  day?: number
  /** Share of distributions with some defect, default 0.3. */
  defectRate?: number
  /** Relative weight of each defect inside defectRate (0 turns one off). */
  defectWeights?: Partial<Record<DefectName, number>>
  /** How long timeout / no-response stall, default 120,000 ms (until the client gives up). */
  slowMs?: number
  /** Retry-After on 429/503, default 10 s. */
  retryAfterSeconds?: number
  /** Size of the huge body, default 5 GiB (streamed lazily, never held in memory). */
  hugeBytes?: number
  /** Inflated size of the gzip bomb, default 4 GiB. */
  bombBytes?: number
  /**
   * The port every world host listens on. Default: a free one chosen at start. Pass the
   * same port to get byte-identical catalogues and ground truth across runs (URLs
   * contain it).
   */
  port?: number
  /** Calendar date of day 0 (ISO, UTC midnight), default 2026-01-01. Last-Modified dates derive from it. */
  epoch?: string
  /**
   * `ips` (one loopback address per host, one shared port), `ports` (all on 127.0.0.1,
   * one port per host) or `auto` (default: `ips`, falling back to `ports` where only
   * 127.0.0.1 exists, as on macOS).
   */
  addressing?: 'ips' | 'ports' | 'auto'
}

/** A running simulated region (see /tmp/world-contract.md). */
export interface World {
  /** One per organisation: DCAT-AP-SE RDF/XML catalogue URL served by the world. */
  catalogues: { organisationIri: string; name: string; url: string }[]
  /** The world's own specifications: conformsTo URI (serves CSVW schema.json JSON itself). */
  specs: { uri: string; name: string }[]
  /** The current simulated day. */
  day: number
  /** Moves the clock: from now on every host answers as on `day`. Refuses negative or non-integer days. */
  setDay(day: number): void
  /** Ground truth for the current day (or a given day), one entry per distribution. */
  truth(day?: number): Iterable<GroundTruthEntry>
  /** Writes ground truth as JSON Lines for the given days (default: the current day). */
  writeGroundTruth(path: string, days?: number[]): Promise<void>
  /** Every distinct host:port serving distributions (listening). */
  hosts: string[]
  /** Hosts that appear in catalogues but where nothing listens (the "refused" defect). */
  deadHosts: string[]
  /** The port shared by all world hosts (`ips`), or the first of their ports (`ports`). */
  port: number
  /** How hosts are told apart: own loopback address each, or own port each on 127.0.0.1. */
  addressing: 'ips' | 'ports'
  /** Base URL of the catalogue host (its "/" lists catalogues and specs as JSON). */
  indexUrl: string
  /** Number of distributions and datasets in the world. */
  distributionCount: number
  datasetCount: number
  /** The calendar instant (UTC midnight) of a world day. */
  dateOf(day: number): Date
  /** Requests served since start. */
  requestCount(): number
  /** Open client connections and stalled requests right now (both drop to 0 when clients leave). */
  stats(): { openConnections: number; pendingStalls: number; requests: number }
  /**
   * Per distribution host: connections open now, the most ever open at once, the most
   * requests ever in flight at once (received, response not yet finished), and requests
   * served. Shows whether a checker kept to its per-host politeness limit.
   */
  hostStats(): { host: string; open: number; maxOpen: number; maxInFlight: number; requests: number }[]
  close(): Promise<void>
}

/** Thrown when the world cannot start (no free port, an address that cannot be bound). */
export class WorldStartError extends DatavaktError {
  override name = 'WorldStartError'
  declare readonly code: Extract<MessageKey, `demo.error.world-${string}`>

  constructor(code: WorldStartError['code'], params: MessageParams = {}, options?: { cause?: unknown }) {
    super(code, params, options)
  }
}

function listen(server: Server, port: number, ip: string): Promise<void> {
  server.listen(port, ip)
  return Promise.race([once(server, 'listening').then(() => undefined), once(server, 'error').then(([e]) => Promise.reject(e))])
}

/**
 * `ips` addressing: the first target takes `port` (0 = any free one) and every other
 * target binds the same port on its own loopback address. Returns the port.
 */
async function listenOnIps(targets: { ip: string; server: Server }[], port: number): Promise<number> {
  await listen(targets[0].server, port, targets[0].ip)
  const chosen = (targets[0].server.address() as { port: number }).port
  await Promise.all(targets.slice(1).map(({ ip, server }) => listen(server, chosen, ip)))
  return chosen
}

/** `ports` addressing: every target on 127.0.0.1 at base + its offset. */
async function listenOnPorts(targets: { offset: number; server: Server }[], base: number): Promise<number> {
  await Promise.all(targets.map(({ offset, server }) => listen(server, base + offset, '127.0.0.1')))
  return base
}

async function closeServers(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections()
          if (!s.listening) return resolve()
          s.close(() => resolve())
        }),
    ),
  )
}

/** Open connections and requests, overall and per distribution host (index ≥ 0). */
class ServerCounters {
  openConnections = 0
  readonly open: Uint32Array
  readonly maxOpen: Uint32Array
  readonly inFlight: Uint32Array
  readonly maxInFlight: Uint32Array
  readonly requests: Float64Array

  constructor(hostCount: number) {
    this.open = new Uint32Array(hostCount)
    this.maxOpen = new Uint32Array(hostCount)
    this.inFlight = new Uint32Array(hostCount)
    this.maxInFlight = new Uint32Array(hostCount)
    this.requests = new Float64Array(hostCount)
  }

  /** A server for `hostIndex` (-1 catalogue host, -2 specification host) that counts and hands requests to `holder.handler`. */
  server(hostIndex: number, holder: { handler: WorldHandler | null }): Server {
    const s = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
      if (hostIndex >= 0) {
        this.requests[hostIndex]++
        const inFlight = ++this.inFlight[hostIndex]
        if (inFlight > this.maxInFlight[hostIndex]) this.maxInFlight[hostIndex] = inFlight
        res.once('close', () => this.inFlight[hostIndex]--)
      }
      holder.handler?.handle(hostIndex, req, res)
    })
    s.on('clientError', (_err, socket) => socket.destroy())
    s.on('connection', (socket) => {
      this.openConnections++
      if (hostIndex >= 0) {
        ++this.open[hostIndex]
        // Judged once the events that arrived with this connection are handled: a client
        // that ends one connection and opens the next sends the FIN (or reset) before the
        // SYN, but one poll of the event loop can hand the server both, the new connection
        // first. The most open at once counts connections the client had not yet ended.
        setImmediate(() => {
          if (this.open[hostIndex]! > this.maxOpen[hostIndex]!) this.maxOpen[hostIndex] = this.open[hostIndex]!
        })
      }
      // A connection is over for the client once it sent its FIN or reset ('end', 'error'),
      // which can be well before the server's side of it has closed ('close').
      let over = false
      const end = () => {
        if (over) return
        over = true
        this.openConnections--
        if (hostIndex >= 0) this.open[hostIndex]--
      }
      socket.once('end', end)
      socket.once('error', end)
      socket.once('close', end)
    })
    return s
  }
}

/** The distribution hosts that carry at least one distribution: only they listen. */
function liveHostsOf(model: WorldModel): number[] {
  const used = new Uint8Array(model.hostCount)
  for (let d = 0; d < model.distributionCount; d++) {
    const h = model.hostOf(d)
    if (h < model.hostCount) used[h] = 1
  }
  const live: number[] = []
  for (let h = 0; h < model.hostCount; h++) if (used[h]) live.push(h)
  return live
}

/** The world's servers, listening, with the layout their addresses give and the handler behind them. */
interface BoundWorld {
  layout: WorldLayout
  handler: WorldHandler
  servers: Server[]
}

/**
 * Binds a server per host (catalogue, specification, then each live host, as WorldLayout
 * lays them out), on one port with an address each, or on 127.0.0.1 with a port each.
 * Tries again on another port when one is taken; falls back to ports where only
 * 127.0.0.1 exists (macOS).
 */
async function bindWorld(model: WorldModel, liveHosts: number[], opts: WorldOptions, counters: ServerCounters, handlerFor: (layout: WorldLayout) => WorldHandler): Promise<BoundWorld> {
  const attempts = opts.port !== undefined ? 2 : 10
  let lastError: unknown
  let addressing: Addressing = opts.addressing === 'ports' ? 'ports' : 'ips'
  for (let attempt = 0; attempt < attempts; attempt++) {
    const holder: { handler: WorldHandler | null } = { handler: null }
    const targets = [
      { ip: catalogueIp, offset: 0, server: counters.server(-1, holder) },
      { ip: specIp, offset: 1, server: counters.server(-2, holder) },
      ...liveHosts.map((h) => ({ ip: `127.0.${1 + Math.floor(h / 250)}.${1 + (h % 250)}`, offset: 2 + h, server: counters.server(h, holder) })),
    ]
    const servers = targets.map((t) => t.server)
    try {
      let port: number
      if (addressing === 'ips') {
        port = await listenOnIps(targets, opts.port ?? 0)
      } else {
        const span = WorldLayout.portSpan(model)
        if (span > 40_000) throw new WorldStartError('demo.error.world-too-many-hosts', { n: span })
        port = await listenOnPorts(targets, opts.port ?? 20_000 + Math.floor(Math.random() * (45_000 - span)))
      }
      const layout = new WorldLayout(model, port, addressing)
      holder.handler = handlerFor(layout)
      return { layout, handler: holder.handler, servers }
    } catch (err) {
      lastError = err
      await closeServers(servers)
      // Only 127.0.0.1 exists here (macOS): fall back to one port per host.
      if ((err as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL' && addressing === 'ips' && opts.addressing !== 'ips') addressing = 'ports'
      else if (err instanceof WorldStartError) break
    }
  }
  throw new WorldStartError('demo.error.world-cannot-start', {}, { cause: lastError })
}

/**
 * Builds the world from its options and starts serving it on loopback: one catalogue
 * host (127.0.100.1), one specification host (127.0.100.2) and `hosts` distribution hosts
 * (127.0.1.1, 127.0.1.2, …), all on one port, in this process. Where only 127.0.0.1
 * exists (macOS) it falls back to one port per host on 127.0.0.1. Refuses (throws
 * WorldStartError) when the addresses cannot be bound, e.g. a fixed port that is taken.
 */
export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  const model = new WorldModel({
    seed: opts.seed ?? 1,
    distributions: opts.distributions ?? DEMO_DISTRIBUTIONS,
    hosts: opts.hosts ?? defaultHostCount(opts.distributions ?? DEMO_DISTRIBUTIONS),
    organisations: opts.organisations ?? 50,
    defectRate: opts.defectRate ?? 0.3,
    defectWeights: opts.defectWeights,
  })
  const epochMs = Date.parse(`${opts.epoch ?? '2026-01-01'}T00:00:00Z`)
  if (Number.isNaN(epochMs)) throw new WorldStartError('demo.error.world-epoch', { value: opts.epoch })
  const clock = { day: checkDay(opts.day ?? 0) }
  const handlerOptions = {
    slowMs: opts.slowMs ?? 120_000,
    retryAfterSeconds: opts.retryAfterSeconds ?? 10,
    hugeBytes: opts.hugeBytes ?? 5 * 1024 ** 3,
    bombBytes: opts.bombBytes ?? 4 * 1024 ** 3,
  }
  const liveHosts = liveHostsOf(model)
  const counters = new ServerCounters(model.hostCount)
  const bound = await bindWorld(model, liveHosts, opts, counters, (layout) => new WorldHandler(layout, epochMs, handlerOptions, () => clock.day))
  return worldOf({ model, bound, counters, liveHosts, epochMs, clock })
}

/** The running world's face: its addresses, clock, ground truth and counters. */
function worldOf(w: { model: WorldModel; bound: BoundWorld; counters: ServerCounters; liveHosts: number[]; epochMs: number; clock: { day: number } }): World {
  const { model, counters, liveHosts, epochMs, clock } = w
  const { layout: lay, handler: hand, servers } = w.bound
  const truth = function* (d: number): Generator<GroundTruthEntry> {
    for (let dist = 0; dist < model.distributionCount; dist++) yield truthEntry(lay, epochMs, dist, d)
  }
  const deadHosts: string[] = []
  for (let k = 0; k < model.deadHostCount; k++) deadHosts.push(lay.hostName(model.hostCount + k))
  return {
    catalogues: model.organisations.map((o, i) => ({ organisationIri: lay.orgIri(i), name: o.displayName, url: lay.catalogueUrl(i) })),
    specs: worldSpecs.map((s, i) => ({ uri: lay.specUri(i), name: `${s.name} ${s.version}` })),
    get day() {
      return clock.day
    },
    set day(d: number) {
      clock.day = checkDay(d)
    },
    setDay(d: number) {
      clock.day = checkDay(d)
    },
    truth: (d?: number) => truth(d === undefined ? clock.day : checkDay(d)),
    async writeGroundTruth(path: string, days?: number[]) {
      const list = days ?? [clock.day]
      const all = function* () {
        for (const d of list) yield* truth(checkDay(d))
      }
      await writeGroundTruthFile(path, all())
    },
    hosts: liveHosts.map((h) => lay.hostName(h)),
    deadHosts,
    port: lay.port,
    addressing: lay.addressing,
    indexUrl: `http://${lay.catalogueHost}/`,
    distributionCount: model.distributionCount,
    datasetCount: model.datasetCount,
    dateOf: (d: number) => new Date(epochMs + d * 86_400_000),
    requestCount: () => hand.requests,
    stats: () => ({ openConnections: counters.openConnections, pendingStalls: hand.pendingStalls, requests: hand.requests }),
    hostStats: () => liveHosts.map((h) => ({ host: lay.hostName(h), open: counters.open[h], maxOpen: counters.maxOpen[h], maxInFlight: counters.maxInFlight[h], requests: counters.requests[h] })),
    async close() {
      hand.clearTimers()
      await closeServers(servers)
    },
  }
}

function checkDay(d: number): number {
  if (!Number.isInteger(d) || d < 0) throw new RangeError(`ogiltig dag: ${d} (heltal ≥ 0 krävs)`)
  return d
}
