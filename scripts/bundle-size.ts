import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export interface FirstLoad {
  jsGzip: number
  cssGzip: number
  files: { file: string, gzip: number }[]
}

/** The budgets for the first load of `/` (gzip bytes); README records the measured figures. */
export const BUDGET = { jsGzip: 70 * 1024, cssGzip: 40 * 1024 }

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length

/**
 * What a follower downloads to see `/`: the entry script, every modulepreload
 * and stylesheet in index.html, plus the JS-SDK chunk, which every page loads
 * right after start-up even though it is a separate chunk.
 */
export function measureFirstLoad(distDir = 'dist/app'): FirstLoad {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const refs = new Set<string>()
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"|<link[^>]+rel="(?:modulepreload|stylesheet)"[^>]+href="([^"]+)"/g))
    refs.add((m[1] ?? m[2])!)
  const manifestPath = join(distDir, '.vite', 'manifest.json')
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string, src?: string }>
    for (const chunk of Object.values(manifest)) {
      if (chunk.src?.includes('weixin-js-sdk'))
        refs.add(`/${chunk.file}`)
    }
  }
  const files = [...refs].filter(r => r.startsWith('/')).map(r => ({ file: r, gzip: gz(join(distDir, r)) }))
  const sum = (ext: string) => files.filter(f => f.file.endsWith(ext)).reduce((n, f) => n + f.gzip, 0)
  return { jsGzip: sum('.js'), cssGzip: sum('.css'), files }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
