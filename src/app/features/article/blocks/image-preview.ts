// Vant's full-screen viewer, for readers outside WeChat. Loaded on the first tap only: it is
// not part of the article page's chunk.
export function openImagePreview(urls: string[], index: number): void {
  showImagePreview({ images: urls, startPosition: index, closeable: true })
}
