-- Chart "Coverage": the last $limit crawl runs (of $source when set) that changed something or
-- had a problem: added, updated or closed postings, rejected items, or did not end 'ok'; with
-- each run's most frequent reject reason. Runs that found nothing new and went fine are left
-- out, so a crawl that changes nothing leaves the report unchanged. Parameters: $source, $limit.
-- Rows: newest first.
WITH reasons AS (
    SELECT run_id, reason, count(*) AS n
    FROM rejects
    GROUP BY run_id, reason
    QUALIFY row_number() OVER (PARTITION BY run_id ORDER BY count(*) DESC, reason) = 1
)
SELECT
    r.run_id, r.source, r.kind, r.started_at, r.status, r.items_seen, r.items_new, r.items_updated,
    r.items_closed, r.items_rejected, reasons.reason AS top_reject_reason
FROM crawl_runs AS r
LEFT JOIN reasons USING (run_id)
WHERE ($source::VARCHAR IS NULL OR r.source = $source::VARCHAR)
  AND (r.items_new > 0 OR r.items_updated > 0 OR r.items_closed > 0 OR r.items_rejected > 0 OR r.status <> 'ok')
ORDER BY r.started_at DESC, r.run_id DESC
LIMIT $limit;
