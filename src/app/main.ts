import type { AppModule } from './types/app-module.ts'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppRouter } from './router.ts'
import './styles/base.css'
import './styles/theme.css'

const app = createApp(App)
const router = createAppRouter()

// Each concern (pinia, titles, progress, wechat…) is one file in ./modules.
const modules = import.meta.glob<{ install: AppModule }>('./modules/*.ts', { eager: true })
for (const path of Object.keys(modules).sort())
  modules[path]!.install({ app, router })

app.use(router)
void router.isReady().then(() => app.mount('#app'))
