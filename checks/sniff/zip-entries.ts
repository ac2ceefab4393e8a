/**
 * Lists the file names inside a ZIP archive without unpacking it, from whatever bytes we
 * have: the local headers at the start (enough for most archives, which is why we try the
 * head first) or the central directory at the end (needs the tail of the file).
 * It refuses nothing: damaged or truncated archives just yield fewer names.
 */

const LOCAL = 0x04034b50
const CENTRAL = 0x02014b50
const END = 0x06054b50

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8)
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0
}

const decoder = new TextDecoder('utf-8')

/** Names from the local file headers, walking from offset 0 until the bytes or the chain end. */
export function zipEntriesFromHead(head: Uint8Array, max = 200): string[] {
  const names: string[] = []
  let o = 0
  while (o + 30 <= head.length && names.length < max && u32(head, o) === LOCAL) {
    const flags = u16(head, o + 6)
    const compressed = u32(head, o + 18)
    const nameLen = u16(head, o + 26)
    const extraLen = u16(head, o + 28)
    if (o + 30 + nameLen > head.length) break
    names.push(decoder.decode(head.subarray(o + 30, o + 30 + nameLen)))
    // Bit 3: sizes follow the data in a descriptor, so we cannot skip to the next header.
    if (flags & 0x08) break
    o += 30 + nameLen + extraLen + compressed
  }
  return names
}

/** Names from the central directory found in the last bytes of the archive. */
export function zipEntriesFromTail(tail: Uint8Array, max = 2000): string[] {
  let end = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === END) {
      end = i
      break
    }
  }
  if (end < 0) return []
  const cdSize = u32(tail, end + 12)
  let o = end - cdSize
  if (o < 0) o = 0
  const names: string[] = []
  while (o + 46 <= end && names.length < max) {
    if (u32(tail, o) !== CENTRAL) break
    const nameLen = u16(tail, o + 28)
    const extraLen = u16(tail, o + 30)
    const commentLen = u16(tail, o + 32)
    names.push(decoder.decode(tail.subarray(o + 46, o + 46 + nameLen)))
    o += 46 + nameLen + extraLen + commentLen
  }
  return names
}

/** What a list of ZIP entry names says about the archive. */
export function classifyZipEntries(names: string[]): 'shapefile' | 'xlsx' | 'docx' | 'ods' | 'odt' | 'kmz' | 'other' {
  const lower = names.map((n) => n.toLowerCase())
  if (lower.some((n) => n.endsWith('.shp')) && lower.some((n) => n.endsWith('.dbf') || n.endsWith('.shx'))) return 'shapefile'
  if (lower.some((n) => n.startsWith('xl/'))) return 'xlsx'
  if (lower.some((n) => n.startsWith('word/'))) return 'docx'
  if (lower.some((n) => n.endsWith('.kml'))) return 'kmz'
  return 'other'
}
