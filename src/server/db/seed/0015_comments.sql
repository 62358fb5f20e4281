-- Demo 留言 and a starter sensitive-word list. Operators edit the list through
-- /api/admin/moderation/words; `normalized` is the form the check compares (see
-- src/server/moderation/normalize.ts: lower case, simplified, letters and digits only).
-- Idempotent: words conflict on `normalized`, users on `openid`, comments are inserted
-- only when that reader has no comment with the same text on that article yet.

INSERT INTO moderation_words (word, normalized, level) VALUES
('代开发票', '代开发票', 'block'),
('刷单返利', '刷单返利', 'block'),
('兼职日结', '兼职日结', 'block'),
('加微信', '加微信', 'review'),
('私信我', '私信我', 'review')
ON CONFLICT (normalized) DO NOTHING;

-- Demo readers (not WeChat identities: their openids cannot sign in).
INSERT INTO users (openid, nickname, avatar_url) VALUES
('demo-reader-zhou', '周小舟', ''),
('demo-reader-wu', '吴桐', ''),
('demo-reader-he', '何一', '')
ON CONFLICT (openid) DO NOTHING;

INSERT INTO comments (article_id, user_id, text, text_key, status, featured, check_outcome, decided_by, decided_at, reply_text, reply_at, created_at)
SELECT c.article_id, u.id, c.text, lower(c.text), 'approved', c.featured, 'pass', 'operator', c.at, c.reply, c.reply_at, c.at
FROM (VALUES
  ('wechat-h5-basics', 'demo-reader-zhou', '讲得很清楚！iOS 落地页签名这个坑我踩过两次。', TRUE, '谢谢你的留言，下一篇会专门讲签名排错。', '2025-03-02T09:30:00+08:00'::timestamptz, '2025-03-02T08:15:00+08:00'::timestamptz),
  ('wechat-h5-basics', 'demo-reader-wu', '请问 snsapi_base 拿到的 openid 能直接用来支付吗？', FALSE, NULL, NULL, '2025-03-02T12:40:00+08:00'::timestamptz),
  ('wechat-h5-basics', 'demo-reader-he', '收藏了，转给团队的新同事看。', FALSE, NULL, NULL, '2025-03-03T21:05:00+08:00'::timestamptz)
) AS c(article_id, openid, text, featured, reply, reply_at, at)
JOIN users u ON u.openid = c.openid
WHERE EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id)
  AND NOT EXISTS (SELECT 1 FROM comments x WHERE x.article_id = c.article_id AND x.user_id = u.id AND x.text = c.text);
