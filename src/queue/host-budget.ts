/**
 * How many hosts a worker holds at once.
 *
 * A worker starts with as many hosts as can fill the global request slots when each host
 * keeps all its connections busy: `globalConcurrency ÷ perHostConnections` (64 with the
 * defaults). That is what a host does when nothing makes it wait between requests. A
 * per-host gap (250 ms by default) or a Retry-After pause leaves a host's connections idle
 * most of the time, and then the slots are not filled: the worker takes more hosts, by as
 * many as the slots left idle over the last stretch could serve, up to `maxHosts`. It
 * takes more only when all of these held over the stretch:
 *   - some request waited for its host's gap or pause (politeness left slots idle, so
 *     more hosts will fill them);
 *   - no request waited for a global slot (they are full);
 *   - the probe writer held no probe back (the database is what the hosts wait for).
 * Slots left idle for any other reason (the database, a busy processor) are not filled by
 * more hosts: on the embedded database at no gap, growing on idle slots alone took 64
 * hosts to 97, for 10-15 MB more and no more speed.
 *
 * Why not simply hold `maxHosts`: every request of every held host waits its turn for a
 * global slot, so holding more hosts than the slots can serve only stretches each one. At
 * the peers' politeness (no gap), 205 hosts held on 128 slots stretched the largest hosts,
 * which are claimed first, to three times their own time, and the whole sweep by a
 * quarter (docs/benchmarks.md). A host held but starved of slots also makes no progress,
 * and a host without progress stops renewing its lease.
 */
import type { SlotLoad } from '../fetch/politeness.js'

/** How long a stretch of load is watched before the worker takes more hosts. */
export const LOAD_STRETCH_MS = 1000

export class HostBudget {
  private hosts: number
  private stretchFrom: number

  constructor(
    private readonly o: {
      globalConcurrency: number
      perHostConnections: number
      maxHosts: number
      /** The engine's slot load since the last call (FetchEngine.sampleLoad). */
      sampleLoad: () => SlotLoad
      /** Whether the probe writer held probes back since the last call (ProbeWriter.fellBehind). */
      fellBehind: () => boolean
      now?: () => number
    },
  ) {
    this.hosts = Math.min(o.maxHosts, Math.max(1, Math.ceil(o.globalConcurrency / Math.max(1, o.perHostConnections))))
    this.stretchFrom = this.now()
    // The stretch starts now: what came before (another user of the engine) is not ours.
    o.sampleLoad()
    o.fellBehind()
  }

  /**
   * How many hosts to hold now. Once a stretch of LOAD_STRETCH_MS has passed, it grows by
   * the hosts the idle slots could serve, when politeness held requests back and neither
   * the slots nor the writer did.
   */
  current(): number {
    const now = this.now()
    if (now - this.stretchFrom < LOAD_STRETCH_MS || this.hosts >= this.o.maxHosts) return this.hosts
    this.stretchFrom = now
    const load = this.o.sampleLoad()
    const behind = this.o.fellBehind()
    if (load.heldByGap && !load.waited && !behind) {
      const idle = Math.max(0, load.limit - load.peakInFlight)
      this.hosts = Math.min(this.o.maxHosts, this.hosts + Math.floor(idle / Math.max(1, this.o.perHostConnections)))
    }
    return this.hosts
  }

  private now(): number {
    return this.o.now ? this.o.now() : Date.now()
  }
}
