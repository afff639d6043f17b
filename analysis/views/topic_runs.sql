-- topic_runs: one row per fit of `jobtrends topics`.
CREATE OR REPLACE VIEW topic_runs AS
SELECT run_id, fitted_at, n_topics, n_postings, vocabulary_size, params
FROM store.topic_runs;
