// Small client APIs that only need a plausible reply (protocol.md §4.6–§4.8).
import type { Handler } from './handler-context'
import { fail, isNonEmptyString, ok } from './handler-context'

// §4.7: the SDK parses the suffix (wifi|edge|wwan) into networkType; the prefix is legacy.
export const getNetworkType: Handler = () => ok('network_type:wifi')

export const closeWindow: Handler = (_args, ctx) => {
  ctx.state.closed = true
  ctx.state.changed()
  ctx.ui.showClosed()
  return ok('closeWindow:ok')
}

// `{fontSize: 0}` pins the page to the standard size until the reader changes the setting
// (font-size.ts). The reply tells the page the reader's setting, in percent.
export const setFontSizeCallback: Handler = (args, ctx) => {
  if (args.fontSize === 0 || args.fontSize === '0') {
    ctx.state.fontSizePinned = true
    ctx.ui.applyFontSize()
    ctx.state.changed()
  }
  return ok('setFontSizeCallback:ok', { fontSize: ctx.state.fontSize })
}

export const imagePreview: Handler = (args) => {
  const { urls, current } = args
  if (!Array.isArray(urls) || urls.length === 0 || !urls.every(isNonEmptyString))
    return fail('imagePreview:fail', 'urls must be a non-empty array of image URLs')
  if (current !== undefined && !isNonEmptyString(current))
    return fail('imagePreview:fail', 'current must be one of urls')
  return ok('imagePreview:ok')
}

function menuItems(name: string): Handler {
  return (args) => {
    const list = args.menuList
    if (!Array.isArray(list) || !list.every(isNonEmptyString))
      return fail(`${name}:fail`, 'menuList must be an array of menu item names')
    return ok(`${name}:ok`)
  }
}

export const hideMenuItems = menuItems('hideMenuItems')
export const showMenuItems = menuItems('showMenuItems')
export const hideOptionMenu: Handler = () => ok('hideOptionMenu:ok')
export const showOptionMenu: Handler = () => ok('showOptionMenu:ok')
export const hideAllNonBaseMenuItem: Handler = () => ok('hideAllNonBaseMenuItem:ok')
export const showAllNonBaseMenuItem: Handler = () => ok('showAllNonBaseMenuItem:ok')
