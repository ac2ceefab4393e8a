/**
 * A small line chart of a score over days, as an SVG string: the trend on organisation
 * and region pages. Days without data are gaps, not zeros (a missing rollup is not a
 * score of 0).
 */
export interface TrendPoint {
  day: string // YYYY-MM-DD
  value: number | null
}

export function trendSvg(points: TrendPoint[], opts: { width?: number; height?: number; label?: string } = {}): string {
  const width = opts.width ?? 560
  const height = opts.height ?? 140
  const pad = { l: 32, r: 8, t: 10, b: 22 }
  const iw = width - pad.l - pad.r
  const ih = height - pad.t - pad.b
  const n = points.length
  const x = (i: number) => pad.l + (n <= 1 ? iw / 2 : (i * iw) / (n - 1))
  const y = (v: number) => pad.t + ih - (v / 100) * ih
  const grid = [0, 25, 50, 75, 100]
    .map(
      (g) =>
        `<line x1="${pad.l}" x2="${width - pad.r}" y1="${y(g)}" y2="${y(g)}" stroke="#e0e0e0"/>` +
        `<text x="${pad.l - 4}" y="${y(g) + 4}" text-anchor="end" font-size="10" fill="#666">${g}</text>`,
    )
    .join('')
  let path = ''
  let pen = false
  points.forEach((p, i) => {
    if (p.value === null) {
      pen = false
      return
    }
    path += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`
    pen = true
  })
  const dots = points
    .map((p, i) =>
      p.value === null ? '' : `<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="2.5" fill="#1565c0"><title>${p.day}: ${p.value}</title></circle>`,
    )
    .join('')
  const first = points[0]?.day ?? ''
  const last = points[n - 1]?.day ?? ''
  const label = opts.label ? `<title>${opts.label.replace(/[<&]/g, '')}</title>` : ''
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="trend">${label}` +
    grid +
    `<path d="${path}" fill="none" stroke="#1565c0" stroke-width="2"/>` +
    dots +
    `<text x="${pad.l}" y="${height - 6}" font-size="10" fill="#666">${first}</text>` +
    `<text x="${width - pad.r}" y="${height - 6}" font-size="10" fill="#666" text-anchor="end">${last}</text>` +
    `</svg>`
  )
}
