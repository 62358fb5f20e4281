-- Demo content so `npm run dev` has something to read and buy. Operators edit
-- prices through /api/admin/products and posts through /api/admin/articles. Article bodies are
-- blocks (src/server/posts); everything after the paywall block is premium.
-- Idempotent (ON CONFLICT DO NOTHING), so tests re-apply it after emptying the tables.

INSERT INTO articles (id, title, summary, author, series, series_position, is_premium, blocks, published_at) VALUES
('wechat-h5-basics', '公众号网页开发入门：从授权到分享', '网页授权、JS-SDK 与分享，一篇理清公众号 H5 的三块基石。', '编辑部', '公众号开发手记', 1, FALSE,
 '[{"type": "paragraph", "runs": [{"text": "在微信里打开的网页，和普通浏览器里的网页有三处不同：身份来自网页授权，能力来自 JS-SDK，传播依靠分享。"}]},
  {"type": "paragraph", "runs": [{"text": "网页授权分 snsapi_base 和 snsapi_userinfo 两种。前者静默，只拿到 openid；后者弹出授权页，能拿到昵称和头像。"}]},
  {"type": "paragraph", "runs": [{"text": "JS-SDK 需要后端用 jsapi_ticket 为当前页面签名。签名用的 URL 必须与页面地址完全一致，iOS 上还要注意落地页地址。"}]},
  {"type": "paragraph", "runs": [{"text": "分享只能引导用户点右上角的菜单，页面无法主动唤起分享面板。"}]}]'::jsonb,
 '2025-03-01T10:00:00+08:00'),
('jssdk-signature', '一次讲清 JS-SDK 签名', '为什么 invalid signature 总是出现在 iOS 上？', '编辑部', '公众号开发手记', 2, FALSE,
 '[{"type": "paragraph", "runs": [{"text": "签名串由 jsapi_ticket、noncestr、timestamp 和 url 四个字段按字典序拼接，再做 sha1。"}]},
  {"type": "paragraph", "runs": [{"text": "最常见的错误是 URL 不一致：带了 # 之后的部分，或者在 iOS 上用了当前地址而不是落地页地址。"}]},
  {"type": "paragraph", "runs": [{"text": "另一个坑是 ticket 被别的系统刷新了。access_token 和 jsapi_ticket 应该集中缓存，多个实例共用一份。"}]}]'::jsonb,
 '2025-03-08T10:00:00+08:00'),
('pay-apiv3-deep-dive', '微信支付 APIv3 全流程拆解', '从下单签名到回调解密，哪一步出错都会丢钱。', '编辑部', '公众号开发手记', 3, TRUE,
 '[{"type": "paragraph", "runs": [{"text": "微信支付 APIv3 的每个请求都要签名，每个应答和回调都要验签。看起来繁琐，但它保证了一件事：谁也不能冒充你，也不能冒充微信。"}]},
  {"type": "paragraph", "runs": [{"text": "这篇文章按时间顺序走一遍 JSAPI 支付：下单、调起支付、接收回调、查单和关单。"}]},
  {"type": "paywall"},
  {"type": "paragraph", "runs": [{"text": "【会员全文】下单时的签名串有五行：请求方法、URL、时间戳、随机串和请求体，每行都以换行结尾，最后一行也不例外。"}]},
  {"type": "paragraph", "runs": [{"text": "调起支付的 paySign 是另一套签名：appId、timeStamp、nonceStr 和 package 四行。timeStamp 必须是字符串，否则 iOS 会直接报错。"}]},
  {"type": "paragraph", "runs": [{"text": "回调要先验签再解密。验签用原始报文字节，千万不要先解析 JSON 再序列化回去；解密用 APIv3 密钥做 AES-256-GCM，认证标签是密文最后 16 个字节。"}]},
  {"type": "paragraph", "runs": [{"text": "最后，永远不要相信前端的 ok：以回调或查单结果为准，并且让“记账”这一步幂等。"}]}]'::jsonb,
 '2025-03-15T10:00:00+08:00'),
