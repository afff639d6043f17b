"""Topic discovery: TF-IDF + NMF topics, distinctive terms per group, rising and falling terms.

`jobtrends topics` (stage.run_topics) reads the postings, writes store.topic_runs, topics,
posting_topics, distinctive_terms and term_trends, and keeps the fitted model in
store.topic_models. docs/topics.md explains each method with its reference.
"""
