import { scoreBand } from './score-band.js'

/**
 * A score as a chip: dark text on a light tint of its band's colour, so the number
 * keeps a contrast of at least 4.5:1 whatever the band (the CSS is in page-css.ts).
 * Null shows as a grey dash.
 */
export function ScoreChip(props: { value: number | null | undefined }) {
  const v = props.value ?? null
  return <span class={`score band-${scoreBand(v)}`}>{v === null ? '–' : Math.round(v)}</span>
}
