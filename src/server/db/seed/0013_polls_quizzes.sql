-- Demo poll and quizzes: an open poll (`weekly`), a scored quiz (`intro`) and an outcome
-- quiz (`reader-type`). Operators manage them under /api/admin/polls and /api/admin/quizzes.
-- Idempotent (ON CONFLICT DO NOTHING), so tests re-apply it after emptying the tables.

INSERT INTO polls (id, title, description, options, max_choices, show_results, eligibility) VALUES
('weekly', '本周投票：你最想读哪个主题？', '选出下一期深度文章的主题，投票后可以看到实时结果。',
 '[{"id":"pay","label":"微信支付实战"},{"id":"share","label":"分享与传播"},{"id":"jssdk","label":"JS-SDK 踩坑记"},{"id":"growth","label":"公众号增长"}]'::jsonb,
 1, 'after_vote', 'signed_in')
ON CONFLICT (id) DO NOTHING;

INSERT INTO quizzes (id, title, description, mode, time_limit_seconds, attempts_allowed, questions, outcomes) VALUES
('intro', '公众号开发小测验', '三道题，看看你对公众号网页开发有多熟。', 'scored', NULL, 3,
 '[
  {"id":"q1","prompt":"静默授权使用哪个 scope？","kind":"single","points":1,
   "explanation":"snsapi_base 不弹授权页，只能拿到 openid；snsapi_userinfo 才会请求昵称和头像。",
   "options":[{"id":"a","label":"snsapi_base","correct":true},{"id":"b","label":"snsapi_userinfo"},{"id":"c","label":"snsapi_login"}]},
  {"id":"q2","prompt":"iOS 微信里 JS-SDK 签名应使用哪个地址？","kind":"single","points":1,
   "explanation":"iOS 微信按进入页面时的落地页地址校验签名，单页应用内跳转后也不变。",
   "options":[{"id":"a","label":"当前地址"},{"id":"b","label":"落地页地址","correct":true},{"id":"c","label":"首页地址"}]},
  {"id":"q3","prompt":"哪些字段参与 JS-SDK 签名？（多选）","kind":"multi","points":2,
   "explanation":"签名串由 jsapi_ticket、noncestr、timestamp 和 url 按字典序拼接，appId 不参与。",
   "options":[{"id":"a","label":"jsapi_ticket","correct":true},{"id":"b","label":"url","correct":true},{"id":"c","label":"appId"},{"id":"d","label":"timestamp","correct":true}]}
 ]'::jsonb,
 '[]'::jsonb),
('reader-type', '测测你是哪种读者', '四道小题，测一测你的阅读习惯。', 'outcome', NULL, 10,
 '[
  {"id":"q1","prompt":"一篇长文推送过来，你通常……","kind":"single",
   "options":[{"id":"a","label":"马上从头读到尾","weights":{"deep":2}},{"id":"b","label":"先看小标题和结论","weights":{"skim":2}},{"id":"c","label":"转给朋友一起讨论","weights":{"social":2}}]},
  {"id":"q2","prompt":"读到好句子时你会……","kind":"single",
   "options":[{"id":"a","label":"划线并写下想法","weights":{"deep":2}},{"id":"b","label":"截图保存","weights":{"skim":1,"social":1}},{"id":"c","label":"发到朋友圈","weights":{"social":2}}]},
  {"id":"q3","prompt":"你最常在什么时候读公众号？","kind":"single",
   "options":[{"id":"a","label":"睡前安静的时候","weights":{"deep":1}},{"id":"b","label":"通勤路上碎片时间","weights":{"skim":2}},{"id":"c","label":"和朋友聊天时看到分享","weights":{"social":1}}]},
  {"id":"q4","prompt":"一篇文章打动你的是……","kind":"single",
   "options":[{"id":"a","label":"扎实的论证","weights":{"deep":2}},{"id":"b","label":"一眼能用的结论","weights":{"skim":2}},{"id":"c","label":"引发共鸣的故事","weights":{"social":2}}]}
 ]'::jsonb,
 '[
  {"id":"deep","title":"深度读者","description":"你愿意花时间把一篇文章读透，喜欢论证和细节。长文是你的主场。"},
  {"id":"skim","title":"效率读者","description":"你善于在碎片时间里抓住重点，结论和清单最对你的胃口。"},
  {"id":"social","title":"分享型读者","description":"好内容你一定要分享出去，和朋友讨论让阅读更有意思。"}
 ]'::jsonb)
ON CONFLICT (id) DO NOTHING;

-- A post that embeds the poll and the outcome quiz as `poll` and `quiz` blocks.
INSERT INTO articles (id, title, summary, author, is_premium, blocks, published_at) VALUES
('reader-voices', '读者之声：你来决定下一期写什么', '投一票，再测一测你是哪种读者。', '编辑部', FALSE,
 '[{"type": "paragraph", "runs": [{"text": "这个专栏由读者一起决定方向。下面的投票每周更新，投票后可以看到大家的实时选择。"}]},
  {"type": "poll", "pollId": "weekly"},
  {"type": "paragraph", "runs": [{"text": "不同的人读公众号的方式很不一样。做个小测试，看看你是哪一种读者，也可以分享给朋友比一比。"}]},
  {"type": "quiz", "quizId": "reader-type"},
  {"type": "paragraph", "runs": [{"text": "感谢每一位参与的读者。"}]}]'::jsonb,
 '2025-04-15T10:00:00+08:00')
ON CONFLICT (id) DO NOTHING;
