-- Report header: posting copies per source, by source name.
SELECT source, count(*) AS postings
FROM postings
GROUP BY source
ORDER BY source;
