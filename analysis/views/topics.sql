-- topics: the topics of the latest topic run, with top terms ([{term, weight}]), size
-- (postings whose largest topic it is), the nearest theme and whether it is emerging.
-- Earlier runs: topics_all_runs.
CREATE OR REPLACE VIEW topics AS
SELECT run_id, topic, label, top_terms, size, nearest_theme, similarity, emerging
FROM store.topics
WHERE run_id = (SELECT max(run_id) FROM store.topic_runs);
