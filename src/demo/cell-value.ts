import { hash5, hash6 } from './hash32.js'

/** What kind of values a generated table column holds; drives both generation and CSVW types. */
export type ColumnKind =
  | 'id'
  | 'name'
  | 'lat'
  | 'lon'
  | 'municipality'
  | 'int'
  | 'decimal'
  | 'bool'
  | 'date'
  | 'text'
  | 'email'
  | 'street'
  | 'year'
  | 'hours'
  | 'category'

/** One column of a generated table. `min`/`max` bound numbers; `values` feed `category`. */
export interface TableColumn {
  name: string
  title: string
  kind: ColumnKind
  min?: number
  max?: number
  values?: readonly string[]
  /** Spec columns only: CSVW `required`. */
  required?: boolean
}

/** What a row's values depend on: the world seed, the distribution, its content version and the row. */
export interface CellContext {
  seed: number
  dist: number
  version: number
  row: number
  municipalityCode: string
  centreLat: number
  centreLon: number
  /** Short prefix for names ("Badplats", "Lekplats"). */
  noun: string
  domain: string
}

const placeParts1 = ['Stora', 'Lilla', 'Norra', 'Södra', 'Östra', 'Västra', 'Gamla', 'Nya']
const placeParts2 = ['Ek', 'Björk', 'Sjö', 'Berg', 'Tall', 'Lind', 'Ask', 'Al', 'Gran', 'Sand', 'Sol', 'Äng', 'Hage', 'Kvarn', 'Bäck', 'Ö']
const placeParts3 = ['viken', 'udden', 'backen', 'parken', 'dalen', 'ängen', 'hagen', 'näset', 'stranden', 'torget', 'lunden', 'kullen']
const streets = ['Storgatan', 'Kyrkogatan', 'Skolgatan', 'Järnvägsgatan', 'Strandvägen', 'Drottninggatan', 'Kungsgatan', 'Parkvägen', 'Ängsvägen', 'Björkvägen', 'Sjövägen', 'Torggatan', 'Hamngatan', 'Prästgårdsvägen', 'Åsvägen']
const words = ['öppet', 'året', 'runt', 'nära', 'parkering', 'busshållplats', 'grillplats', 'sandstrand', 'brygga', 'klippor', 'gräsyta', 'skugga', 'ramp', 'belysning', 'tillgänglig', 'för', 'alla', 'och', 'med', 'vid']

/** A Swedish-looking place name for row `r` of a table. */
export function placeName(noun: string, h: number): string {
  const a = h % 3 === 0 ? placeParts1[(h >>> 3) % placeParts1.length] + ' ' : ''
  const b = placeParts2[(h >>> 7) % placeParts2.length]
  const c = placeParts3[(h >>> 13) % placeParts3.length]
  return `${noun} ${a}${b}${c}`.trim()
}

const recentDates = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 0, 1) - (i + 1) * 86_400_000).toISOString().slice(0, 10))

/**
 * The value of column `col` (index `c`) in a row, as the text a clean publisher would
 * write: decimals with a decimal point, booleans as true/false, dates as ISO 8601.
 * Deterministic in (ctx, c); a column's value only depends on `version` for columns
 * that plausibly change (counts, dates, free text), so changed files differ but rows
 * keep their identity.
 */
export function cellValue(col: TableColumn, c: number, ctx: CellContext): string {
  // Only the hash the column kind needs is computed: this runs for every cell served.
  switch (col.kind) {
    case 'id':
      return `${ctx.municipalityCode}-${String(ctx.row + 1).padStart(4, '0')}`
    case 'name':
      return placeName(ctx.noun, hash5(ctx.seed, ctx.dist, ctx.row, c, 79))
    case 'lat': {
      const stable = hash5(ctx.seed, ctx.dist, ctx.row, c, 77)
      return (ctx.centreLat + ((stable % 20000) - 10000) / 100000).toFixed(6)
    }
    case 'lon': {
      const stable = hash5(ctx.seed, ctx.dist, ctx.row, c, 77)
      return (ctx.centreLon + ((stable % 30000) - 15000) / 100000).toFixed(6)
    }
    case 'municipality':
      return ctx.municipalityCode
    case 'int': {
      const varying = hash6(ctx.seed, ctx.dist, ctx.row, c, ctx.version, 78)
      const min = col.min ?? 0
      const max = col.max ?? 100
      return String(min + (varying % (max - min + 1)))
    }
    case 'decimal': {
      const varying = hash6(ctx.seed, ctx.dist, ctx.row, c, ctx.version, 78)
      const min = col.min ?? 0
      const max = col.max ?? 100
      return (min + ((varying % 100000) / 100000) * (max - min)).toFixed(2)
    }
    case 'bool':
      return hash5(ctx.seed, ctx.dist, ctx.row, c, 77) % 3 === 0 ? 'false' : 'true'
    case 'date': {
      const varying = hash6(ctx.seed, ctx.dist, ctx.row, c, ctx.version, 78)
      // A date in the 400 days before 2026-01-01, moving with the version.
      return recentDates[varying % 400]
    }
    case 'year':
      return String(2015 + (hash5(ctx.seed, ctx.dist, ctx.row, c, 77) % 11))
    case 'text': {
      const varying = hash6(ctx.seed, ctx.dist, ctx.row, c, ctx.version, 78)
      const n = 3 + (varying % 6)
      const out: string[] = []
      for (let i = 0; i < n; i++) out.push(words[(varying >>> (i * 4)) % words.length])
      const s = out.join(' ')
      return s.charAt(0).toUpperCase() + s.slice(1)
    }
    case 'email': {
      const stable = hash5(ctx.seed, ctx.dist, ctx.row, c, 77)
      return `${['info', 'kontakt', 'fritid', 'teknik', 'service'][stable % 5]}@${ctx.domain}`
    }
    case 'street': {
      const stable = hash5(ctx.seed, ctx.dist, ctx.row, c, 77)
      return `${streets[stable % streets.length]} ${1 + ((stable >>> 8) % 80)}`
    }
    case 'hours':
      return ['08:00-20:00', '06:00-22:00', '00:00-24:00', '10:00-18:00'][hash5(ctx.seed, ctx.dist, ctx.row, c, 77) % 4]
    case 'category': {
      const stable = hash5(ctx.seed, ctx.dist, ctx.row, c, 77)
      const values = col.values ?? ['A', 'B']
      return values[stable % values.length]
    }
  }
}
