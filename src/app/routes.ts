import type { RouteRecordRaw } from 'vue-router'
import HomePage from './pages/HomePage.vue'

// The home page is in the entry chunk for a fast first paint from the account
// menu; the other pages load on demand. `meta.share` is each page's share card
// (site.ts has the defaults; pages with dynamic titles add useShareData).
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { title: '首页' } },
  {
    path: '/articles',
    name: 'articles',
    component: () => import('./pages/ArticlesPage.vue'),
    meta: { title: '文章', share: { title: '精选文章 · 公众号示例', desc: '阅读专栏与系列文章' } },
  },
  {
    path: '/articles/:id',
    name: 'article',
    component: () => import('./pages/ArticlePage.vue'),
    meta: { title: '文章', share: { title: '精选文章 · 公众号示例', desc: '阅读专栏与系列文章' } },
  },
  {
    path: '/series/:id',
    name: 'series',
    component: () => import('./pages/SeriesPage.vue'),
    meta: { title: '系列', share: { title: '系列文章 · 公众号示例', desc: '按顺序阅读，新篇更新提醒' } },
  },
  {
    path: '/polls/:id',
    name: 'poll',
    component: () => import('./pages/PollPage.vue'),
    meta: { title: '投票', share: { title: '本周投票：说出你的选择', desc: '来投一票，看看大家怎么选' } },
  },
  {
    path: '/quizzes/:id',
    name: 'quiz',
    component: () => import('./pages/QuizPage.vue'),
    meta: { title: '测验', share: { title: '趣味测验：测测你有多了解我们', desc: '几道小题，一分钟完成' } },
  },
  {
    path: '/membership',
    name: 'membership',
    component: () => import('./pages/MembershipPage.vue'),
    meta: { title: '会员', share: { title: '会员中心 · 公众号示例', desc: '解锁全部付费内容' } },
  },
  {
    path: '/signin/error',
    name: 'signin-error',
    component: () => import('./pages/SignInErrorPage.vue'),
    // Nobody should receive a link to an error page: share the home page instead.
    meta: { title: '登录未完成', share: { path: '/' } },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { title: '页面不存在', share: { path: '/' } },
  },
]
