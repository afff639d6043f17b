-- 0005 cluster signature. Each posting keeps a MinHash of its word 3-shingles (64 uint32,
-- jobtrends.clusters.signature), written at merge, so clustering compares new postings with
-- stored signatures instead of re-reading and re-shingling stored descriptions. Postings
-- stored before this migration have NULL and get theirs the first time their dedup group is
-- clustered (jobtrends.clusters.cluster_incoming). An empty list: a posting without text.
ALTER TABLE store.postings ADD COLUMN cluster_signature UINTEGER[];
