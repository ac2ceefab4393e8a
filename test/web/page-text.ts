/**
 * What a reader of a served page or badge reads: its text and the attributes that are read
 * out (alt, title, aria-label), with the harvested data (names, titles, addresses) taken
 * out, so a test can ask whether datavakt's own words are in the page's language. Parts
 * marked with another language (`lang="sv"` on the "Svenska" link of an English page) are
 * left out: they say so themselves (WCAG 3.1.2), and so are `<pre>` blocks: lines of code to
 * copy (a badge's embed snippet), not words in any language.
 */
export function ownWords(html: string, harvested: readonly string[]): string {
  const pageLang = /<html[^>]*\blang="([a-z]+)"/.exec(html)?.[1]
  let s = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<pre[\s\S]*?<\/pre>/g, ' ')
  if (pageLang) s = s.replace(/<(\w+)[^>]*\blang="([a-z]+)"[^>]*>[\s\S]*?<\/\1>/g, (m, _tag, lang) => (lang === pageLang ? m : ' '))
  const attributes = [...s.matchAll(/\b(?:alt|title|aria-label)="([^"]*)"/g)].map((m) => m[1])
  const text = [s.replace(/<[^>]*>/g, ' '), ...attributes].join(' ')
  let out = decode(text)
  // Longest first, so a title inside a longer description goes with it.
  for (const h of [...harvested].sort((a, b) => b.length - a.length)) out = out.split(h).join(' ')
  return out.replace(/\s+/g, ' ').trim()
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
}
