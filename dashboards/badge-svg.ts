/**
 * Public SVG quality badges, in the flat style people know from shields.io, drawn here
 * (no dependency) so a badge is one cheap string. Text widths are estimated from a
 * per-character table for Verdana 11px, which is what the badge declares.
 */

const WIDE = new Set('mwMWÅÄÖåäö%@'.split(''))
const NARROW = new Set('iljtfI.,:;!|\' '.split(''))

function textWidth(text: string): number {
  let w = 0
  for (const ch of text) w += WIDE.has(ch) ? 9.5 : NARROW.has(ch) ? 3.6 : ch >= 'A' && ch <= 'Z' ? 7.6 : 6.6
  return Math.ceil(w)
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
}

/** Colour for a 0–100 score: the same bands as the dashboard. Null = no data yet. */
export function scoreColour(score: number | null): string {
  if (score === null) return '#9f9f9f'
  if (score >= 90) return '#2e7d32'
  if (score >= 75) return '#689f38'
  if (score >= 50) return '#f9a825'
  if (score >= 25) return '#ef6c00'
  return '#c62828'
}

/** Renders a two-part badge `label | value`. */
export function badgeSvg(label: string, value: string, colour: string): string {
  const lw = textWidth(label) + 12
  const vw = textWidth(value) + 12
  const w = lw + vw
  const l = escapeXml(label)
  const v = escapeXml(value)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${l}: ${v}">` +
    `<title>${l}: ${v}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${colour}"/><rect width="${w}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">` +
    `<text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${l}</text><text x="${lw / 2}" y="14">${l}</text>` +
    `<text x="${lw + vw / 2}" y="15" fill="#010101" fill-opacity=".3">${v}</text><text x="${lw + vw / 2}" y="14">${v}</text>` +
    `</g></svg>`
  )
}
