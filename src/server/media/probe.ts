import type { FileHandle } from 'node:fs/promises'
import type { SniffedType } from './sniff.ts'
import { open } from 'node:fs/promises'
import sharp from 'sharp'

export interface Probed extends SniffedType {
  width: number | null
  height: number | null
  durationMs: number | null
}

export class UnreadableMedia extends Error {}

/**
 * Dimensions and duration, read from the file's own structure where that is cheap: sharp for
 * images (with EXIF orientation applied, so a portrait photo shot sideways is portrait), the
 * `moov` box of MP4/MOV (`mvhd` duration, the video track's `tkhd` size; no video track makes
 * it audio), the WAV header, and MP3 frame headers (Xing/Info frame count, or the bit rate).
 * Anything else keeps null rather than guessing.
 */
export async function probeMedia(path: string, sniffed: SniffedType, size: number): Promise<Probed> {
  const none = { ...sniffed, width: null, height: null, durationMs: null }
  if (sniffed.kind === 'image') {
    try {
      const meta = await sharp(path).metadata()
      if (!meta.width || !meta.height)
        throw new UnreadableMedia('image has no dimensions')
      const turned = (meta.orientation ?? 1) >= 5
      return { ...sniffed, width: turned ? meta.height : meta.width, height: turned ? meta.width : meta.height, durationMs: null }
    }
    catch (err) {
      throw err instanceof UnreadableMedia ? err : new UnreadableMedia('the image cannot be decoded')
    }
  }
  const file = await open(path, 'r')
  try {
    if (sniffed.mime === 'video/mp4' || sniffed.mime === 'video/quicktime' || sniffed.mime === 'audio/mp4')
      return { ...none, ...await probeIsoMedia(file, size, sniffed) }
    if (sniffed.mime === 'audio/wav')
      return { ...none, durationMs: await wavDuration(file) }
    if (sniffed.mime === 'audio/mpeg')
      return { ...none, durationMs: await mp3Duration(file, size) }
    return none
  }
  catch {
    return none
  }
  finally {
    await file.close()
  }
}

async function read(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length)
  const { bytesRead } = await file.read(buf, 0, length, position)
  return buf.subarray(0, bytesRead)
}

interface Box { type: string, start: number, end: number }

/** Boxes directly inside `data[from, to)`. */
function boxes(data: Buffer, from: number, to: number): Box[] {
  const out: Box[] = []
  for (let at = from; at + 8 <= to;) {
    let size = data.readUInt32BE(at)
    let header = 8
    if (size === 1 && at + 16 <= to) {
      size = Number(data.readBigUInt64BE(at + 8))
      header = 16
    }
    else if (size === 0) {
      size = to - at
    }
    if (size < header || at + size > to)
      break
    out.push({ type: data.toString('latin1', at + 4, at + 8), start: at + header, end: at + size })
    at += size
  }
  return out
}

const MAX_MOOV = 32 * 1024 * 1024

