import type { WxSdk } from './types.ts'

/**
 * Loads jweixin as its own chunk. The npm build, unlike the CDN script, does not set
 * `window.wx` (protocol.md §4.1), yet the SDK's own getLocalImgData queue and image error
 * handler refer to a global `wx`; so we set it (and `jWeixin`) ourselves.
 */
export async function loadWeixinSdk(win: Window & { wx?: unknown, jWeixin?: unknown } = window): Promise<WxSdk> {
  const mod = await import('weixin-js-sdk')
  const sdk = ((mod as { default?: unknown }).default ?? mod) as WxSdk | undefined
  if (!sdk || typeof sdk.config !== 'function')
    throw new Error('weixin-js-sdk did not load (no window?)')
  win.wx ??= sdk
  win.jWeixin ??= sdk
  return sdk
}
