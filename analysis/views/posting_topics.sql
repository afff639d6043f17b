-- posting_topics: each posting's weight on each topic of a topic run.
CREATE OR REPLACE VIEW posting_topics AS
SELECT run_id, posting_id, topic, weight
FROM store.posting_topics;
