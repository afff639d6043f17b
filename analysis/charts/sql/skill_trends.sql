-- Chart "Rising and falling skills": from term_trends (filled by `jobtrends topics`), the change
-- of each skill's 3-month share between the last month in range and $window months before it
-- (or the first month in range when that is later), in percentage points. term_trends is
-- computed over all postings, so only the month filters ($since, $until) apply.
-- Parameters: $since, $until, $window, $top. Rows: $top risers then $top fallers.
WITH t AS (
    SELECT * FROM term_trends
    WHERE kind = 'skill'
      AND ($since::DATE IS NULL OR month >= $since::DATE)
      AND ($until::DATE IS NULL OR month <= $until::DATE)
), span AS (
    SELECT max(month) AS last_month,
           greatest(min(month), max(month) - to_months($window::INTEGER)) AS first_month
    FROM t
), ends AS (
    SELECT
        t.term AS skill,
        max(t.share_3m) FILTER (WHERE t.month = span.first_month) AS share_3m_before,
        max(t.share_3m) FILTER (WHERE t.month = span.last_month) AS share_3m_now,
        max(t.postings) FILTER (WHERE t.month = span.last_month) AS postings_now,
        max(t.yoy_change) FILTER (WHERE t.month = span.last_month) AS yoy_change,
        any_value(span.first_month) AS from_month,
        any_value(span.last_month) AS to_month
    FROM t CROSS JOIN span
    GROUP BY t.term
), changes AS (
    SELECT *, share_3m_now - share_3m_before AS change
    FROM ends
    WHERE share_3m_before IS NOT NULL AND share_3m_now IS NOT NULL AND from_month < to_month
), ranked AS (
    SELECT *,
        row_number() OVER (ORDER BY change DESC, skill) AS rise_rank,
        row_number() OVER (ORDER BY change ASC, skill) AS fall_rank
    FROM changes
)
SELECT
    CASE WHEN rise_rank <= $top AND change > 0 THEN 'rising' ELSE 'falling' END AS direction,
    skill, from_month, to_month, share_3m_before, share_3m_now, change, postings_now, yoy_change
FROM ranked
WHERE (rise_rank <= $top AND change > 0) OR (fall_rank <= $top AND change < 0)
ORDER BY direction DESC, abs(change) DESC, skill;
