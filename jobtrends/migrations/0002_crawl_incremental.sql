-- 0002 crawl incremental. Crawl runs know their process: a run row left `running` by a killed crawl (or import)
-- is recognised as dead by the next run, which marks it `aborted` (see docs/crawling.md);
-- and runs count the postings they reopened.
ALTER TABLE store.crawl_runs ADD COLUMN pid INTEGER;          -- process that started the run
ALTER TABLE store.crawl_runs ADD COLUMN host VARCHAR;         -- host name of that process
ALTER TABLE store.crawl_runs ADD COLUMN items_reopened INTEGER DEFAULT 0;  -- closed postings seen again

-- Duplicate detection: normalised employer + title (jobtrends.postings.dedup_key), computed at
-- merge; postings sharing it are compared by text (jobtrends/clusters.py) to set cluster_id.
ALTER TABLE store.postings ADD COLUMN dedup_key VARCHAR;
