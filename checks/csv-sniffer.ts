/**
 * The CSV dialect as Frictionless finds it. Frictionless (frictionless-py, formats/csv)
 * hands the first 100 lines of a file to Python's `csv.Sniffer().sniff(sample, ",\t;|")`
 * and falls back to Excel's dialect (`,` `"`) when the sniffer gives up; a sniffed `'`
 * quote is replaced by `"` (it is too easily an apostrophe or embedded JSON). This is the
 * sniffer's algorithm, step for step, so that datavakt reads a file into the same rows and
 * cells as Frictionless and reports its errors at the same places:
 *
 * 1. Quoted fields: the first of four patterns (a quoted value between delimiters, at the
 *    start of a line, at the end of a line, alone on a line) that matches anywhere decides.
 *    The most frequent quote and delimiter next to quoted values win, and spaces are
 *    skipped after delimiters (`skipInitialSpace`) when every such delimiter had one.
 * 2. Otherwise the delimiter is the character that occurs equally often on (nearly) every
 *    line: its most common count per line must hold on at least 90% of the lines, looked at
 *    ten lines at a time. Ties go to `,` then tab then `;`. `skipInitialSpace` holds when
 *    every delimiter on the first line is followed by a space.
 *
 * The quoted-field patterns are matched by hand rather than as backtracking regular
 * expressions, so a hostile head of 64 KiB costs linear time, not quadratic.
 */

/** What the sniffer learns: the delimiter, the quote character, and whether spaces after a delimiter are skipped. */
export interface SniffedCsv {
  delimiter: string
  quote: string
  skipInitialSpace: boolean
}

/** The delimiters Frictionless lets the sniffer choose from. */
export const SNIFF_DELIMITERS = ',\t;|'

/** Python's `Sniffer.preferred`, for ties. */
const PREFERRED = [',', '\t', ';', ' ', ':']

/** Frictionless reads a sample of this many lines. */
const SAMPLE_LINES = 100

const EXCEL: SniffedCsv = { delimiter: ',', quote: '"', skipInitialSpace: false }

/** Python's `\w` (Unicode letters, digits and `_`). */
const WORD = /[\p{L}\p{N}_]/u

/** A character pattern 1–3 accept as a delimiter: `[^\w\n"']`. */
function delimClass(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '\n' && ch !== '"' && ch !== "'" && !WORD.test(ch)
}

const isQuote = (ch: string | undefined): boolean => ch === '"' || ch === "'"

interface QuoteMatch {
  quote: string
  delim?: string
  space: boolean
  end: number
}

/** Where the quoted value that opens at `j` (quote `q`) can close, for each pattern's ending. */
type Closer = (data: string, j: number, q: string, delim: string) => { k: number; end: number; delim?: string; space?: boolean } | null

/** Pattern 1's ending: the quote followed by the same delimiter. */
const closeThenSameDelim: Closer = (data, j, q, d) => {
  const k = data.indexOf(q + d, j + 1)
  return k < 0 ? null : { k, end: k + 2 }
}

/** Pattern 2's ending: the quote followed by any delimiter character and perhaps one space. */
const closeThenAnyDelim: Closer = (data, j, q) => {
  for (let k = data.indexOf(q, j + 1); k >= 0; k = data.indexOf(q, k + 1)) {
    if (delimClass(data[k + 1])) {
      const space = data[k + 2] === ' '
      return { k, end: k + 2 + (space ? 1 : 0), delim: data[k + 1], space }
    }
  }
  return null
}

/** Patterns 3 and 4's ending: the quote at the end of a line. */
const closeAtLineEnd: Closer = (data, j, q) => {
  for (let k = data.indexOf(q, j + 1); k >= 0; k = data.indexOf(q, k + 1)) if (k + 1 === data.length || data[k + 1] === '\n') return { k, end: k + 1 }
  return null
}

