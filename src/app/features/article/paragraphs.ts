/** Article text is plain (never HTML): paragraphs are separated by a blank line. */
export function toParagraphs(text: string | undefined): string[] {
  if (!text)
    return []
  return text.split(/\r?\n\s*\n/).map(p => p.trim()).filter(p => p.length > 0)
}
