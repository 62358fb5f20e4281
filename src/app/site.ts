/** The account's identity as pages show it; forks edit this file. */
export const site = {
  name: '公众号示例',
  description: '文章、投票、测验与会员，都在公众号里完成。',
}
