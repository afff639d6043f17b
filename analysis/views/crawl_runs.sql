-- crawl_runs: one row per source per crawl, and per imported file. Status: running, ok,
-- partial (something failed, the rest was kept), failed, or aborted (its process died).
CREATE OR REPLACE VIEW crawl_runs AS
SELECT run_id, source, started_at, finished_at, status, items_seen, items_new, items_updated,
       items_closed, items_rejected, items_skipped, items_reopened, kind, complete, message, pid, host
FROM store.crawl_runs;
