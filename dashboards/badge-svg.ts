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

/** Renders a two-part badge `label | value`: the value on `colours.fill` in `colours.text`, and `title` as its accessible name. */
export function badgeSvg(label: string, value: string, colours: { fill: string; text: string }, title = `${label}: ${value}`): string {
  const lw = textWidth(label) + 12
  const vw = textWidth(value) + 12
  const w = lw + vw
  const l = escapeXml(label)
  const v = escapeXml(value)
  const shadow = colours.text === '#ffffff' ? `<text x="${lw + vw / 2}" y="15" fill="#010101" fill-opacity=".3">${v}</text>` : ''
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${escapeXml(title)}">` +
    `<title>${escapeXml(title)}</title>` +
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555555"/><rect x="${lw}" width="${vw}" height="20" fill="${colours.fill}"/></g>` +
    `<g text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">` +
    `<text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${l}</text><text x="${lw / 2}" y="14" fill="#ffffff">${l}</text>` +
    `${shadow}<text x="${lw + vw / 2}" y="14" fill="${colours.text}">${v}</text>` +
    `</g></svg>`
  )
}
