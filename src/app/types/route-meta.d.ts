import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title: WeChat shows it in its own title bar. */
    title?: string
  }
}
