import type { ShareMeta } from '../features/share/index.ts'
import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title: WeChat shows it in its own title bar. */
    title?: string
    /** The page's share card for friends and Moments; site.ts gives the defaults. */
    share?: ShareMeta
  }
}
