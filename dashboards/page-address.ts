import type { Lang } from '../src/i18n/lang.js'

/** Where a page was asked for: its path and query parameters (what a language link must keep). */
export interface PageAddress {
  path: string
  /** The query string as asked, with or without its leading "?". */
  search: string
}

/**
 * The address of the same page with some parameters changed (null: removed) and every other
 * one kept, relative to the site; `hash` is added as `#hash`.
 */
export function addressWith(here: PageAddress, changes: Record<string, string | null>, hash?: string): string {
  const params = new URLSearchParams(here.search)
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key)
    else params.set(key, value)
  }
  const query = params.toString()
  return `${here.path}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`
}

/** A query parameter of the page, or undefined. */
export function paramOf(here: PageAddress, key: string): string | undefined {
  return new URLSearchParams(here.search).get(key) ?? undefined
}

/**
 * The address of the same page in `lang`: the same path and every query parameter kept
 * (an organisation's or dataset's `iri`, and `sort`, `q`, `days`, `page` …), only `lang` set.
 */
export function addressIn(here: PageAddress, lang: Lang): string {
  return addressWith(here, { lang })
}

/** A page of one organisation, dataset or distribution (file), in `lang`: `/organisation?iri=…&lang=en`. */
export function entityHref(kind: 'organisation' | 'dataset' | 'distribution', iri: string, lang: Lang): string {
  return `/${kind}?${new URLSearchParams({ iri, lang }).toString()}`
}
