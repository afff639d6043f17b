"""Sentences that mention a skill only to say the job does not need it.

"No Kubernetes experience needed", "You will not be writing SQL", "Deployment is handled by a
separate team": the words are there, the theme is not part of the job (themes.md). A cue in
such a sentence does not count. Deliberately narrow: a negation word near a need/require
verb, or a stock phrase; "no more than", "not only … but" and the like are left alone.
"""

from __future__ import annotations

import re

_NEGATED = re.compile(
    r"\bno\b[^.;:]{0,60}\b(experience|background|knowledge|coding|skills?|work|involvement|involved|required|needed|necessary)\b"
    r"|\bnot\b[^.;:]{0,25}\b(required|needed|necessary|expected|a requirement|involve[sd]?|part of (this|the) (role|job))\b"
    r"|\b(won't|will not|wont|do not|don't|does not|doesn't|is not|isn't|are not|aren't|never)\b[^.;:]{0,15}"
    r"\b(need|have to|be (writing|training|building|doing|expected|asked)|touch|involve|require|a (\w+ ){0,3}(role|job|position))"
    r"|\bhandled by (a|an|another|the|our) (separate|different|other|dedicated)\b"
    r"|\bthere (is|are) no\b"
    r"|\bthis role does not\b",
    re.IGNORECASE,
)
_NOT_NEGATION = re.compile(r"\bno (more|less|later|fewer) than\b|\bnot only\b", re.IGNORECASE)


def is_negated(sentence: str) -> bool:
    """True when the sentence says something is not needed for the job."""
    return bool(_NEGATED.search(sentence)) and not _NOT_NEGATION.search(sentence)
