// After closeWindow the WeChat client tears the web view down. We cannot close a browser tab
// that a script did not open, so we cover the page instead and stop answering bridge calls.
import { createShadowHost } from './shadow-host'

const CSS = `
.closed { position: fixed; inset: 0; display: flex; flex-direction: column; align-items: center;
  justify-content: center; gap: 12px; background: #EDEDED; }
.closed h1 { font-size: 17px; font-weight: 500; }
.reopen { padding: 8px 20px; font-size: 15px; }
@media (prefers-color-scheme: dark) { .closed { background: #111; } }
`

export function showClosedOverlay(doc: Document, reopen: () => void): void {
  if (doc.querySelector('[data-wxsim="closed"]'))
    return
  const { root } = createShadowHost(doc, 'closed', 'position: fixed; inset: 0; z-index: 2147483647;', CSS)
  const wrap = doc.createElement('div')
  wrap.className = 'wx closed'
  wrap.setAttribute('data-testid', 'wxsim-closed')
  wrap.innerHTML = `
    <h1>页面已关闭</h1>
    <p class="muted">The page called closeWindow; WeChat would have closed it.</p>
    <button class="reopen btn-primary" type="button" data-testid="wxsim-reopen">重新打开</button>`
  wrap.querySelector('button')?.addEventListener('click', reopen)
  root.append(wrap)
}
