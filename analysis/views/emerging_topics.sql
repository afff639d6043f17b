-- emerging_topics: topics of the latest run that no theme's cue terms are near, each with up
-- to three example postings (highest share of the topic first).
CREATE OR REPLACE VIEW emerging_topics AS
WITH ranked AS (
    SELECT pt.run_id, pt.topic, pt.posting_id, p.title, p.url, pt.weight,
           row_number() OVER (PARTITION BY pt.run_id, pt.topic ORDER BY pt.weight DESC, pt.posting_id) AS n
    FROM store.posting_topics AS pt JOIN store.postings AS p USING (posting_id)
)
SELECT t.run_id, t.topic, t.label, t.top_terms, t.size, t.nearest_theme, t.similarity,
       list({'posting_id': r.posting_id, 'title': r.title, 'url': r.url, 'weight': r.weight}
            ORDER BY r.n) FILTER (WHERE r.posting_id IS NOT NULL) AS examples
FROM store.topics AS t
LEFT JOIN ranked AS r ON r.run_id = t.run_id AND r.topic = t.topic AND r.n <= 3
WHERE t.emerging AND t.run_id = (SELECT max(run_id) FROM store.topic_runs)
GROUP BY ALL;
