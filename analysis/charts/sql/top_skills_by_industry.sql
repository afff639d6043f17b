-- Chart "Top skills" by industry: for the $top skills overall, the share of each industry's
-- filtered postings naming the skill. Industries with fewer than $min_count postings are
-- merged into 'other' (shares recomputed from summed counts). Parameters: the report filters,
-- $top, $min_count. Rows: largest industry first, 'other' last, then skills by overall rank.
WITH chosen AS (
    SELECT posting_id, industry FROM report_postings($role, $since, $until, $source, $industry)
    WHERE industry IS NOT NULL
), sizes AS (
    SELECT industry, count(*) AS n FROM chosen GROUP BY industry
), grouped AS (
    SELECT c.posting_id, CASE WHEN s.n < $min_count THEN 'other' ELSE c.industry END AS industry
    FROM chosen AS c JOIN sizes AS s USING (industry)
), industry_sizes AS (
    SELECT industry, count(*) AS industry_postings FROM grouped GROUP BY industry
), top AS (
    SELECT skill, row_number() OVER (ORDER BY count(DISTINCT posting_id) DESC, skill) AS skill_rank
    FROM posting_skills JOIN chosen USING (posting_id)
    GROUP BY skill
    QUALIFY skill_rank <= $top
), counts AS (
    SELECT g.industry, s.skill, count(DISTINCT s.posting_id) AS postings
    FROM grouped AS g JOIN posting_skills AS s USING (posting_id)
    GROUP BY g.industry, s.skill
)
SELECT
    i.industry,
    i.industry_postings,
    t.skill,
    t.skill_rank,
    coalesce(c.postings, 0) AS postings,
    coalesce(c.postings, 0) / i.industry_postings AS share
FROM industry_sizes AS i
CROSS JOIN top AS t
LEFT JOIN counts AS c ON c.industry = i.industry AND c.skill = t.skill
ORDER BY i.industry = 'other', i.industry_postings DESC, i.industry, t.skill_rank;
