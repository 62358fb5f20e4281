// updateAppMessageShareData / updateTimelineShareData: the page *sets* what a share will carry;
// the callback reports the setting, not a share (protocol.md §4.4).
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#10
import type { Handler, HandlerResult } from './handler-context'
import type { ShareData } from './types'
import { fail, isNonEmptyString, ok } from './handler-context'

function makeShareHandler(name: string, kind: keyof ShareData): Handler {
  return (args, ctx): HandlerResult => {
    const { title, desc, link, imgUrl } = args
    if (!isNonEmptyString(title))
      return fail(`${name}:fail_invalid title`, 'title is required')
    if (!isNonEmptyString(link))
      return fail(`${name}:fail_invalid link`, 'link is required')
    if (!isNonEmptyString(imgUrl))
      return fail(`${name}:fail_invalid imgUrl`, 'imgUrl is required')
    if (desc !== undefined && typeof desc !== 'string')
      return fail(`${name}:fail_invalid desc`, 'desc must be a string')

    // The doc: the link's domain must be a JS 接口安全域名 of the account. The page's own host
    // is one by definition here; anything else (or a relative link) is a kit bug.
    const page = ctx.win.location
    const linkUrl = absoluteUrl(link)
    if (!linkUrl)
      return fail(`${name}:fail_invalid link`, `link must be an absolute http(s) URL, got ${link}`)
    // host includes the port: JS safe domains are host[:port], as wx.config checks them.
    if (linkUrl.host !== page.host)
      return fail(`${name}:fail_invalid link domain`, `link host ${linkUrl.host} is not the page's JS safe domain ${page.host}`)
    // A relative imgUrl gives a share card with no thumbnail; stricter than WeChat on purpose.
    if (!absoluteUrl(imgUrl))
      return fail(`${name}:fail_invalid imgUrl`, `imgUrl must be an absolute http(s) URL, got ${imgUrl}`)

    ctx.state.recordShare(kind, {
      title,
      desc: kind === 'appMessage' ? (desc ?? '') : undefined,
      link,
      imgUrl,
    })
    return ok(`${name}:ok`)
  }
}

function absoluteUrl(s: string): URL | null {
  try {
    const u = new URL(s)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null
  }
  catch {
    return null
  }
}

export const updateAppMessageShareData = makeShareHandler('updateAppMessageShareData', 'appMessage')
export const updateTimelineShareData = makeShareHandler('updateTimelineShareData', 'timeline')
