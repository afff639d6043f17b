from nlp.topics.corpus import document, normalise, singular
from nlp.topics.prepare import documents

POSTING = (
    "<h2>About us</h2><p>We are a bakery chain with forty shops.</p>"
    "<h2>What you'll do</h2><ul><li>You will run Kubernetes clusters and data pipelines.</li>"
    "<li>Write C++ and CI/CD scripts with scikit-learn models.</li></ul>"
    "<h2>Benefits</h2><p>We offer health insurance and a gym pass.</p>"
)


def test_only_the_job_sections_are_read():
    text = document(None, POSTING)
    assert "kubernetes cluster" in text and "data pipeline" in text
    assert "bakery" not in text and "insurance" not in text and "gym" not in text


def test_tokens_keep_programming_names():
    assert normalise("C++, C#, CI/CD and scikit-learn.").split() == ["c++", "c#", "ci/cd", "and", "scikit-learn"]


def test_plurals_become_singular_but_domain_words_do_not():
    assert [singular(w) for w in ["models", "pipelines", "libraries", "data", "kubernetes", "analytics", "aws",
                                  "learning", "robotics", "processes"]] == [
        "model", "pipeline", "library", "data", "kubernetes", "analytics", "aws", "learning", "robotics", "process"]


def test_bad_markup_gives_an_empty_document_not_an_error():
    assert document(None, None) == ""


def test_parallel_and_serial_documents_agree(monkeypatch):
    from nlp.topics import prepare

    pairs = [(f"You will build pipelines number {i}.", None) for i in range(30)]
    monkeypatch.setattr(prepare, "PARALLEL_FROM", 10)
    monkeypatch.setattr(prepare, "CHUNK", 7)
    assert documents(pairs, workers=2) == documents(pairs, workers=1)
