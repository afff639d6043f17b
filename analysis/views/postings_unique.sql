-- postings_unique: one row per cluster (the first-seen copy), so a job posted on two
-- sources or reposted counts once. Aggregate views and reports count from here.
CREATE OR REPLACE VIEW postings_unique AS
SELECT *
FROM postings
QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY first_seen, posting_id) = 1;
