import type { Child } from 'hono/jsx'

/**
 * A box around a wide table that scrolls sideways by itself, so the page reflows at
 * 320 px (WCAG 1.4.10) without the whole page scrolling. It is a named region that takes
 * focus, so a keyboard user can scroll it too.
 */
export function ScrollBox(props: { label: string; children: Child }) {
  return (
    <div class="table-scroll" role="region" aria-label={props.label} tabindex={0}>
      {props.children}
    </div>
  )
}
