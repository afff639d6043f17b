-- topic_runs: one row per fit of `jobtrends topics` (n_postings grows when later runs
-- transform new postings with the run's model); `latest` marks the run the views show.
CREATE OR REPLACE VIEW topic_runs AS
SELECT run_id, fitted_at, n_topics, n_postings, vocabulary_size, params,
       run_id = max(run_id) OVER () AS latest
FROM store.topic_runs;