('paywall-design', '付费墙设计：什么时候让读者付费', '试读多长、价格怎么标、失败时说什么。', '编辑部', NULL, NULL, TRUE,
 '[{"type": "paragraph", "runs": [{"text": "付费墙放在哪里，决定了读者是心甘情愿地付费，还是带着被打断的恼火离开。"}]},
  {"type": "paragraph", "runs": [{"text": "好的付费墙出现在读者已经得到价值、又明显还有更多价值的地方。"}]},
  {"type": "paywall"},
  {"type": "paragraph", "runs": [{"text": "【会员全文】我们观察到三条规律。第一，试读部分应当完整地回答一个小问题，而不是在半句话处截断。"}]},
  {"type": "paragraph", "runs": [{"text": "第二，价格旁边写清楚买到的是什么：单篇解锁是永久的，会员是按期的，续费从当前到期日顺延。"}]},
  {"type": "paragraph", "runs": [{"text": "第三，支付失败或取消时，语气要平静，给出下一步，而不是一个红色的错误码。"}]}]'::jsonb,
 '2025-03-22T10:00:00+08:00'),
('reading-habits', '慢读：在手机上读长文的五个习惯', '关掉通知、记住读到哪里，以及别的小事。', '林晓', NULL, NULL, FALSE,
 '[{"type": "paragraph", "runs": [{"text": "一、关掉通知再开始读。"}]},
  {"type": "paragraph", "runs": [{"text": "二、读长文时记住读到哪里，下次回来不用重新找。"}]},
  {"type": "paragraph", "runs": [{"text": "三、遇到好段落就划线，而不是收藏整篇文章然后再也不打开。"}]},
  {"type": "paragraph", "runs": [{"text": "四、读完写一句话的感想。"}]},
  {"type": "paragraph", "runs": [{"text": "五、给写得好的作者一点赞赏，让好内容能继续写下去。"}]}]'::jsonb,
 '2025-04-01T10:00:00+08:00'),
('creator-income', '内容创作者的收入结构', '会员、单篇付费和赞赏，各自适合什么样的内容。', '陈默', '创作者经济', 1, TRUE,
 '[{"type": "paragraph", "runs": [{"text": "一个独立创作者的收入通常来自三处：会员订阅、单篇付费和读者赞赏。"}]},
  {"type": "paragraph", "runs": [{"text": "它们的节奏完全不同：会员是稳定的现金流，单篇付费看选题，赞赏看情绪。"}]},
  {"type": "paywall"},
  {"type": "paragraph", "runs": [{"text": "【会员全文】会员适合更新频率稳定的内容，读者买的是“以后”；单篇付费适合信息密度高、有明确用途的长文，读者买的是“这一篇”。"}]},
  {"type": "paragraph", "runs": [{"text": "赞赏最不可预测，却最能说明读者和作者之间的关系。把赞赏的人展示出来，会让更多人愿意赞赏。"}]},
  {"type": "paragraph", "runs": [{"text": "我们的建议是三者并存：会员定价按月不高于一杯咖啡，年付给出明显折扣，单篇价格不超过月费的三分之一。"}]}]'::jsonb,
 '2025-04-08T10:00:00+08:00')
ON CONFLICT (id) DO NOTHING;

INSERT INTO products (id, kind, title, description, price_fen, duration_days, article_id, tip_presets_fen, tip_min_fen, tip_max_fen, sort) VALUES
('membership-monthly', 'membership', '月度会员', '30 天畅读全部会员文章', 1800, 30, NULL, NULL, NULL, NULL, 10),
('membership-yearly', 'membership', '年度会员', '365 天畅读全部会员文章', 16800, 365, NULL, NULL, NULL, NULL, 20),
('unlock-pay-apiv3-deep-dive', 'unlock', '单篇解锁：微信支付 APIv3 全流程拆解', '永久阅读这一篇', 600, NULL, 'pay-apiv3-deep-dive', NULL, NULL, NULL, 30),
('unlock-paywall-design', 'unlock', '单篇解锁：付费墙设计', '永久阅读这一篇', 300, NULL, 'paywall-design', NULL, NULL, NULL, 31),
('unlock-creator-income', 'unlock', '单篇解锁：内容创作者的收入结构', '永久阅读这一篇', 400, NULL, 'creator-income', NULL, NULL, NULL, 32),
('tip', 'tip', '赞赏作者', '喜欢就赞赏一下', NULL, NULL, NULL, '{200,500,1000,2000}', 100, 50000, 40)
ON CONFLICT (id) DO NOTHING;
