import type { Lang } from '../src/i18n/lang.js'

/** Where a page was asked for: its path and query parameters (what a language link must keep). */
export interface PageAddress {
  path: string
  /** The query string as asked, with or without its leading "?". */
  search: string
}

/**
 * The address of the same page in `lang`: the same path and every query parameter kept
 * (an organisation's or dataset's `iri` above all), only `lang` set. Relative to the site.
 */
export function addressIn(here: PageAddress, lang: Lang): string {
  const params = new URLSearchParams(here.search)
  params.set('lang', lang)
  return `${here.path}?${params.toString()}`
}

/** A page of one organisation or dataset, in `lang`: `/organisation?iri=…&lang=en`. */
export function entityHref(kind: 'organisation' | 'dataset', iri: string, lang: Lang): string {
  return `/${kind}?${new URLSearchParams({ iri, lang }).toString()}`
}
