import type { ParamValue } from '../../domain/finding.js'
import { list } from '../format.js'
import type { Message } from '../message.js'

const joined = (v: ParamValue | undefined): string => (Array.isArray(v) ? v.join(', ') : String(v ?? ''))

/** Texts of the JSON API: its errors, keyed by a stable dotted key starting with "api.". */
export const apiMessages = {
  'api.error.param-required': {
    sv: (p) => `Frågeparametern "${p.name}" krävs.`,
    en: (p) => `The query parameter "${p.name}" is required.`,
  },
  'api.error.param-one-of': {
    sv: (p) => `Frågeparametern "${p.name}" måste vara en av ${joined(p.allowed)}; fick "${p.got}".`,
    en: (p) => `The query parameter "${p.name}" must be one of ${joined(p.allowed)}; got "${p.got}".`,
  },
  'api.error.param-integer': {
    sv: (p) => `Frågeparametern "${p.name}" måste vara ett heltal från ${p.min} till ${p.max}; fick "${p.got}".`,
    en: (p) => `The query parameter "${p.name}" must be a whole number from ${p.min} to ${p.max}; got "${p.got}".`,
  },
  'api.error.one-of-params': {
    sv: (p) => `Ange en av frågeparametrarna ${list('sv', p.names)}.`,
    en: (p) => `Give one of the query parameters ${list('en', p.names)}.`,
  },
  'api.error.unknown-organisation': { sv: (p) => `Ingen organisation med IRI ${p.iri} är känd här.`, en: (p) => `No organisation with the IRI ${p.iri} is known here.` },
  'api.error.unknown-dataset': { sv: (p) => `Ingen datamängd med IRI ${p.iri} är känd här.`, en: (p) => `No dataset with the IRI ${p.iri} is known here.` },
  'api.error.no-resource': { sv: (p) => `Det finns ingen resurs på ${p.path}.`, en: (p) => `There is no resource at ${p.path}.` },
  'api.error.internal': {
    sv: (p) => `Ett internt fel inträffade. Uppge felnumret ${p.id} om du kontaktar oss.`,
    en: (p) => `An internal error occurred. Quote the error id ${p.id} if you contact us.`,
  },
} as const satisfies Record<string, Message>
