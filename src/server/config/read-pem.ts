import { existsSync, readFileSync } from 'node:fs'

/**
 * Keys may be given inline (PEM text, `\n` escapes allowed since many hosts
 * only take one-line variables) or as a path to a PEM file.
 */
export function readPem(value: string): string {
  const inline = value.replace(/\\n/g, '\n').trim()
  if (inline.startsWith('-----BEGIN'))
    return `${inline}\n`
  if (existsSync(value))
    return readFileSync(value, 'utf8')
  throw new Error('is neither PEM text nor a readable file path')
}