async function probeIsoMedia(file: FileHandle, size: number, sniffed: SniffedType): Promise<Partial<Probed>> {
  // Walk the top level from the file (moov may sit after a 200 MB mdat), then read moov alone.
  let moov: Buffer | null = null
  for (let at = 0; at + 8 <= size;) {
    const head = await read(file, at, 16)
    let boxSize = head.readUInt32BE(0)
    if (boxSize === 1)
      boxSize = Number(head.readBigUInt64BE(8))
    else if (boxSize === 0)
      boxSize = size - at
    if (boxSize < 8)
      break
    if (head.toString('latin1', 4, 8) === 'moov') {
      if (boxSize > MAX_MOOV)
        break
      moov = await read(file, at, boxSize)
      break
    }
    at += boxSize
  }
  if (!moov)
    return {}
  const out: Partial<Probed> = {}
  const top = boxes(moov, 8, moov.length)
  const mvhd = top.find(b => b.type === 'mvhd')
  if (mvhd) {
    const v1 = moov[mvhd.start] === 1
    const timescale = moov.readUInt32BE(mvhd.start + (v1 ? 20 : 12))
    const duration = v1 ? Number(moov.readBigUInt64BE(mvhd.start + 24)) : moov.readUInt32BE(mvhd.start + 16)
    if (timescale > 0)
      out.durationMs = Math.round(duration / timescale * 1000)
  }
  let hasVideo = false
  for (const trak of top.filter(b => b.type === 'trak')) {
    const inner = boxes(moov, trak.start, trak.end)
    const mdia = inner.find(b => b.type === 'mdia')
    const hdlr = mdia && boxes(moov, mdia.start, mdia.end).find(b => b.type === 'hdlr')
    if (!hdlr || moov.toString('latin1', hdlr.start + 8, hdlr.start + 12) !== 'vide')
      continue
    hasVideo = true
    const tkhd = inner.find(b => b.type === 'tkhd')
    if (tkhd) {
      const v1 = moov[tkhd.start] === 1
      // version/flags, times, track id, reserved, duration, reserved(8), layer, group, volume, reserved, matrix(36)
      const sizeAt = tkhd.start + (v1 ? 88 : 76)
      out.width = Math.round(moov.readUInt32BE(sizeAt) / 65536)
      out.height = Math.round(moov.readUInt32BE(sizeAt + 4) / 65536)
    }
    break
  }
  if (!hasVideo && sniffed.kind === 'video')
    Object.assign(out, { kind: 'audio', mime: 'audio/mp4', width: null, height: null })
  return out
}

async function wavDuration(file: FileHandle): Promise<number | null> {
  const head = await read(file, 0, 4096)
  let byteRate = 0
  for (let at = 12; at + 8 <= head.length;) {
    const id = head.toString('latin1', at, at + 4)
    const size = head.readUInt32LE(at + 4)
    if (id === 'fmt ' && at + 16 <= head.length)
      byteRate = head.readUInt32LE(at + 16)
    if (id === 'data')
      return byteRate > 0 ? Math.round(size / byteRate * 1000) : null
    at += 8 + size + (size % 2)
  }
  return null
}

// kbit/s for MPEG-1 and MPEG-2/2.5 Layer III, by the header's 4-bit index.
const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] }

async function mp3Duration(file: FileHandle, size: number): Promise<number | null> {
  let offset = 0
  const id3 = await read(file, 0, 10)
  if (id3.toString('latin1', 0, 3) === 'ID3')
    offset = 10 + ((id3[6]! & 0x7F) << 21 | (id3[7]! & 0x7F) << 14 | (id3[8]! & 0x7F) << 7 | (id3[9]! & 0x7F))
  const frame = await read(file, offset, 4096)
  let at = 0
  while (at + 4 <= frame.length && !(frame[at] === 0xFF && (frame[at + 1]! & 0xE6) === 0xE2))
    at++
  if (at + 4 > frame.length)
    return null
  const version = (frame[at + 1]! >> 3) & 0x03
  const bitrate = (version === 3 ? BITRATES_V1 : BITRATES_V2)[frame[at + 2]! >> 4]
  const sampleRate = SAMPLE_RATES[version]?.[(frame[at + 2]! >> 2) & 0x03]
  if (!bitrate || !sampleRate)
    return null
  const mono = (frame[at + 3]! >> 6) === 3
  const sideInfo = version === 3 ? (mono ? 17 : 32) : (mono ? 9 : 17)
  const tag = frame.toString('latin1', at + 4 + sideInfo, at + 8 + sideInfo)
  if ((tag === 'Xing' || tag === 'Info') && (frame.readUInt32BE(at + 8 + sideInfo) & 1)) {
    const frames = frame.readUInt32BE(at + 12 + sideInfo)
    const samplesPerFrame = version === 3 ? 1152 : 576
    return Math.round(frames * samplesPerFrame / sampleRate * 1000)
  }
  return Math.round((size - offset - at) * 8 / bitrate)
}