/**
 * `closer` with its answers remembered: where a value opening at `j` closes is the first
 * closing place after `j`, so a place found (or "none") from an earlier `j` holds for a
 * later one up to that place. Each closing place is searched for once: linear time.
 */
function remembering(closer: Closer): Closer {
  const known = new Map<string, { from: number; found: ReturnType<Closer> }>()
  return (data, j, q, d) => {
    const key = q + d
    const k = known.get(key)
    if (k && k.from <= j + 1 && (k.found === null || k.found.k >= j + 1)) return k.found
    const found = closer(data, j, q, d)
    known.set(key, { from: j + 1, found })
    return found
  }
}

/** Finds every non-overlapping match of one pattern, as Python's `findall` does. */
function findAll(data: string, startsWithDelim: boolean, close: Closer): QuoteMatch[] {
  const closer = remembering(close)
  const out: QuoteMatch[] = []
  let i = 0
  while (i < data.length) {
    let m: QuoteMatch | null = null
    if (startsWithDelim) {
      // (?P<delim>[^\w\n"'])(?P<space> ?)(?P<quote>["'])
      const d = data[i]!
      if (delimClass(d)) {
        const space = data[i + 1] === ' ' && isQuote(data[i + 2])
        const j = i + 1 + (space ? 1 : 0)
        if (isQuote(data[j])) {
          const c = closer(data, j, data[j]!, d)
          if (c) m = { quote: data[j]!, delim: d, space, end: c.end }
        }
      }
    } else {
      // (?:^|\n)(?P<quote>["'])
      const j = i === 0 || data[i - 1] === '\n' ? i : data[i] === '\n' ? i + 1 : -1
      if (j >= 0 && isQuote(data[j])) {
        const c = closer(data, j, data[j]!, '')
        if (c) m = { quote: data[j]!, delim: c.delim, space: c.space ?? false, end: c.end }
      }
    }
    if (m) {
      out.push(m)
      i = Math.max(m.end, i + 1)
    } else i++
  }
  return out
}

/** The key with the highest count, the first one on a tie (Python's `max` over a dict). */
function maxKey(counts: Map<string, number>): string {
  let best = ''
  let n = -1
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v]
  return best
}

/** Step 1 (see module comment): null when no quoted value shows the delimiter. */
function guessQuoteAndDelimiter(data: string, delimiters: string): { quote: string; delimiter: string; skipInitialSpace: boolean } | null {
  const patterns: [boolean, Closer][] = [[true, closeThenSameDelim], [false, closeThenAnyDelim], [true, closeAtLineEnd], [false, closeAtLineEnd]]
  let matches: QuoteMatch[] = []
  let hasDelimGroup = true
  for (const [startsWithDelim, closer] of patterns) {
    matches = findAll(data, startsWithDelim, closer)
    hasDelimGroup = startsWithDelim || closer === closeThenAnyDelim
    if (matches.length > 0) break
  }
  if (matches.length === 0) return null
  const quotes = new Map<string, number>()
  const delims = new Map<string, number>()
  let spaces = 0
  for (const m of matches) {
    quotes.set(m.quote, (quotes.get(m.quote) ?? 0) + 1)
    if (!hasDelimGroup) continue
    if (m.delim && delimiters.includes(m.delim)) delims.set(m.delim, (delims.get(m.delim) ?? 0) + 1)
    if (m.space) spaces++
  }
  const quote = maxKey(quotes)
  if (delims.size === 0) return { quote, delimiter: '', skipInitialSpace: false }
  const delimiter = maxKey(delims)
  return { quote, delimiter, skipInitialSpace: delims.get(delimiter) === spaces }
}

/** Occurrences of `ch` in `line`. */
function countOf(line: string, ch: string): number {
  let n = 0
  for (let i = line.indexOf(ch); i >= 0; i = line.indexOf(ch, i + 1)) n++
  return n
}

