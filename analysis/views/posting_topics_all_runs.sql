-- posting_topics_all_runs: posting topic shares of every topic run.
CREATE OR REPLACE VIEW posting_topics_all_runs AS
SELECT run_id, posting_id, topic, weight
FROM store.posting_topics;
