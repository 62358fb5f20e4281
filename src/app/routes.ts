import type { RouteRecordRaw } from 'vue-router'
import HomePage from './pages/HomePage.vue'

// The home page is in the entry chunk for a fast first paint from the account
// menu; the other pages load on demand.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { title: '首页' } },
  { path: '/articles/:id', name: 'article', component: () => import('./pages/ArticlePage.vue'), meta: { title: '文章' } },
  { path: '/polls/:id', name: 'poll', component: () => import('./pages/PollPage.vue'), meta: { title: '投票' } },
  { path: '/quizzes/:id', name: 'quiz', component: () => import('./pages/QuizPage.vue'), meta: { title: '测验' } },
  { path: '/membership', name: 'membership', component: () => import('./pages/MembershipPage.vue'), meta: { title: '会员' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
]
