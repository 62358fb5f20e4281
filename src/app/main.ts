import { createApp } from 'vue'
import App from './App.vue'
import { appModules } from './modules/index.ts'
import { createAppRouter } from './router.ts'
import './styles/base.css'
import './styles/theme.css'

const app = createApp(App)
const router = createAppRouter()

// Each concern (pinia, titles, progress, wechat…) is one file in ./modules, installed in the order modules/index.ts gives.
for (const install of appModules)
  install({ app, router })

app.use(router)
void router.isReady().then(() => app.mount('#app'))
