// The client's 订阅通知 sheet for wx-open-subscribe: who asks, which notices, 取消 / 允许.
// Same look and hooks as the pay sheet (data-testid="wxsim-subscribe-*").
import { createShadowHost, escapeHtml } from './shadow-host'

const CSS = `
.mask { position: fixed; inset: 0; background: rgba(0,0,0,.6); animation: fade .2s; }
.sheet { position: fixed; left: 0; right: 0; bottom: 0; background: #fff; border-radius: 12px 12px 0 0;
  padding: 24px 24px calc(24px + env(safe-area-inset-bottom)); animation: up .25s ease-out; }
.who { font-size: 15px; font-weight: 600; }
.ask { margin-top: 12px; font-size: 17px; }
.list { margin-top: 16px; border-top: 1px solid rgba(0,0,0,.1); }
.item { display: flex; align-items: center; gap: 8px; padding: 14px 0; border-bottom: 1px solid rgba(0,0,0,.1); font-size: 15px; }
.item .tick { color: #07C160; font-weight: 700; }
.item .id { margin-left: auto; font-size: 12px; max-width: 45%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.actions { display: flex; gap: 16px; justify-content: center; margin-top: 24px; }
.actions button { width: 120px; height: 40px; border-radius: 8px; font-size: 17px; font-weight: 600; }
.cancel { background: rgba(0,0,0,.05); color: #07C160; }
@keyframes up { from { transform: translateY(100%); } }
@keyframes fade { from { opacity: 0; } }
@media (prefers-color-scheme: dark) {
  .sheet { background: #191919; }
  .list, .item { border-color: rgba(255,255,255,.1); }
  .cancel { background: rgba(255,255,255,.08); }
}
`

export function showSubscribeSheet(doc: Document, templateIds: string[]): Promise<'accept' | 'reject'> {
  const { root, remove } = createShadowHost(doc, 'subscribe-sheet', 'position: fixed; inset: 0; z-index: 2147483646;', CSS)
  const wrap = doc.createElement('div')
  wrap.className = 'wx'
  wrap.innerHTML = `
    <div class="mask" data-action="reject"></div>
    <div class="sheet" role="dialog" aria-modal="true" aria-label="订阅通知" data-testid="wxsim-subscribe-sheet">
      <p class="who">模拟公众号</p>
      <p class="ask">申请向你发送以下通知</p>
      <div class="list">${templateIds.map(id => `<div class="item"><span class="tick">✓</span><span>更新提醒</span><span class="id muted">${escapeHtml(id)}</span></div>`).join('')}</div>
      <div class="actions">
        <button class="cancel" type="button" data-action="reject" data-testid="wxsim-subscribe-cancel">取消</button>
        <button class="btn-primary" type="button" data-action="accept" data-testid="wxsim-subscribe-allow">允许</button>
      </div>
    </div>`
  root.append(wrap)
  return new Promise((resolve) => {
    let settled = false
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape')
        finish('reject')
    }
    function finish(choice: 'accept' | 'reject'): void {
      if (settled)
        return
      settled = true
      doc.removeEventListener('keydown', onKey, true)
      remove()
      resolve(choice)
    }
    wrap.addEventListener('click', (e) => {
      const action = (e.target as Element | null)?.closest('[data-action]')?.getAttribute('data-action')
      if (action === 'accept' || action === 'reject')
        finish(action)
    })
    doc.addEventListener('keydown', onKey, true)
  })
}
