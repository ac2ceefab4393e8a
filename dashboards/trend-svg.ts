/**
 * A small line chart of a value over days, as an SVG string: the trends on organisation
 * and region pages. Days without data are gaps, not zeros (a missing rollup is not a
 * score of 0). The vertical axis is fitted to the data, so a drop from 95 to 89 shows;
 * the last, lowest and highest values are written on the chart. The chart is an image
 * named by its `<title>`; the page puts the same values in a table beside it.
 */
export interface TrendPoint {
  day: string // YYYY-MM-DD
  value: number | null
}

export interface TrendOptions {
  /** The chart's accessible name (its `<title>`). */
  label: string
  /** A unique id on the page, for `aria-labelledby`. */
  id: string
  width?: number
  height?: number
  /** The largest value the axis may show (100 for scores); no cap when absent. */
  max?: number
}

const esc = (s: string) => s.replace(/[<&"]/g, (c) => ({ '<': '&lt;', '&': '&amp;', '"': '&quot;' })[c]!)

/** A step of 1, 2 or 5 times a power of ten that cuts `span` into about four parts. */
function niceStep(span: number): number {
  const raw = Math.max(span, 1e-9) / 4
  const pow = 10 ** Math.floor(Math.log10(raw))
  const f = raw / pow
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow
}

/** The axis' bottom, top and grid step, fitted to the values with a little room around them. */
export function fittedAxis(values: number[], max?: number): { lo: number; hi: number; step: number } {
  if (values.length === 0) return { lo: 0, hi: max ?? 1, step: niceStep(max ?? 1) }
  let lo = Math.min(...values)
  let hi = Math.max(...values)
  if (hi - lo < 4) {
    lo -= 2
    hi += 2
  }
  const step = niceStep(hi - lo)
  lo = Math.max(0, Math.floor(lo / step) * step)
  hi = Math.ceil(hi / step) * step
  if (max !== undefined) hi = Math.min(max, hi)
  if (hi <= lo) hi = lo + step
  return { lo, hi, step }
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1)
}

export function trendSvg(points: TrendPoint[], opts: TrendOptions): string {
  const width = opts.width ?? 560
  const height = opts.height ?? 160
  const pad = { l: 36, r: 36, t: 18, b: 22 }
  const iw = width - pad.l - pad.r
  const ih = height - pad.t - pad.b
  const n = points.length
  const known = points.flatMap((p, i) => (p.value === null ? [] : [{ i, v: p.value }]))
  const { lo, hi, step } = fittedAxis(
    known.map((k) => k.v),
    opts.max,
  )
  const x = (i: number) => pad.l + (n <= 1 ? iw / 2 : (i * iw) / (n - 1))
  const y = (v: number) => pad.t + ih - ((v - lo) / (hi - lo)) * ih
  let grid = ''
  for (let g = lo; g <= hi + step / 1000; g += step) {
    grid +=
      `<line x1="${pad.l}" x2="${width - pad.r}" y1="${y(g).toFixed(1)}" y2="${y(g).toFixed(1)}" stroke="#d6d6d6"/>` +
      `<text x="${pad.l - 4}" y="${(y(g) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#5f6368">${fmt(g)}</text>`
  }
  let path = ''
  let pen = false
  points.forEach((p, i) => {
    if (p.value === null) return void (pen = false)
    path += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`
    pen = true
  })
  const dots = known.map((k) => `<circle cx="${x(k.i).toFixed(1)}" cy="${y(k.v).toFixed(1)}" r="2.5" fill="#1565c0"/>`).join('')
  const labelled = new Map<number, number>()
  if (known.length) {
    const last = known[known.length - 1]!
    const minK = known.reduce((a, b) => (b.v < a.v ? b : a))
    const maxK = known.reduce((a, b) => (b.v > a.v ? b : a))
    for (const k of [minK, maxK, last]) labelled.set(k.i, k.v)
  }
  // A value at either end is written inwards, clear of the axis' own numbers.
  const anchor = (i: number) => (n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle')
  const values = [...labelled]
    .map(
      ([i, v]) =>
        `<text x="${x(i).toFixed(1)}" y="${(y(v) - 6).toFixed(1)}" font-size="11" font-weight="600" fill="#1d1d1f" text-anchor="${anchor(i)}">${fmt(Math.round(v * 10) / 10)}</text>`,
    )
    .join('')
  const first = points[0]?.day ?? ''
  const lastDay = points[n - 1]?.day ?? ''
  const titleId = `${opts.id}-title`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId}" class="chart" id="${esc(opts.id)}">` +
    `<title id="${titleId}">${esc(opts.label)}</title>` +
    grid +
    `<path d="${path}" fill="none" stroke="#1565c0" stroke-width="2"/>` +
    dots +
    values +
    `<text x="${pad.l}" y="${height - 6}" font-size="11" fill="#5f6368">${first}</text>` +
    `<text x="${width - pad.r}" y="${height - 6}" font-size="11" fill="#5f6368" text-anchor="end">${lastDay}</text>` +
    `</svg>`
  )
}
