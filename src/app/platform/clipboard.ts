/** Copies text; resolves false where the browser refuses (old webviews, no user gesture). */
export async function copyText(text: string, nav: Pick<Navigator, 'clipboard'> | undefined = globalThis.navigator): Promise<boolean> {
  try {
    if (!nav?.clipboard)
      return false
    await nav.clipboard.writeText(text)
    return true
  }
  catch {
    return false
  }
}
