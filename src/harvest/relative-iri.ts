/**
 * Relative IRIs are resolved against this base first, so that afterwards they can be told
 * apart from absolute ones (and reported), then resolved against the document's URL.
 */
export const RELATIVE_BASE = 'http://relative-iri.datavakt.invalid/'
