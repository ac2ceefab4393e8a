/**
 * Tim Berners-Lee's 5-star open data scheme (https://5stardata.info/en/), applied to one
 * distribution:
 *
 * 1. ★ available on the web (whatever format) under an open licence;
 * 2. ★★ as machine-readable structured data (a spreadsheet, not a scanned table);
 * 3. ★★★ in a non-proprietary format (CSV instead of Excel);
 * 4. ★★★★ using URIs to denote things (RDF), so people can point at your data;
 * 5. ★★★★★ linking your data to other people's data for context.
 *
 * Zero stars means the first condition already fails (not reachable as data, or no open
 * licence). The reason is a stable code plus a sentence, so a publisher knows the one
 * step that earns the next star.
 */
import { FILE_TYPES } from './file-types.js'
import { isOpenLicence } from './licences.js'

/** Stable reason codes (stored as the `starsReason` fact). */
export type StarReason =
  | 'not-available'
  | 'no-open-licence'
  | 'not-machine-readable'
  | 'proprietary-format'
  | 'not-linked-data'
  | 'no-external-links'
  | 'linked-open-data'

export interface StarRating {
  stars: 0 | 1 | 2 | 3 | 4 | 5
  reason: StarReason
  /** Why this many stars and what the next one takes, in the asked language. */
  explanation: string
}

export interface StarInput {
  /** The bytes are data (reachable, not an error page, not empty). */
  available: boolean
  /** The licence IRI (distribution's, else the dataset's). */
  licence: string | null
  /** EU file-type code of what is really served (or declared, when the bytes could not tell). */
  fileType: string | null
  /** RDF that points at IRIs outside the publisher's own host. */
  linksToOtherData: boolean
}

const TEXT: Record<StarReason, { sv: string; en: string }> = {
  'not-available': {
    sv: 'Inga stjärnor: filen går inte att hämta som data.',
    en: 'No stars: the file cannot be fetched as data.',
  },
  'no-open-licence': {
    sv: 'Inga stjärnor: ingen öppen licens är angiven. Ange t.ex. CC0 eller CC BY 4.0 för en stjärna.',
    en: 'No stars: no open licence is given. Declare e.g. CC0 or CC BY 4.0 for one star.',
  },
  'not-machine-readable': {
    sv: 'En stjärna: öppen licens, men formatet är inte maskinläsbart. Publicera strukturerad data (t.ex. CSV) för två stjärnor.',
    en: 'One star: open licence, but the format is not machine-readable. Publish structured data (e.g. CSV) for two stars.',
  },
  'proprietary-format': {
    sv: 'Två stjärnor: maskinläsbart men i ett proprietärt format. Publicera i ett öppet format (CSV, ODS, GeoJSON) för tre stjärnor.',
    en: 'Two stars: machine-readable but in a proprietary format. Publish in an open format (CSV, ODS, GeoJSON) for three stars.',
  },
  'not-linked-data': {
    sv: 'Tre stjärnor: öppet, maskinläsbart format. Använd URI:er för att identifiera saker (RDF) för fyra stjärnor.',
    en: 'Three stars: open, machine-readable format. Use URIs to denote things (RDF) for four stars.',
  },
  'no-external-links': {
    sv: 'Fyra stjärnor: länkad data med URI:er. Länka till andras data för fem stjärnor.',
    en: 'Four stars: linked data with URIs. Link to other people\'s data for five stars.',
  },
  'linked-open-data': {
    sv: 'Fem stjärnor: länkad öppen data som pekar vidare till andras data.',
    en: 'Five stars: linked open data that links to other data.',
  },
}

/** Rates one distribution; see the module comment for the rules. */
export function rateFiveStars(input: StarInput, lang: 'sv' | 'en'): StarRating {
  const rate = (stars: StarRating['stars'], reason: StarReason): StarRating => ({ stars, reason, explanation: TEXT[reason][lang] })
  if (!input.available) return rate(0, 'not-available')
  if (!isOpenLicence(input.licence)) return rate(0, 'no-open-licence')
  const ft = input.fileType ? FILE_TYPES[input.fileType] : undefined
  if (!ft || !ft.openJudgement.machineReadable) return rate(1, 'not-machine-readable')
  if (!ft.openJudgement.nonProprietary) return rate(2, 'proprietary-format')
  if (!ft.rdf) return rate(3, 'not-linked-data')
  if (!input.linksToOtherData) return rate(4, 'no-external-links')
  return rate(5, 'linked-open-data')
}
