-- Chart "Distinctive terms by industry": the $top terms most over-represented in each industry
-- against the rest (distinctive_terms, filled by `jobtrends topics`), by z score. Computed over
-- all postings, so only the industry filter applies. Parameters: $industry, $top.
-- Rows: by industry, then highest z first.
SELECT group_value AS industry, term, z, postings
FROM distinctive_terms
WHERE group_kind = 'industry' AND ($industry::VARCHAR IS NULL OR group_value = $industry::VARCHAR)
QUALIFY row_number() OVER (PARTITION BY group_value ORDER BY z DESC, term) <= $top
ORDER BY industry, z DESC, term;
