-- posting_topics: each posting's share of each topic of the latest topic run (shares sum to
-- 1 per posting; only shares >= 0.1 and the posting's largest are stored).
-- Earlier runs: posting_topics_all_runs.
CREATE OR REPLACE VIEW posting_topics AS
SELECT run_id, posting_id, topic, weight
FROM store.posting_topics
WHERE run_id = (SELECT max(run_id) FROM store.topic_runs);
