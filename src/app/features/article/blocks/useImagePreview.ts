import type { ImageView } from '@shared/schemas/blocks.ts'
import { usePlatform } from '../../../platform/services.ts'
import { useWeChat } from '../../../platform/wechat/index.ts'

/**
 * Tap to see an image full screen: WeChat's own viewer inside WeChat (`wx.previewImage`, which
 * needs absolute URLs: the client fetches them itself), Vant's elsewhere or when the JS-SDK
 * is not configured.
 */
export function useImagePreview() {
  const wechat = useWeChat()
  const { location } = usePlatform()

  async function fallback(urls: string[], index: number) {
    const { openImagePreview } = await import('./image-preview.ts')
    openImagePreview(urls, index)
  }

  return async function preview(images: readonly ImageView[], index: number): Promise<void> {
    const urls = images.map(i => new URL(i.src, location.href).href)
    if (wechat.isSupported) {
      try {
        await wechat.previewImage(urls[index]!, urls)
        return
      }
      catch {}
    }
    await fallback(urls, index)
  }
}
