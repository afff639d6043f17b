-- report_postings(role, since, until, source, industry): the tagged jobs (one per cluster) that
-- a trend report's filters select; NULL for an argument means "no filter on it". Every chart of
-- the report reads postings through this macro, so one set of filters applies to all of them:
--   role      roles.toml id, e.g. 'ml_engineer'
--   since     first month kept (a DATE, the 1st of the month), by `month` (date posted, else first seen)
--   until     last month kept (a DATE, the 1st of the month), inclusive
--   source    a source name: jobs with at least one copy from that source
--   industry  an industries.md id
-- The report creates it as a temporary macro on its read-only connection (it reads the public
-- views, which exist only once the database is open, so it cannot live in macros.sql).
-- Example: SELECT count(*) FROM report_postings('ml_engineer', DATE '2025-01-01', NULL, NULL, NULL)
CREATE OR REPLACE TEMP MACRO report_postings(f_role, f_since, f_until, f_source, f_industry) AS TABLE
SELECT p.*
FROM postings_unique AS p
WHERE p.tagged_at IS NOT NULL
  AND (f_role IS NULL OR p.role = f_role)
  AND (f_since IS NULL OR p.month >= f_since)
  AND (f_until IS NULL OR p.month <= f_until)
  AND (f_industry IS NULL OR p.industry = f_industry)
  AND (f_source IS NULL OR p.cluster_id IN (SELECT c.cluster_id FROM postings AS c WHERE c.source = f_source));
