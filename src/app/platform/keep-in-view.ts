/**
 * Keeps an element where the reader sees it while the content around it changes (the paywall
 * replaced by the premium text): measure before the change, scroll by the difference after.
 * Browsers' own scroll anchoring cannot be relied on here: the anchor it picked (inside the
 * paywall) is the node being removed.
 */
export function keepInView(el: Element, win: Pick<Window, 'scrollBy'> = window): () => void {
  const before = el.getBoundingClientRect().top
  return () => {
    const drift = el.getBoundingClientRect().top - before
    if (Math.abs(drift) >= 1)
      win.scrollBy(0, drift)
  }
}
