-- 0004 topic models: the fitted pipeline of each topic run, so `jobtrends topics` can
-- transform new postings with the model that made the run's topics (nlp/topics/stage.py).
-- Key `run_id`; append with its run. A model is a joblib pickle of the scikit-learn Pipeline
-- (TfidfVectorizer -> NMF); it is only loaded by the scikit-learn version that wrote it,
-- otherwise the next `jobtrends topics` refits. Incremental runs add posting_topics rows for
-- new postings to the run whose model transformed them and update its n_postings and sizes.
CREATE TABLE store.topic_models (
    run_id           BIGINT PRIMARY KEY,
    format           VARCHAR NOT NULL,   -- how `model` is encoded (nlp.topics.model.MODEL_FORMAT)
    sklearn_version  VARCHAR NOT NULL,
    fit_postings     INTEGER NOT NULL,   -- corpus size when fitted (the refit-on-growth reference)
    model            BLOB NOT NULL
);
