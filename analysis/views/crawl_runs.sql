-- crawl_runs: one row per source per crawl, and per imported file.
CREATE OR REPLACE VIEW crawl_runs AS
SELECT run_id, source, started_at, finished_at, status, items_seen, items_new, items_updated,
       items_closed, items_rejected, items_skipped, kind, complete, message
FROM store.crawl_runs;
