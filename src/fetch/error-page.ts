/**
 * Recognises an HTML error page ("soft 404"): a page that says the thing was not found
 * while the server answered 200. We look at the <title>, the first headings and the
 * start of the visible text, in Swedish and English, because that is what Swedish
 * municipal CMSs (SiteVision, EPiServer, WordPress, EntryScape) and CDNs send.
 * Refuses to judge ordinary pages: only explicit not-found/error wording counts. Used by
 * the probe (web-page.ts: `soft-404`) and by the content checks (checks/format.ts).
 */

const PATTERNS: RegExp[] = [
  /\b404\b/,
  /\b410\b.*\b(gone|borttagen)\b/i,
  /page (was )?not found/i,
  /not found/i,
  /could not be found/i,
  /cannot be found/i,
  /does not exist/i,
  /no longer (exists|available)/i,
  /sidan (hittades|kunde) inte/i,
  /sidan (du söker|du letar efter|som du söker) (finns|kunde|hittades)/i,
  /sidan finns inte/i,
  /hittades inte/i,
  /kunde inte hittas/i,
  /finns inte längre/i,
  /filen (finns|hittades) inte/i,
  /ett fel (har )?uppstod/i,
  /\berror\b/i,
  /\bfel\b\s*\d{3}/i,
]

/** Strong phrases that count even in body text (weaker ones only in title/headings). */
const BODY_PATTERNS: RegExp[] = [
  /\b404\b.{0,40}(not found|hittades inte|finns inte)/i,
  /page not found/i,
  /sidan hittades inte/i,
  /sidan kunde inte hittas/i,
  /sidan (du söker|du letar efter|som du söker) finns inte/i,
  /the page you (requested|are looking for) (could not|cannot|does not|was not)/i,
]

function stripTags(s: string): string {
  return s
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&auml;/g, 'ä')
    .replace(/&aring;/g, 'å')
    .replace(/&ouml;/g, 'ö')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The evidence when the HTML looks like an error page, else null. */
export function detectErrorPage(html: string): { evidence: string } | null {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)
  const candidates: string[] = []
  if (title) candidates.push(stripTags(title[1]))
  const headings = html.match(/<h[12][^>]*>[\s\S]*?<\/h[12]>/gi) ?? []
  for (const h of headings.slice(0, 3)) candidates.push(stripTags(h))
  for (const c of candidates) {
    if (c.length > 0 && c.length < 200 && PATTERNS.some((p) => p.test(c))) return { evidence: c }
  }
  const body = /<body[^>]*>([\s\S]*)/i.exec(html)
  const text = stripTags(body ? body[1] : html).slice(0, 3000)
  for (const p of BODY_PATTERNS) {
    const m = p.exec(text)
    if (m) return { evidence: text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).trim() }
  }
  return null
}
