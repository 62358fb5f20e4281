/**
 * Regenerates the demo media in src/server/db/seed/media/ (run by hand; needs ffmpeg on PATH,
 * CI never runs it): gradient pictures with a title drawn from SVG by sharp, a short chord for
 * the audio, and an H.264 baseline MP4 (what iOS WebKit and Chromium both play) made from the
 * poster. Then it measures every file the way an upload is measured, writes the WebP thumbnails
 * and seed/0019_media.sql (`--sql-only` skips regenerating the originals).
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { probeMedia } from '../src/server/media/probe.ts'
import { SNIFF_BYTES, sniffMedia } from '../src/server/media/sniff.ts'
import { THUMB_WIDTH } from '../src/server/media/upload.ts'

const dir = join(import.meta.dirname, '../src/server/db/seed/media')

interface Picture { id: string, width: number, height: number, from: string, to: string, title: string, subtitle: string, format: 'jpeg' | 'png' }

const pictures: Picture[] = [
  { id: 'demo-photo-1', width: 1200, height: 800, from: '#0f9d58', to: '#0b6e99', title: '山间清晨', subtitle: 'demo-photo-1 · 1200×800', format: 'jpeg' },
  { id: 'demo-photo-2', width: 1200, height: 800, from: '#f4a261', to: '#e76f51', title: '傍晚的海', subtitle: 'demo-photo-2 · 1200×800', format: 'jpeg' },
  { id: 'demo-photo-3', width: 1200, height: 800, from: '#6a4c93', to: '#1982c4', title: '会员专享', subtitle: 'demo-photo-3 · premium', format: 'jpeg' },
  { id: 'demo-photo-4', width: 800, height: 1200, from: '#ffca3a', to: '#8ac926', title: '竖幅插图', subtitle: 'demo-photo-4 · 800×1200', format: 'png' },
  { id: 'demo-poster', width: 640, height: 360, from: '#22223b', to: '#4a4e69', title: '短视频', subtitle: 'demo-video · 5 s', format: 'jpeg' },
  { id: 'demo-cover-series', width: 1200, height: 675, from: '#264653', to: '#2a9d8f', title: '三部曲连载', subtitle: 'demo-cover-series', format: 'jpeg' },
]

function svg(p: Picture): Buffer {
  const size = Math.round(Math.min(p.width, p.height) / 7)
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${p.height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.from}"/><stop offset="1" stop-color="${p.to}"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  <circle cx="${p.width * 0.82}" cy="${p.height * 0.22}" r="${size * 1.1}" fill="#ffffff" fill-opacity="0.16"/>
  <circle cx="${p.width * 0.12}" cy="${p.height * 0.86}" r="${size * 1.8}" fill="#ffffff" fill-opacity="0.08"/>
  <text x="50%" y="50%" text-anchor="middle" font-family="WenQuanYi Micro Hei, sans-serif" font-size="${size}" font-weight="bold" fill="#ffffff">${p.title}</text>
  <text x="50%" y="${p.height / 2 + size * 0.9}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="${Math.round(size / 3.2)}" fill="#ffffff" fill-opacity="0.85">${p.subtitle}</text>
</svg>`)
}

if (!process.argv.includes('--sql-only')) {
  for (const p of pictures) {
    const image = sharp(svg(p))
    const out = p.format === 'png' ? image.png({ palette: true, colours: 128, compressionLevel: 9 }) : image.jpeg({ quality: 72, mozjpeg: true })
    await out.toFile(join(dir, `${p.id}.${p.format === 'png' ? 'png' : 'jpg'}`))
  }
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'inherit' })
  // A slow C-major arpeggio, each note fading out: 20 s, mono MP3 with a Xing header.
  const notes = [261.63, 329.63, 392.0, 523.25]
  const expr = notes.map((f, i) => `0.25*sin(2*PI*${f}*t)*exp(-1.5*mod(t-${i * 0.5},2))*gte(mod(t,2),${i * 0.5})`).join('+')
  ffmpeg('-f', 'lavfi', '-i', `aevalsrc='${expr}':s=22050:d=20`, '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '32k', join(dir, 'demo-audio.mp3'))
  // The poster, slowly zoomed for 5 s: H.264 Constrained Baseline, yuv420p, moov first (fast start).
  ffmpeg('-loop', '1', '-i', join(dir, 'demo-poster.jpg'), '-t', '5', '-r', '25', '-vf', 'scale=2*640:-2,zoompan=z=\'1+0.002*on\':d=125:s=640x360:fps=25', '-c:v', 'libx264', '-profile:v', 'baseline', '-level', '3.0', '-pix_fmt', 'yuv420p', '-b:v', '180k', '-movflags', '+faststart', '-an', join(dir, 'demo-video.mp4'))
}

const files: [id: string, name: string][] = [
  ...pictures.map(p => [p.id, `${p.id}.${p.format === 'png' ? 'png' : 'jpg'}`] as [string, string]),
  ['demo-audio', 'demo-audio.mp3'],
  ['demo-video', 'demo-video.mp4'],
]
// Used after the demo post's paywall break: served only through signed URLs.
const PREMIUM = new Set(['demo-photo-3', 'demo-audio'])
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const q = (v: string | number | null) => v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, '\'\'')}'`
const values: string[] = []
for (const [id, name] of files) {
  const path = join(dir, name)
  const bytes = readFileSync(path)
  const probed = await probeMedia(path, sniffMedia(bytes.subarray(0, SNIFF_BYTES))!, bytes.length)
  const variants: Record<string, unknown> = {}
  if (probed.kind === 'image') {
    const thumb = await sharp(path).rotate().resize({ width: THUMB_WIDTH, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer({ resolveWithObject: true })
    const key = `${id}.thumb.webp`
    writeFileSync(join(dir, key), thumb.data)
    variants.thumb = { key, mime: 'image/webp', width: thumb.info.width, height: thumb.info.height, bytes: thumb.data.length, sha256: sha(thumb.data) }
  }
  values.push(`  (${[q(id), q(probed.kind), q(probed.mime), bytes.length, q(sha(bytes)), probed.width ?? 'NULL', probed.height ?? 'NULL', probed.durationMs ?? 'NULL', q(PREMIUM.has(id) ? 'premium' : 'public'), q(name), `${q(JSON.stringify(variants))}::jsonb`, q(name)].join(', ')})`)
}
writeFileSync(join(dir, '../0019_media.sql'), `-- Demo media (files in seed/media/, copied into the media store by seed()). Generated by
-- scripts/make-demo-media.ts from the files themselves: sizes, hashes and dimensions are real.
-- demo-photo-3 and demo-audio are used after the demo post's paywall break, hence premium.
INSERT INTO media (id, kind, mime, bytes, sha256, width, height, duration_ms, access, storage_key, variants, original_name) VALUES
${values.join(',\n')}
ON CONFLICT (id) DO NOTHING;
`)
