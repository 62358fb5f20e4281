-- Series: the demo's two old series labels as series rows, and 慢读计划, a three-part series
-- (part 1 free, part 2 premium behind a paywall break, part 3 scheduled three days after the
-- first seeding) with a series unlock at 9.90 元. Idempotent like every seed file.

INSERT INTO series (id, title, description, status) VALUES
('wechat-dev-notes', '公众号开发手记', '从网页授权、JS-SDK 签名到微信支付，一步步把公众号 H5 做对。', 'published'),
('creator-economy', '创作者经济', '独立创作者如何靠内容获得收入。', 'published'),
('slow-reading', '慢读计划', '三篇短文，陪你把手机上的长文重新读完：从专注，到记住，到写下来。', 'published')
ON CONFLICT (id) DO NOTHING;

-- The cover is one of the demo media files when they are seeded (0019_media.sql).
UPDATE series SET cover_media_id = 'demo-cover-series'
WHERE id = 'slow-reading' AND cover_media_id IS NULL AND EXISTS (SELECT 1 FROM media WHERE id = 'demo-cover-series');

-- Articles seeded with a series label (0001) become parts of the series of that title; they
-- were out long ago, so they are not announced again. The label is cleared once linked, so an
-- operator's later change to the series is not undone by the next seeding.
UPDATE articles a SET series_id = s.id, announced_at = a.published_at, series = NULL
FROM series s
WHERE a.series_id IS NULL AND a.series = s.title AND s.id IN ('wechat-dev-notes', 'creator-economy');

-- The parts, as blocks; published (status defaults to it), part 3 scheduled.
INSERT INTO articles (id, title, summary, author, is_premium, blocks, published_at, series_id, series_position, announced_at) VALUES
('slow-reading-1', '慢读计划（一）：先把通知关掉', '专注不是意志力，是环境。', '林晓', FALSE,
 '[{"type":"paragraph","runs":[{"text":"在手机上读完一篇长文，最大的敌人不是篇幅，而是每隔几十秒弹出来的通知。"}]},
   {"type":"heading","level":2,"text":"先关掉，再开始"},
   {"type":"paragraph","runs":[{"text":"打开文章之前，先把手机调到"},{"text":"勿扰模式","bold":true},{"text":"。读完再打开，世界不会因此错过你。"}]},
   {"type":"quote","runs":[{"text":"注意力是读者唯一真正拥有的货币。"}]},
   {"type":"paragraph","runs":[{"text":"下一篇，我们聊聊怎样记住读到哪里。"}]}]'::jsonb,
 now() - interval '2 days', 'slow-reading', 1, now() - interval '2 days'),
('slow-reading-2', '慢读计划（二）：记住读到哪里', '书签、进度和“继续阅读”。', '林晓', TRUE,
 '[{"type":"paragraph","runs":[{"text":"长文很少一次读完。真正重要的是：下次打开时，能不能一秒回到上次停下的地方。"}]},
   {"type":"paragraph","runs":[{"text":"纸书有书签，网页需要自己记住进度。"}]},
   {"type":"paywall"},
   {"type":"heading","level":2,"text":"三个小习惯"},
   {"type":"list","ordered":true,"items":[[{"text":"停下时看一眼小标题，记住自己在哪一节。"}],[{"text":"读到好段落就划线，而不是收藏整篇。"}],[{"text":"回来时先读上一段，再往下读。"}]]},
   {"type":"callout","tone":"tip","runs":[{"text":"本页会自动记住你的进度，重新打开时点“继续阅读”即可。"}]}]'::jsonb,
 now() - interval '1 day', 'slow-reading', 2, now() - interval '1 day'),
('slow-reading-3', '慢读计划（三）：读完写一句话', '把读过的变成自己的。', '林晓', FALSE,
 '[{"type":"paragraph","runs":[{"text":"读完一篇文章，用一句话写下它对你的意义。只要一句。"}]},
   {"type":"paragraph","runs":[{"text":"一年后翻看这些句子，你会发现自己读过的东西并没有消失。"}]}]'::jsonb,
 now() + interval '3 days', 'slow-reading', 3, NULL)
ON CONFLICT (id) DO NOTHING;

INSERT INTO products (id, kind, title, description, price_fen, series_id, sort) VALUES
('series-slow-reading', 'series', '系列解锁：慢读计划', '解锁系列全部篇目，包括之后更新的', 990, 'slow-reading', 35)
ON CONFLICT (id) DO NOTHING;
