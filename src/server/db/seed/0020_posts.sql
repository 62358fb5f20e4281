-- A post made of every kind of block, for `npm run dev` and the tests: text with marks and a link,
-- heading, quote, list, image, gallery, video with its poster, callout, divider, the `weekly`
-- poll, a mini-program card, then the paywall and a premium paragraph, image and audio.
-- The uploads (demo-*) are inserted by 0019_media.sql; the ones behind the paywall are premium
-- (served only through signed URLs), which the authoring API would set on save and this sets here.
-- Idempotent (ON CONFLICT DO NOTHING), so tests re-apply it after emptying the tables.

INSERT INTO articles (id, title, summary, author, is_premium, blocks, published_at) VALUES
('post-anatomy', '一篇推文的构成：图文、音频与视频', '从段落到图集、音频和视频，看看公众号推文里的每一种内容块。', '编辑部', TRUE,
 '[{"type": "paragraph", "runs": [{"text": "公众号推文不只是文字。"}, {"text": "图片、音频和视频", "bold": true}, {"text": "可以和段落自由穿插，读者"}, {"text": "不用离开页面", "italic": true}, {"text": "就能看完、听完。格式说明见"}, {"text": "微信公众平台文档", "href": "https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Overview.html"}, {"text": "。"}]},
  {"type": "heading", "level": 2, "text": "图片：先占位，再加载"},
  {"type": "image", "mediaId": "demo-photo-1", "alt": "清晨的湖面与远山", "caption": "图片带着宽高发给页面，加载时不会跳动。"},
  {"type": "quote", "runs": [{"text": "好的排版让读者忘记排版的存在。"}], "cite": "编辑部"},
  {"type": "list", "ordered": true, "items": [[{"text": "图片写明宽高和替代文字"}], [{"text": "图集可以左右滑动，"}, {"text": "点开看大图", "bold": true}], [{"text": "音频记住上次听到的位置"}]]},
  {"type": "gallery", "images": [{"mediaId": "demo-photo-1", "alt": "湖面"}, {"mediaId": "demo-photo-2", "alt": "山间小路"}, {"mediaId": "demo-photo-4", "alt": "竖幅的街景"}], "caption": "左右滑动查看，点击预览大图。"},
  {"type": "heading", "level": 3, "text": "视频"},
  {"type": "video", "mediaId": "demo-video", "posterMediaId": "demo-poster", "title": "五秒钟的演示视频"},
  {"type": "callout", "tone": "tip", "runs": [{"text": "视频在页面内播放（playsinline），iOS 和安卓微信里都不会自动全屏。"}]},
  {"type": "divider"},
  {"type": "paragraph", "runs": [{"text": "你最想读哪个主题？投一票："}]},
  {"type": "poll", "pollId": "weekly"},
  {"type": "miniprogram", "username": "gh_0123456789ab", "path": "pages/index/index", "title": "打开配套小程序", "fallbackUrl": "https://mp.weixin.qq.com/"},
  {"type": "paywall"},
  {"type": "paragraph", "runs": [{"text": "【会员全文】下面的图片和音频只有会员能看到、听到：它们的地址是短时有效的签名链接，复制出去很快就会失效。"}]},
  {"type": "image", "mediaId": "demo-photo-3", "alt": "会员专享的夜景", "caption": "会员专享图片"},
  {"type": "audio", "mediaId": "demo-audio", "title": "编辑部的语音导读"}]'::jsonb,
 '2025-04-20T10:00:00+08:00')
ON CONFLICT (id) DO NOTHING;

-- Set only once the upload exists (the media seed comes first), so this file also runs without it.
UPDATE articles SET cover_media_id = 'demo-photo-1'
WHERE id = 'post-anatomy' AND cover_media_id IS NULL AND EXISTS (SELECT 1 FROM media WHERE id = 'demo-photo-1');

UPDATE media SET access = 'premium' WHERE id IN ('demo-photo-3', 'demo-audio') AND access <> 'premium';
