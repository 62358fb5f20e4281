// WeChat's pay sheet (收银台): amount, merchant, description, 确认支付 / 取消.
// Looks like the client's bottom sheet; data-testid hooks let e2e tests drive it.
import type { PayOrder } from './sim-client'
import { createShadowHost, escapeHtml, formatFen } from './shadow-host'

const CSS = `
.mask { position: fixed; inset: 0; background: rgba(0,0,0,.6); animation: fade .2s; }
.sheet { position: fixed; left: 0; right: 0; bottom: 0; background: #fff; border-radius: 12px 12px 0 0;
  padding: 16px 24px calc(24px + env(safe-area-inset-bottom)); text-align: center; animation: up .25s ease-out; }
.head { position: relative; height: 32px; }
.close { position: absolute; left: -8px; top: 0; width: 32px; height: 32px; font-size: 22px; line-height: 32px; color: rgba(0,0,0,.9); }
.title { font-size: 15px; line-height: 32px; }
.merchant { margin-top: 16px; font-size: 15px; }
.amount { margin-top: 8px; font-size: 40px; font-weight: 600; letter-spacing: .5px; }
.amount small { font-size: 24px; margin-right: 2px; }
.desc { margin-top: 4px; font-size: 13px; }
.row { display: flex; justify-content: space-between; margin-top: 24px; padding: 14px 0;
  border-top: 1px solid rgba(0,0,0,.1); font-size: 14px; }
.confirm { display: block; width: 184px; height: 40px; margin: 24px auto 0; font-size: 17px; }
@keyframes up { from { transform: translateY(100%); } }
@keyframes fade { from { opacity: 0; } }
@media (prefers-color-scheme: dark) {
  .sheet { background: #191919; } .close { color: rgba(255,255,255,.8); }
  .row { border-top-color: rgba(255,255,255,.1); }
}
`

export function showPaySheet(doc: Document, order: PayOrder): Promise<'confirm' | 'cancel'> {
  const { root, remove } = createShadowHost(doc, 'pay-sheet', 'position: fixed; inset: 0; z-index: 2147483646;', CSS)
  const wrap = doc.createElement('div')
  wrap.className = 'wx'
  wrap.innerHTML = `
    <div class="mask"></div>
    <div class="sheet" role="dialog" aria-modal="true" aria-label="微信支付" data-testid="wxsim-pay-sheet">
      <div class="head">
        <button class="close" type="button" aria-label="取消" data-action="cancel" data-testid="wxsim-pay-cancel">✕</button>
        <span class="title">微信支付</span>
      </div>
      <p class="merchant" data-testid="wxsim-pay-merchant">${escapeHtml(order.merchantName)}</p>
      <p class="amount" data-testid="wxsim-pay-amount"><small>¥</small>${formatFen(order.total)}</p>
      <p class="desc muted" data-testid="wxsim-pay-description">${escapeHtml(order.description)}</p>
      <div class="row"><span class="muted">付款方式</span><span>零钱</span></div>
      <button class="confirm btn-primary" type="button" data-action="confirm" data-testid="wxsim-pay-confirm">确认支付</button>
    </div>`
  root.append(wrap)

  return new Promise((resolve) => {
    let settled = false
    function onKey(e: KeyboardEvent): void {
      if (e.key === 'Escape')
        finish('cancel')
    }
    function finish(choice: 'confirm' | 'cancel'): void {
      if (settled)
        return
      settled = true
      doc.removeEventListener('keydown', onKey, true)
      remove()
      resolve(choice)
    }
    wrap.addEventListener('click', (e) => {
      const action = (e.target as Element | null)?.closest('[data-action]')?.getAttribute('data-action')
      if (action === 'confirm' || action === 'cancel')
        finish(action)
    })
    doc.addEventListener('keydown', onKey, true)
  })
}
