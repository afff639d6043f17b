-- topics_all_runs: the topics of every topic run (filter run_id to see or compare runs).
CREATE OR REPLACE VIEW topics_all_runs AS
SELECT run_id, topic, label, top_terms, size, nearest_theme, similarity, emerging
FROM store.topics;
