import { scoreColour } from './badge-svg.js'

/** A score as a coloured chip; null shows as a grey dash (not scored is not zero). */
export function ScoreChip(props: { value: number | null | undefined }) {
  const v = props.value ?? null
  return (
    <span class="score" style={`background:${scoreColour(v)}`}>
      {v === null ? '–' : Math.round(v)}
    </span>
  )
}
