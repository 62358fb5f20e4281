/** The account's identity as pages show it; forks edit this file. */
export const site = {
  name: '公众号示例',
  description: '文章、投票、测验与会员，都在公众号里完成。',
  /** Share card defaults; a route's `meta.share` or a page's useShareData overrides them. */
  share: {
    title: '公众号示例',
    desc: '文章、投票、测验与会员，都在公众号里完成。',
    /** 300×300 PNG in public/; made absolute with the page origin (WeChat needs https URLs). */
    imgUrl: '/share-cover.png',
  },
}
