import type { Child } from 'hono/jsx'
import { ScrollBox } from './scroll-box.js'

/** A heading of a DataTable column: its words, or `{ heading, num: true }` for a right-aligned column of numbers. */
export type Column = string | { heading: Child; num: true }

/**
 * A listing as every page draws one: a table in a ScrollBox named `label`, with the label
 * as caption when `caption` is set, a row of `scope="col"` headings from `columns` (or the
 * heading cells given as `head`), and the rows as children.
 */
export function DataTable(props: { label: string; id?: string; class?: string; caption?: boolean; columns?: Column[]; head?: Child; children: Child }) {
  return (
    <ScrollBox label={props.label}>
      <table id={props.id} class={props.class}>
        {props.caption ? <caption class="muted">{props.label}</caption> : null}
        <thead>
          <tr>
            {props.columns?.map((c) =>
              typeof c === 'string' ? (
                <th scope="col">{c}</th>
              ) : (
                <th scope="col" class="num">
                  {c.heading}
                </th>
              ),
            )}
            {props.head}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </ScrollBox>
  )
}
