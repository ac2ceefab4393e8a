/**
 * The address guard: datavakt fetches URLs that strangers put in catalogues, so it must
 * never be turned into a probe of the operator's own network (SSRF). Every connection
 * goes through `guardedLookup` (host names, checked after DNS resolution) or
 * `assertAllowedAddress` (IP literals, which never reach a lookup), so the check holds at
 * every redirect hop and for every new connection, before anything is sent.
 */
import { BlockList, isIP } from 'node:net'
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { DatavaktError } from '../i18n/datavakt-error.js'

/** Thrown (and classified `forbidden-target`) when a target is on a refused network. */
export class ForbiddenTargetError extends DatavaktError {
  override name = 'ForbiddenTargetError'
  declare readonly code: 'fetch.forbidden-target'
  readonly host: string
  readonly address: string

  constructor(host: string, address: string) {
    super('fetch.forbidden-target', { host, address })
    this.host = host
    this.address = address
  }
}

/**
 * A DNS lookup returning every address of a host. The engine always asks for all
 * addresses (`all: true`) so it can drop the refused ones.
 */
export type LookupAllFunction = (
  hostname: string,
  options: { all: true; family?: number; hints?: number },
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void

// Why each range: loopback and "this host" reach the checker itself; RFC 1918, CGNAT and
// ULA reach the operator's internal network; link-local holds the cloud metadata service
// (169.254.169.254); multicast/broadcast/reserved are never a web server; documentation
// ranges are never a public server either, so a catalogue naming one is probing us. The
// IANA special-purpose registries (RFC 6890) are the source.
const blocked = new BlockList()
blocked.addSubnet('0.0.0.0', 8, 'ipv4') // "this network", incl. the unspecified address
blocked.addSubnet('10.0.0.0', 8, 'ipv4')
blocked.addSubnet('100.64.0.0', 10, 'ipv4') // CGNAT
blocked.addSubnet('127.0.0.0', 8, 'ipv4')
blocked.addSubnet('169.254.0.0', 16, 'ipv4') // link-local, cloud metadata
blocked.addSubnet('172.16.0.0', 12, 'ipv4')
blocked.addSubnet('192.0.0.0', 24, 'ipv4') // IETF protocol assignments
blocked.addSubnet('192.0.2.0', 24, 'ipv4') // documentation (TEST-NET-1)
blocked.addSubnet('192.168.0.0', 16, 'ipv4')
blocked.addSubnet('198.18.0.0', 15, 'ipv4') // benchmarking
blocked.addSubnet('198.51.100.0', 24, 'ipv4') // documentation (TEST-NET-2)
blocked.addSubnet('203.0.113.0', 24, 'ipv4') // documentation (TEST-NET-3)
blocked.addSubnet('224.0.0.0', 4, 'ipv4') // multicast
blocked.addSubnet('240.0.0.0', 4, 'ipv4') // reserved + broadcast
blocked.addAddress('::', 'ipv6') // unspecified
blocked.addAddress('::1', 'ipv6') // loopback
blocked.addSubnet('64:ff9b:1::', 48, 'ipv6') // local-use NAT64: the operator's own translator
blocked.addSubnet('100::', 64, 'ipv6') // discard-only
blocked.addSubnet('2001::', 32, 'ipv6') // Teredo: tunnels to an address we cannot judge
blocked.addSubnet('2001:db8::', 32, 'ipv6') // documentation
blocked.addSubnet('fc00::', 7, 'ipv6') // unique local
blocked.addSubnet('fe80::', 10, 'ipv6') // link-local
blocked.addSubnet('fec0::', 10, 'ipv6') // old site-local
blocked.addSubnet('ff00::', 8, 'ipv6') // multicast

/**
 * True when `address` (an IPv4 or IPv6 literal, brackets allowed) is on a refused network.
 * IPv4-mapped addresses (::ffff:0:0/96) are refused whatever they carry: no server
 * publishes one, and a dual-stack socket would reach the IPv4 address inside. IPv4-
 * compatible, well-known NAT64 (64:ff9b::/96) and 6to4 forms are judged by the IPv4
 * address inside. Anything that is not an IP literal is refused too (it cannot be judged).
 */
export function isForbiddenAddress(address: string): boolean {
  const a = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  const family = isIP(a)
  if (family === 4) return blocked.check(a, 'ipv4')
  if (family !== 6) return true
  const words = expandIpv6(a)
  if (!words) return true
  // Before the BlockList: it would judge ::ffff:a.b.c.d by the IPv4 rules, and a rule for the
  // mapped range itself would match every IPv4 address too.
  if (isMapped(words)) return true
  if (blocked.check(a, 'ipv6')) return true
  const embedded = embeddedIpv4(words)
  return embedded !== null && blocked.check(embedded, 'ipv4')
}

const zero = (words: number[], from: number, to: number) => words.slice(from, to).every((w) => w === 0)

/** ::ffff:0:0/96, the IPv4-mapped range. */
function isMapped(words: number[]): boolean {
  return zero(words, 0, 5) && words[5] === 0xffff
}

/** The IPv4 address carried inside an IPv4-compatible, well-known NAT64 or 6to4 IPv6 address. */
function embeddedIpv4(words: number[]): string | null {
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
  if (zero(words, 0, 6)) return v4(words[6], words[7]) // compatible (deprecated)
  if (words[0] === 0x64 && words[1] === 0xff9b && zero(words, 2, 6)) return v4(words[6], words[7]) // NAT64
  if (words[0] === 0x2002) return v4(words[1], words[2]) // 6to4
  return null
}

function expandIpv6(v6: string): number[] | null {
  let s = v6.split('%')[0]
  // A trailing dotted IPv4 part becomes two 16-bit words.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s)
  if (dotted) {
    const [b0, b1, b2, b3] = dotted.slice(1).map(Number)
    s = s.slice(0, dotted.index) + ((b0 << 8) | b1).toString(16) + ':' + ((b2 << 8) | b3).toString(16)
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, null]
  const h = head ? head.split(':') : []
  const t = tail ? tail.split(':') : []
  const fill = tail === null ? 0 : 8 - h.length - t.length
  if (fill < 0) return null
  const words = [...h, ...Array<string>(fill).fill('0'), ...t].map((w) => parseInt(w, 16))
  return words.length === 8 && words.every((w) => Number.isFinite(w)) ? words : null
}

/**
 * Who may be reached: `allowPrivateNetworks` lifts the guard; `allowAddresses` exempts
 * single IPs (an operator's own internal catalogue, or a test's "public" server).
 */
export interface AddressPolicy {
  allowPrivateNetworks: boolean
  allowAddresses?: readonly string[]
}

function refused(address: string, policy: AddressPolicy): boolean {
  if (policy.allowPrivateNetworks) return false
  if (policy.allowAddresses?.includes(address)) return false
  return isForbiddenAddress(address)
}

/** Throws ForbiddenTargetError when `host` is an IP literal on a refused network. */
export function assertAllowedAddress(host: string, policy: AddressPolicy): void {
  const bare = host.startsWith('[') ? host.slice(1, -1) : host
  if (isIP(bare) && refused(bare, policy)) throw new ForbiddenTargetError(host, bare)
}

type NodeLookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/**
 * A `lookup` for net/tls `connect` that resolves every address of the host and drops the
 * refused ones; when none is left it fails with ForbiddenTargetError, so nothing is
 * connected. With `allowPrivateNetworks` it only passes the addresses through.
 */
export function guardedLookup(policy: AddressPolicy, base?: LookupAllFunction) {
  const resolveAll: LookupAllFunction =
    base ?? ((hostname, options, callback) => dnsLookup(hostname, options, callback))
  return function lookup(
    hostname: string,
    options: { all?: boolean; family?: number | string; hints?: number } | NodeLookupCallback,
    maybeCallback?: NodeLookupCallback,
  ): void {
    const callback = (typeof options === 'function' ? options : maybeCallback) as NodeLookupCallback
    const opts = typeof options === 'function' ? {} : options
    const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : typeof opts.family === 'number' ? opts.family : 0
    resolveAll(hostname, { all: true, family, hints: opts.hints }, (err, addresses) => {
      if (err) return callback(err, [])
      const allowed = addresses.filter((a) => !refused(a.address, policy))
      if (allowed.length === 0) {
        return callback(new ForbiddenTargetError(hostname, addresses[0]?.address ?? '?') as NodeJS.ErrnoException, [])
      }
      if (opts.all) callback(null, allowed)
      else callback(null, allowed[0].address, allowed[0].family)
    })
  }
}
