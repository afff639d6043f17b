"""Build the spaCy pipeline the tagger runs.

spacy.blank("en") by default (fast, no model download); `tag.spacy_model` in jobtrends.toml
may name an installed trained pipeline instead (its parser then sets sentences). Either way
the tokenizer learns technical terms that it would otherwise split ("C++", "CI/CD",
"Node.js"), and the rule-based components of nlp.components are added by name and
initialised from the data folder.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from jobtrends.errors import ConfigError

from . import components  # noqa: F401  (registers the factories)

# Terms the default English tokenizer would break apart; each keeps its surface forms.
SPECIAL_CASES = (
    "C++", "c++", "C#", "c#", "F#", ".NET", ".net", "ASP.NET", "CI/CD", "ci/cd", "A/B", "a/b",
    "scikit-learn", "Scikit-learn", "Scikit-Learn", "Node.js", "node.js", "Next.js", "Vue.js", "React.js",
    "D3.js", "Three.js", "Pub/Sub", "pub/sub", "TCP/IP", "I/O", "C/C++", "R&D", "W&B", "AT&T",
    "PL/SQL", "T-SQL", "Objective-C", "Megatron-LM",
)
JOB_COMPONENTS = ("theme_cues", "skill_matcher", "role_cues")
ABOUT_COMPONENTS = ("industry_cues",)
RULE_COMPONENTS = JOB_COMPONENTS + ABOUT_COMPONENTS


# Single letters with a full stop are initials to the English tokenizer ("R." one token);
# in postings they end a sentence after a language name ("… in Python or R.").
SPLIT_INITIALS = ("R.", "C.")


def add_special_cases(nlp: Language) -> None:
    for term in SPECIAL_CASES:
        nlp.tokenizer.add_special_case(term, [{ORTH: term}])
    for term in SPLIT_INITIALS:
        nlp.tokenizer.add_special_case(term, [{ORTH: term[:-1]}, {ORTH: "."}])


def _base(model: str) -> Language:
    if not model:
        return spacy.blank("en")
    try:
        # Only what sentence splitting needs: tagging never reads entities or lemmas.
        return spacy.load(model, exclude=["ner", "lemmatizer", "textcat"])
    except OSError as error:
        raise ConfigError(
            f"tag.spacy_model = {model!r} is not an installed spaCy pipeline ({error}); "
            "install it (python -m spacy download NAME) or set it to \"\" for the blank pipeline"
        ) from None


def build_pipeline(model: str = "", data_dir: str | Path | None = None, lemmatizer: bool = False) -> Language:
    """The tagger's spaCy pipeline, ready to run; `data_dir` defaults to jobtrends' data/."""
    nlp = _base(model)
    add_special_cases(nlp)
    has_parser = any(name in nlp.pipe_names for name in ("parser", "senter"))
    if not has_parser:
        nlp.add_pipe("sentences")
    else:
        nlp.add_pipe("line_sentences", before="parser" if "parser" in nlp.pipe_names else "senter")
    if lemmatizer and "lemmatizer" not in nlp.pipe_names:
        # Optional: the lookup tables (spacy-lookups-data) slow tagging and the cue lists
        # carry their inflections, so it is off by default.
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
    config = {"data_dir": str(data_dir or "")}
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name, config=config)
        # Not nlp.initialize(): that would reset the weights of a trained pipeline.
        nlp.get_pipe(name).initialize(nlp=nlp)
    return nlp


def disabled_for(purpose: str, nlp: Language) -> list[str]:
    """Components to disable when processing job text ('job') or about-the-company text
    ('about'). Industry cues are counted per text, so about-texts need no sentences (nor a
    trained pipeline's parser): only the tokenizer and industry_cues run on them."""
    if purpose == "job":
        return [name for name in RULE_COMPONENTS if name not in JOB_COMPONENTS and name in nlp.pipe_names]
    return [name for name in nlp.pipe_names if name not in ABOUT_COMPONENTS]
