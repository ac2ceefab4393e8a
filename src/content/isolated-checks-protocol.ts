/**
 * The messages between src/content/isolated-checks.ts (the main thread) and its worker
 * (isolated-checks-worker.ts). Everything here crosses a thread by structured clone, so
 * it is plain data: the target without its content source, the content's metadata and
 * head, the context without its functions.
 */
import type { CheckContext, CheckResult, CheckTarget, ContentSource, ResolvedSchema } from '../../checks/types.js'
import type { ColumnProfile, ProfileFormat } from './column-profile.js'
import type { MessageParams } from '../domain/finding.js'
import { DatavaktError } from '../i18n/datavakt-error.js'

/** An error as it crosses the thread: a DatavaktError keeps its code and params. */
export interface WireError {
  datavakt: boolean
  name: string
  message: string
  code?: string
  params?: MessageParams
}

/** The content source less its functions. */
export type ContentMeta = Omit<ContentSource, 'stream' | 'truncatedAtCap' | 'bytesRead'>

/** Main → worker: run a check. */
export interface RunJob {
  t: 'run'
  job: number
  checkId: string
  target: Omit<CheckTarget, 'content'>
  content: ContentMeta | null
  ctx: Omit<CheckContext, 'resolveSchema'>
}

/** Main → worker: profile a body's columns (src/content/column-profile.ts), within the budgets in `ctx`. */
export interface ProfileJob {
  t: 'profile'
  job: number
  format: ProfileFormat
  content: ContentMeta
  ctx: Pick<CheckContext, 'budgets'>
}

export type ToWorker =
  | RunJob
  | ProfileJob
  | { t: 'opened'; req: number; stream: number }
  | { t: 'chunk'; req: number; chunk: Uint8Array | null; truncated: boolean; bytesRead: number | null; error?: WireError }
  | { t: 'schema'; req: number; schema: ResolvedSchema | null; error?: WireError }

export type FromWorker =
  | { t: 'result'; job: number; result: CheckResult }
  | { t: 'profiled'; job: number; profile: ColumnProfile | null }
  | { t: 'failed'; job: number; error: WireError }
  | { t: 'open'; job: number; req: number }
  | { t: 'next'; job: number; req: number; stream: number }
  | { t: 'close'; job: number; stream: number }
  | { t: 'schema'; job: number; req: number; uri: string }

export function serializeError(err: unknown): WireError {
  if (err instanceof DatavaktError) return { datavakt: true, name: err.name, message: err.message, code: err.code, params: err.params }
  if (err instanceof Error) return { datavakt: false, name: err.name, message: err.message }
  return { datavakt: false, name: typeof err, message: String(err) }
}

/** The error on this side of the thread: a DatavaktError again when it was one (its class is not kept). */
export function rebuildError(e: WireError): Error {
  if (e.datavakt && e.code) {
    try {
      return new DatavaktError(e.code as never, e.params ?? {})
    } catch {
      // A code this side cannot word: the error is kept by its name and message.
    }
  }
  return Object.assign(new Error(e.message), { name: e.name })
}
