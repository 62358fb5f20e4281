/** What the bytes of an upload are; decided from the bytes alone (see `sniffMedia`). */
export interface SniffedType {
  kind: 'image' | 'audio' | 'video'
  mime: string
}

/** Bytes of the file's start that `sniffMedia` needs to decide. */
export const SNIFF_BYTES = 64

/**
 * The media types the kit accepts, recognised by their signatures ("magic numbers"), never by a
 * file name or the client's Content-Type: a renamed HTML file is not an image. ISO media files
 * (MP4, MOV, M4A) are told apart here by brand; `probe.ts` refines MP4 to audio when it has no
 * video track.
 */
export function sniffMedia(head: Buffer): SniffedType | null {
  const ascii = (start: number, end: number) => head.subarray(start, end).toString('latin1')
  if (head.length >= 3 && head[0] === 0xFF && head[1] === 0xD8 && head[2] === 0xFF)
    return { kind: 'image', mime: 'image/jpeg' }
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])))
    return { kind: 'image', mime: 'image/png' }
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')
    return { kind: 'image', mime: 'image/gif' }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP')
    return { kind: 'image', mime: 'image/webp' }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE')
    return { kind: 'audio', mime: 'audio/wav' }
  if (ascii(0, 4) === 'OggS')
    return { kind: 'audio', mime: 'audio/ogg' }
  if (ascii(0, 3) === 'ID3')
    return { kind: 'audio', mime: 'audio/mpeg' }
  if (head.length >= 2 && head[0] === 0xFF && (head[1]! & 0xE0) === 0xE0) {
    const layer = (head[1]! >> 1) & 0x03
    const version = (head[1]! >> 3) & 0x03
    // ADTS (AAC) has layer 00; MPEG audio layer III is 01; version 01 is reserved.
    if ((head[1]! & 0xF6) === 0xF0)
      return { kind: 'audio', mime: 'audio/aac' }
    if (layer === 1 && version !== 1)
      return { kind: 'audio', mime: 'audio/mpeg' }
    return null
  }
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12)
    if (brand === 'M4A ' || brand === 'M4B ')
      return { kind: 'audio', mime: 'audio/mp4' }
    if (brand === 'qt  ')
      return { kind: 'video', mime: 'video/quicktime' }
    if (/^(?:isom|iso[2-9]|mp4[12]|avc1|dash|M4V |MSNV|3gp[4-6])$/.test(brand))
      return { kind: 'video', mime: 'video/mp4' }
    return null
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1A45DFA3 && head.includes('webm'))
    return { kind: 'video', mime: 'video/webm' }
  return null
}

const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/mpeg3': 'audio/mpeg',
  'audio/x-mpeg': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/x-aac': 'audio/aac',
  'audio/aacp': 'audio/aac',
  'video/x-m4v': 'video/mp4',
  'application/ogg': 'audio/ogg',
}

/** Declared types that say nothing about the content: only the bytes decide then. */
const NEUTRAL = new Set(['', 'application/octet-stream', 'binary/octet-stream'])

/**
 * A client Content-Type that names a different type than the bytes are is refused rather than
 * silently corrected: it means the operator picked the wrong file, or someone is probing.
 * MP4 containers may be declared as audio or video (an M4A is an MP4).
 */
export function declaredTypeAgrees(declared: string | undefined, sniffed: SniffedType): boolean {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase()
  if (NEUTRAL.has(type))
    return true
  const normal = ALIASES[type] ?? type
  if (normal === sniffed.mime)
    return true
  const isoFamily = new Set(['video/mp4', 'audio/mp4', 'video/quicktime'])
  if (isoFamily.has(normal) && isoFamily.has(sniffed.mime))
    return true
  return normal === 'video/ogg' && sniffed.mime === 'audio/ogg'
}

const EXTENSIONS: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'audio/wav': ['wav', 'wave'],
  'audio/ogg': ['ogg', 'oga', 'opus', 'ogv'],
  'audio/mpeg': ['mp3'],
  'audio/aac': ['aac'],
  'audio/mp4': ['m4a', 'm4b', 'mp4', 'aac'],
  'video/mp4': ['mp4', 'm4v', 'm4a', 'mov'],
  'video/quicktime': ['mov', 'qt', 'mp4'],
  'video/webm': ['webm'],
}
const KNOWN_EXTENSIONS = new Set([...Object.values(EXTENSIONS).flat(), 'svg', 'html', 'htm', 'js', 'exe', 'bmp', 'tif', 'tiff', 'heic', 'avi', 'flac', 'mkv'])

/** A file name whose extension names another type (a PNG named `.jpg`, a page named `.mp3`) is refused; unknown or no extension is fine. */
export function nameAgrees(name: string | undefined, sniffed: SniffedType): boolean {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name ?? '')?.[1]?.toLowerCase()
  if (!ext || !KNOWN_EXTENSIONS.has(ext))
    return true
  return EXTENSIONS[sniffed.mime]?.includes(ext) ?? false
}
