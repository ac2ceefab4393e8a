/**
 * Guesses the CSV dialect from the first bytes of a file: the delimiter (`,` `;` tab `|`),
 * the quote character (`"` or `'`) and whether the first row is a header. Swedish files
 * are often written by Excel with `;` because `,` is the decimal mark, so the delimiter
 * cannot be assumed. Refuses nothing: with no evidence it answers RFC 4180 (`,` `"`, header).
 */
export interface CsvDialect {
  delimiter: string
  quote: string
  header: boolean
}

const DELIMITERS = [',', ';', '\t', '|'] as const

/** Counts delimiter occurrences per line outside quotes, for the first `maxLines` lines. */
function countsPerLine(text: string, delimiter: string, quote: string, maxLines: number): number[] {
  const counts: number[] = []
  let inQuotes = false
  let n = 0
  for (let i = 0; i < text.length && counts.length < maxLines; i++) {
    const ch = text[i]
    if (ch === quote) inQuotes = !inQuotes
    else if (!inQuotes && ch === delimiter) n++
    else if (!inQuotes && ch === '\n') {
      counts.push(n)
      n = 0
    }
  }
  // The last line only counts when complete (the head may end mid-line).
  return counts.length === 0 ? [n] : counts
}

/** Scores a delimiter: how many lines share the most common non-zero count, times that count's presence. */
function score(counts: number[]): number {
  const freq = new Map<number, number>()
  for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1)
  let best = 0
  for (const [, f] of freq) if (f > best) best = f
  return best === 0 ? 0 : best / counts.length + Math.min(1, (freq.size === 1 ? 1 : 0.5)) * 0.01
}

function pickQuote(text: string): string {
  // A single quote is only the quote character when it wraps fields at delimiters.
  const dq = (text.match(/(^|[,;\t|\n])"/g) ?? []).length
  const sq = (text.match(/(^|[,;\t|\n])'[^'\n]*'(?=[,;\t|\r\n]|$)/g) ?? []).length
  return sq > dq ? "'" : '"'
}

const NUMERICISH = /^\s*[-+]?[0-9][0-9 .,:\-/]*\s*$/

/** Sniffs the dialect from the decoded head of a file (see module comment). */
export function sniffCsvDialect(head: string): CsvDialect {
  const text = head.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const quote = pickQuote(text)
  let delimiter: string = ','
  let best = 0
  for (const d of DELIMITERS) {
    const s = score(countsPerLine(text, d, quote, 50))
    if (s > best) {
      best = s
      delimiter = d
    }
  }
  // A header is assumed (Frictionless does too) unless the first row looks like data:
  // every cell numeric-ish and the same as in the second row.
  const lines = text.split('\n', 3)
  let header = true
  if (lines.length >= 2 && lines[0] && lines[1]) {
    const first = lines[0].split(delimiter)
    const second = lines[1].split(delimiter)
    const numeric = (cells: string[]) => cells.every((c) => NUMERICISH.test(c.replace(new RegExp(quote, 'g'), '')))
    if (first.length === second.length && numeric(first) && numeric(second)) header = false
  }
  return { delimiter, quote, header }
}
