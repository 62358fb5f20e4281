// HTML of the OAuth authorize step: the consent sheet, the silent (snsapi_base)
// hop, and WeChat's error page. Mobile-first, WeUI look (brand green #07C160).
import type { Persona } from '../personas.ts'

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c]!)
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Helvetica Neue","Microsoft YaHei",sans-serif;background:#EDEDED;color:#191919;-webkit-text-size-adjust:100%}
main{max-width:480px;margin:0 auto;padding:24px 16px calc(24px + env(safe-area-inset-bottom))}
.card{background:#fff;border-radius:12px;padding:20px 16px}.app{font-size:17px;font-weight:600;margin:0 0 4px}.ask{color:rgba(0,0,0,.55);font-size:14px;margin:0 0 16px}
label.persona{display:flex;align-items:center;gap:12px;padding:12px 4px;border-top:1px solid rgba(0,0,0,.06);cursor:pointer}label.persona:first-of-type{border-top:0}
label.persona img{width:44px;height:44px;border-radius:6px}label.persona span{flex:1}label.persona small{display:block;color:rgba(0,0,0,.45);font-size:12px;margin-top:2px}
input[type=radio]{width:20px;height:20px;accent-color:#07C160}
.actions{display:flex;flex-direction:column;gap:12px;margin-top:24px}button{font-size:17px;font-weight:600;border:0;border-radius:8px;padding:12px;width:100%}
.allow{background:#07C160;color:#fff}.refuse{background:#F2F2F2;color:#07C160}
.err{text-align:center;padding-top:40px}.err .icon{width:64px;height:64px;border-radius:50%;background:#FA5151;color:#fff;font-size:40px;line-height:64px;margin:0 auto 16px}
.err h1{font-size:20px;margin:0 0 8px}.err p{color:rgba(0,0,0,.55);font-size:14px;line-height:1.6}.err code{color:#FA5151}
@media (prefers-color-scheme:dark){body{background:#111;color:#E5E5E5}.card{background:#191919}.ask,label.persona small,.err p{color:rgba(255,255,255,.5)}.refuse{background:#2C2C2C}}`

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`
}

function errorBlock(code: string, message: string, hidden = false): string {
  return `<section class="err" id="wxsim-error" data-errcode="${esc(code)}"${hidden ? ' hidden' : ''}><div class="icon">!</div><h1>${esc(message)}</h1><p>${code ? `错误码：<code>${esc(code)}</code>` : ''}</p></section>`
}

/** WeChat shows authorize errors as a page, not JSON (protocol §1.1). */
export function errorPage(code: string, message: string, hint?: string): string {
  const block = errorBlock(code, message)
  return page('微信网页授权', hint ? block.replace('</section>', `<p>${esc(hint)}</p></section>`) : block)
}

// The #wechat_redirect fragment never reaches a server, so the page checks it itself (§1.1).
const HASH_CHECK = `location.hash==='#wechat_redirect'`
const MISSING_HASH = errorBlock('', '链接缺少 #wechat_redirect 参数，无法完成授权', true)
  .replace('</section>', '<p>授权链接必须以 #wechat_redirect 结尾（无论直接打开还是 302 重定向）。</p></section>')

export function consentPage(o: { accountName: string, hidden: Record<string, string>, personas: readonly Persona[], preselected: string }): string {
  const hidden = Object.entries(o.hidden).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('')
  const personas = o.personas.map(p => `<label class="persona" data-persona="${p.key}"><img src="${esc(p.avatarPath)}" alt=""><span>${esc(p.displayName)} · ${esc(p.nickname)}<small>${esc(p.description)}</small></span><input type="radio" name="persona" value="${p.key}"${p.key === o.preselected ? ' checked' : ''}></label>`).join('')
  const body = `<form class="card" id="wxsim-consent" method="get" action="/connect/oauth2/authorize/confirm" hidden>${hidden}
<p class="app">${esc(o.accountName)}</p><p class="ask">申请获得你的昵称、头像（模拟器：请选择以哪位用户身份授权）</p>${personas}
<div class="actions"><button class="allow" id="wxsim-allow" name="action" value="allow">允许</button><button class="refuse" id="wxsim-refuse" name="action" value="refuse">拒绝</button></div></form>
${MISSING_HASH}<script>if(${HASH_CHECK}){document.getElementById('wxsim-consent').hidden=false}else{document.getElementById('wxsim-error').hidden=false}</script>`
  return page('微信网页授权', body)
}

/** snsapi_base: no consent; the page continues at once when the fragment is right. */
export function silentPage(confirmUrl: string, hidden: Record<string, string>): string {
  // The same fields as the consent form, for clients without JavaScript (server tests).
  const inputs = Object.entries(hidden).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('')
  const body = `${MISSING_HASH}<form id="wxsim-silent" method="get" action="/connect/oauth2/authorize/confirm" hidden>${inputs}</form>
<script>if(${HASH_CHECK}){location.replace(${JSON.stringify(confirmUrl).replace(/</g, '\\u003c')})}else{document.getElementById('wxsim-error').hidden=false}</script>`
  return page('微信网页授权', body)
}
