/**
 * The demo's default size, in one place: the demo command, its help and the README's
 * figures all come from here.
 */

/** Distributions in the demo's world unless --size says otherwise. */
export const DEMO_DISTRIBUTIONS = 2000
/** One answering file host per this many distributions ... */
export const DISTRIBUTIONS_PER_HOST = 15
/** ... and never fewer than this many. */
export const MIN_HOSTS = 60

/** Answering file hosts for a world of `distributions` when --hosts is not given. */
export function defaultHostCount(distributions: number): number {
  return Math.max(MIN_HOSTS, Math.ceil(distributions / DISTRIBUTIONS_PER_HOST))
}

/** Hosts in the world's address range where nobody listens, for `hosts` answering ones. */
export function deadHostCount(hosts: number): number {
  return Math.max(1, Math.ceil(hosts / 40))
}

/** The figures (and the region's name) `datavakt demo --help` states. */
export function demoHelpFigures(): Record<string, number | string> {
  const hosts = defaultHostCount(DEMO_DISTRIBUTIONS)
  return { region: 'Västra Götaland', size: DEMO_DISTRIBUTIONS, perHost: DISTRIBUTIONS_PER_HOST, minHosts: MIN_HOSTS, hosts, dead: deadHostCount(hosts) }
}
