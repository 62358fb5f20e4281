import type { Inline } from '../../shared/schemas/blocks.ts'
import { Parser } from 'htmlparser2'
import sanitizeHtml from 'sanitize-html'

/**
 * Operators may write paragraph text as a little HTML. It never reaches a reader as HTML: it is
 * first cleaned by sanitize-html down to <b> <strong> <i> <em> <a href> <br> (scripts, styles,
 * frames, event handlers and every other attribute gone, with their contents for the non-text
 * tags), then parsed into `Inline` runs that the SPA renders as text nodes. Links keep only
 * `https:` and in-site paths; any other link loses its `href` and keeps its text.
 */
const SANITIZE = {
  allowedTags: ['b', 'strong', 'i', 'em', 'a', 'br'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard' as const,
  // Tags whose text is code or chrome, not prose: dropped with everything inside them.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'template', 'title', 'svg', 'math', 'head'],
}

/**
 * `https://host/…` or an in-site path (`/…`). Refuses protocol-relative (`//host`), backslash
 * tricks (`/\host`, which browsers read as `//host`), whitespace and control characters.
 */
export function safeHref(raw: string): string | null {
  const href = raw.trim()
  // Whitespace, backslashes and control characters have no place in a link we keep.
  // eslint-disable-next-line no-control-regex
  if (href.length === 0 || href.length > 2048 || /[\s\\\u0000-\u001F\u007F]/.test(href))
    return null
  if (href.startsWith('/'))
    return href.startsWith('//') ? null : href
  let url: URL
  try {
    url = new URL(href)
  }
  catch {
    return null
  }
  return url.protocol === 'https:' && url.hostname !== '' && !url.username && !url.password ? href : null
}

/** The longest `text` one run may have (the `Inline` schema's limit). */
export const MAX_RUN_TEXT = 10_000

/** A run longer than MAX_RUN_TEXT becomes several with the same marks (cut between characters). */
function split(r: Inline): Inline[] {
  if (r.text.length <= MAX_RUN_TEXT)
    return [r]
  const chars = Array.from(r.text)
  const out: Inline[] = []
  for (let i = 0; i < chars.length; i += MAX_RUN_TEXT)
    out.push({ ...r, text: chars.slice(i, i + MAX_RUN_TEXT).join('') })
  return out
}

/** Adjacent runs with the same marks become one (up to MAX_RUN_TEXT); empty runs go. */
function merge(runs: Inline[]): Inline[] {
  const out: Inline[] = []
  for (const r of runs.flatMap(split)) {
    if (r.text === '')
      continue
    const last = out.at(-1)
    if (last && !!last.bold === !!r.bold && !!last.italic === !!r.italic && last.href === r.href && last.text.length + r.text.length <= MAX_RUN_TEXT)
      last.text += r.text
    else
      out.push({ ...r })
  }
  return out
}

/** Authored runs: unsafe links lose their `href` (the text stays); false marks are dropped. */
export function cleanRuns(runs: Inline[]): Inline[] {
  return merge(runs.map((r) => {
    const run: Inline = { text: r.text }
    if (r.bold)
      run.bold = true
    if (r.italic)
      run.italic = true
    const href = r.href === undefined ? null : safeHref(r.href)
    if (href)
      run.href = href
    return run
  }))
}

/** Operator HTML → runs. Whitespace collapses as a browser would show it; `<br>` is `\n`. */
export function htmlToRuns(html: string): Inline[] {
  const clean = sanitizeHtml(html, SANITIZE)
  const runs: Inline[] = []
  let bold = 0
  let italic = 0
  const links: (string | null)[] = []
  const push = (text: string) => {
    const run: Inline = { text }
    if (bold > 0)
      run.bold = true
    if (italic > 0)
      run.italic = true
    const href = links.findLast(l => l !== null)
    if (href)
      run.href = href
    runs.push(run)
  }
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'b' || name === 'strong')
        bold++
      else if (name === 'i' || name === 'em')
        italic++
      else if (name === 'a')
        links.push(attrs.href === undefined ? null : safeHref(attrs.href))
      else if (name === 'br')
        push('\n')
    },
    ontext(text) {
      push(text.replace(/[ \t\r\n\f]+/g, ' '))
    },
    onclosetag(name) {
      if (name === 'b' || name === 'strong')
        bold = Math.max(0, bold - 1)
      else if (name === 'i' || name === 'em')
        italic = Math.max(0, italic - 1)
      else if (name === 'a')
        links.pop()
    },
  }, { decodeEntities: true })
  parser.write(clean)
  parser.end()
  const merged = merge(runs)
  // Leading and trailing spaces of the whole text are layout, not content.
  if (merged.length > 0) {
    merged[0]!.text = merged[0]!.text.replace(/^ +/, '')
    merged.at(-1)!.text = merged.at(-1)!.text.replace(/ +$/, '')
  }
  return merge(merged)
}
