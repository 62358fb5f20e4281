import type { AppModule } from '../types/app-module.ts'
import { setDocumentTitle } from '../platform/document-title.ts'
import { site } from '../site.ts'

// WeChat shows document.title in its own title bar, so each route names itself.
export const install: AppModule = ({ router }) => {
  router.afterEach((to) => {
    const title = to.meta.title
    setDocumentTitle(title && to.name !== 'home' ? `${title} · ${site.name}` : site.name)
  })
}