/** The mode of a character's per-line counts, less the lines that disagree: [count, lines]. */
function modeOf(freqs: Map<number, number>): [number, number] | null {
  if (freqs.size === 1 && freqs.has(0)) return null
  let mode: [number, number] = [0, -1]
  let total = 0
  for (const [count, lines] of freqs) {
    total += lines
    if (lines > mode[1]) mode = [count, lines]
  }
  return [mode[0], mode[1] - (total - mode[1])]
}

/** Step 2 (see module comment): '' when no character is consistent enough. */
function guessDelimiter(text: string, delimiters: string): { delimiter: string; skipInitialSpace: boolean } {
  const data = text.split('\n').filter((l) => l !== '')
  const chunk = Math.min(10, data.length)
  const chars = [...delimiters]
  const freq = new Map<string, Map<number, number>>(chars.map((c) => [c, new Map()]))
  const modes = new Map<string, [number, number]>()
  const delims = new Map<string, [number, number]>()
  const skipsSpace = (d: string) => countOf(data[0]!, d) === countOf(data[0]!, `${d} `)
  for (let start = 0, iteration = 1; start < data.length; start += chunk, iteration++) {
    for (const line of data.slice(start, start + chunk)) {
      for (const c of chars) {
        const f = freq.get(c)!
        const n = countOf(line, c)
        f.set(n, (f.get(n) ?? 0) + 1)
      }
    }
    for (const c of chars) {
      const mode = modeOf(freq.get(c)!)
      if (mode) modes.set(c, mode)
    }
    const total = Math.min(chunk * iteration, data.length)
    // Python lowers the bar from 1.0 by 0.01 while it is at least 0.9 (in floating point, as here).
    for (let consistency = 1.0; delims.size === 0 && consistency >= 0.9; consistency -= 0.01) {
      for (const [c, [count, lines]] of modes) if (count > 0 && lines > 0 && lines / total >= consistency) delims.set(c, [count, lines])
    }
    if (delims.size === 1) {
      const d = [...delims.keys()][0]!
      return { delimiter: d, skipInitialSpace: skipsSpace(d) }
    }
  }
  if (delims.size === 0) return { delimiter: '', skipInitialSpace: false }
  const d = PREFERRED.find((p) => delims.has(p)) ?? [...delims.keys()][0]!
  return { delimiter: d, skipInitialSpace: skipsSpace(d) }
}

/** The sample Frictionless sniffs: the first 100 lines, line ends as `\n`. */
export function sniffSample(head: string): string {
  const text = head.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  let at = -1
  for (let n = 0; n < SAMPLE_LINES; n++) {
    at = text.indexOf('\n', at + 1)
    if (at < 0) return text
  }
  return text.slice(0, at + 1)
}

/** What the sniffer finds in a decoded head, or null when it gives up (Python raises "Could not determine delimiter"). */
function sniffOrNull(head: string, delimiters: string): SniffedCsv | null {
  const sample = sniffSample(head)
  if (sample === '') return null
  const quoted = guessQuoteAndDelimiter(sample, delimiters)
  let delimiter = quoted?.delimiter ?? ''
  let skipInitialSpace = quoted?.skipInitialSpace ?? false
  if (!delimiter) ({ delimiter, skipInitialSpace } = guessDelimiter(sample, delimiters))
  if (!delimiter) return null
  // Frictionless never takes ' as the quote character (frictionless-py issue 493).
  return { delimiter, quote: '"', skipInitialSpace }
}

/** The dialect of a decoded head, as Frictionless finds it (see module comment): Excel's when the sniffer gives up. */
export function sniffCsv(head: string, delimiters = SNIFF_DELIMITERS): SniffedCsv {
  return sniffOrNull(head, delimiters) ?? EXCEL
}

/** True when the sniffer finds a delimiter in the head's lines: the text is a table, whatever its first line is. */
export function looksDelimited(head: string): boolean {
  return sniffOrNull(head, SNIFF_DELIMITERS) !== null
}
