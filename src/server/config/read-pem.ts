import { readFileSync, statSync } from 'node:fs'

/**
 * Keys may be given inline (PEM text, `\n` escapes allowed since many hosts
 * only take one-line variables) or as a path to a PEM file. Throws an Error whose
 * message says what is wrong with the value (never its content).
 */
export function readPem(value: string): string {
  const inline = value.replace(/\\n/g, '\n').trim()
  if (inline.startsWith('-----BEGIN'))
    return `${inline}\n`
  let isDirectory: boolean
  try {
    isDirectory = statSync(value).isDirectory()
  }
  catch {
    throw new Error('is neither PEM text nor a readable file path')
  }
  // readFileSync would say EISDIR; a directory is a common slip (secrets/ instead of secrets/key.pem).
  if (isDirectory)
    throw new Error(`is the directory ${value}, not a PEM file in it`)
  try {
    return readFileSync(value, 'utf8')
  }
  catch (e) {
    throw new Error(`names a file that cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`)
  }
}
