-- Articles written before 0022 named their series with a text label. Each label becomes a
-- published series with a stable id (the two the demo used get readable slugs), and its
-- articles become parts numbered 1..n in their old order.
INSERT INTO series (id, title, status)
SELECT DISTINCT
  CASE series WHEN '公众号开发手记' THEN 'wechat-dev-notes' WHEN '创作者经济' THEN 'creator-economy'
    ELSE 'series-' || substr(md5(series), 1, 12) END,
  series, 'published'
FROM articles WHERE series IS NOT NULL AND series <> ''
ON CONFLICT (id) DO NOTHING;

WITH parts AS (
  SELECT a.id, s.id AS series_id,
         row_number() OVER (PARTITION BY s.id ORDER BY a.series_position NULLS LAST, a.published_at, a.id) AS position
  FROM articles a JOIN series s ON s.title = a.series
  WHERE a.series_id IS NULL
)
UPDATE articles a SET series_id = parts.series_id, series_position = parts.position
FROM parts WHERE a.id = parts.id;
