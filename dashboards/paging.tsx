import { t } from '../src/i18n/catalogue.js'
import type { Lang } from '../src/i18n/lang.js'
import { addressWith, paramOf, type PageAddress } from './page-address.js'

/** The page number a list's parameter asks for (1 when absent or not a number; pageOf clamps it). */
export function requestedPage(here: PageAddress, param: string): number {
  return Number(paramOf(here, param) ?? '1')
}

/**
 * Links to the previous and next page of a list whose page number is the query parameter
 * `param`; every other parameter of the address is kept. `anchor` is the list's id.
 */
export function Paging(props: { page: number; pages: number; here: PageAddress; lang: Lang; param: string; anchor: string; label?: string }) {
  const { page, pages, here, lang, param, anchor } = props
  if (pages <= 1) return null
  const href = (p: number) => addressWith(here, { [param]: String(p) }, anchor)
  return (
    <nav class="paging" aria-label={props.label ?? t(lang, 'pages.paging.label')}>
      {page > 1 ? <a href={href(page - 1)}>{t(lang, 'pages.paging.previous')}</a> : null}
      <span aria-current="page">{t(lang, 'pages.paging.position', { page, pages })}</span>
      {page < pages ? <a href={href(page + 1)}>{t(lang, 'pages.paging.next')}</a> : null}
    </nav>
  )
}
