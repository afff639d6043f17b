"""Split a posting's text into sections: the company's pitch, the job itself, benefits, legal.

themes.md counts a theme only where the job asks for it, so the tagger reads the *job*
sections (responsibilities, requirements, nice_to_have, other) and the industry inference
reads about_company. Headings come in many styles ("What you'll do", "Who we are",
"Bonus points"…); text without headings, and the untitled text before the first heading,
is classified sentence by sentence from cue phrases ("We are a…", "We offer…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, wraps

from .linebreaks import restore_breaks

KINDS = ("about_company", "responsibilities", "requirements", "nice_to_have", "benefits", "legal", "other")
JOB_KINDS = ("responsibilities", "requirements", "nice_to_have", "other")

# Heading patterns, checked in this order against a short line (lower case, without
# trailing colon). Order matters: "preferred qualifications" is nice_to_have before
# "qualifications" is requirements; "about the role" is the job before "about X" is the company.
_HEADINGS: list[tuple[str, str]] = [
    ("other", r"about (the|this) (role|job|position|opportunity|team)|the (role|opportunity|position)|"
              r"role (overview|summary|description)|job (description|summary|overview)|position (summary|overview)|"
              r"overview of the role|your team|the team|meet the team"),
    ("nice_to_have", r"nice[- ]to[- ]haves?|bonus( points)?|preferred( qualifications| skills| experience)?|"
                     r"pluses|(it'?s )?a plus|extra credit|good to have|desirable( skills)?|even better|"
                     r"ideally you (also )?have|(it would be|it'?s) (great|nice|a bonus) if you( also)? have|"
                     r"nice if you have|plus(es)? if you have"),
    ("legal", r"equal (employment )?opportunit(y|ies)( employer)?|eeo( statement)?|diversity( (and|&) inclusion)?|"
              r"(our )?commitment to (diversity|inclusion)|"
              r"accommodations?|privacy( notice| policy)?|disclaimer|e-verify|non-?discrimination|"
              r"inclusion( and belonging)?|legal|our commitment( to you)?"),
    ("benefits", r"(benefits|perks)( (and|&) (benefits|perks))?|what we offer|what'?s in it for you|compensation|salary|pay( range)?|"
                 r"why (join|work)|total rewards|we offer|our offer|life at|working (at|here)|"
                 r"what you('ll| will)? get|rewards"),
    ("requirements", r"requirements|(minimum |basic |required |key )?qualifications|"
                     r"what (we'?re|we are) looking for|who you are|what you('ll| will)? bring|what you need|"
                     r"(required |key |technical )?skills( (and|&) experience)?|experience|must[- ]haves?|"
                     r"about you|you (have|are|bring)|your (profile|background|experience|skills)|"
                     r"(the )?ideal candidate|is this you|do you have what it takes|we'?d love (if|to hear)|"
                     r"what we need( from you)?|what we('re| are) looking for in you|must have skills"),
    ("responsibilities", r"(key |main |your )?responsibilities|what you('ll| will)( be)? (do|doing|work on)|"
                         r"your (role|mission|impact|day|job)|duties|(your |the )?impact|day[- ]to[- ]day|"
                         r"in this role( you will)?|you will|what the job involves|what you will achieve|"
                         r"the work|your tasks|tasks|the job|your work|the role in short|what the role involves"),
    ("about_company", r"about (us|[\w&.'-]+( [\w&.'-]+){0,3})|who we are|our (company|mission|story|vision|values)|"
                      r"company (overview|description)|the company|why \w+|our culture|who are we"),
]
_HEADING_RES = [(kind, re.compile(rf"^(?:{pattern})$")) for kind, pattern in _HEADINGS]
MAX_HEADING_WORDS = 9

# Verbs that open a duty ("Build …", "Own …"); lower case, as list items and run-on text start.
DUTY_VERBS = (
    "build", "write", "design", "own", "run", "deploy", "train", "develop", "maintain", "review", "add",
    "refactor", "keep", "turn", "contribute", "mentor", "explain", "work", "partner", "present", "coordinate",
    "lead", "guide", "set", "automate", "reduce", "productionise", "productionize", "take", "track", "operate",
    "manage", "containerise", "containerize", "plan", "drive", "harden", "make", "migrate", "fine-tune",
    "apply", "research", "prototype", "engineer", "curate", "clean", "prepare", "create", "implement",
    "improve", "collaborate", "define", "ensure", "establish", "evaluate", "analyse", "analyze", "monitor",
    "optimise", "optimize", "scale", "ship", "integrate", "support", "help", "shadow-deploy", "compress",
    "label", "squeeze", "fix", "answer", "rebuild", "agree", "hire", "decide", "discuss", "document",
)
DUTY_VERB_PATTERN = "|".join(re.escape(v) for v in DUTY_VERBS)
CAPITALISED_DUTY_VERBS = frozenset(v.capitalize() for v in DUTY_VERBS)
_HASHTAG = re.compile(r"(?<![\w#])#[A-Za-z]\w*")

# Sentence cues for untitled text, checked in this order; the first match decides.
_SENTENCE_CUE_PATTERNS = [
    ("legal", r"equal (employment )?opportunity|without regard to|regardless of (race|gender|age)|"
              r"reasonable accommodation|\beeo\b|protected (veteran|characteristic)|e-verify"),
    ("benefits", r"\bwe offer\b|\b(our|the) benefits\b|\bbenefits (include|package)|health (insurance|care plan)|"
                 r"dental|\b401\(?k\)?|paid time off|\bpto\b|parental leave|stock options|"
                 r"(meaningful|competitive|generous) equity|equity (package|grant)s?|vacation|wellness|\bperks\b|"
                 r"salary range|learning (budget|stipend)|remote[- ]friendly|flexible (hours|working)|"
                 r"paid (holiday|volunteering|sabbatical)|company retreats?|hackathons?|tech talks|"
                 r"(conference|learning|training|home[- ]office|equipment) (budget|tickets|allowance)|"
                 r"tickets to|allowance|membership|relocation|visa sponsorship|holidays?|free (lunch|snacks|meals)|"
                 r"annual bonus|macbook|private (health|medical)|pension"),
    ("nice_to_have", r"nice to have|\bbonus\b|is a plus|are a plus|\bpreferred\b|ideally"),
    ("requirements", r"experience (with|in)|years of|degree in|proficien|strong (knowledge|understanding|background)|"
                     r"you have|you bring|familiarity with|must have|\brequired\b|knowledge of|solid understanding"),
    ("requirements", r"^(strong|solid|good|deep|excellent|hands-on|proven|several|comfort(able)? with|familiar(ity)? with|"
                     r"knowledge of|experience (with|in|of|building|running)|background in|track record|publications|"
                     r"(graduate |bachelor'?s |master'?s |phd )?degree|bachelor|master'?s|phd|fluen(t|cy)|ability to|"
                     r"\d+\+? years)\b"),
    ("responsibilities", r"^(?:" + DUTY_VERB_PATTERN + r")\b"),
    ("responsibilities", r"\byou will\b|\byou'll\b|responsible for|your responsibilities|in this role|"
                         r"we are (looking for|hiring|seeking)|we're (looking for|hiring|seeking)|join our team|"
                         r"\bwho will\b|\byour (work|job|day)\b"),
    ("about_company", r"^(we are|we're|we build|we make|we help|we provide|founded|our mission|our company|our customers)\b|"
                      r"\bis a (leading|global|fast-growing|growing)\b|\bheadquartered\b|\bour mission\b|"
                      r"^our (client|customers?|products?|engineers|platform|research|data platform|\w+ suite)\b|"
                      r"^our \w+(?: \w+)? (is|are|has|have|processes|includes?|lets|helps|runs|serves|powers|relies)\b|"
                      r"\bfounded in\b|\bwe are an?\b|\bwe're an?\b|\bbacked by\b|\bour (team|company) (is|has)\b|"
                      r"^at [\w&.'-]+(?: [\w&.'-]+){0,2},? (we|our)\b"),
]
# "<Company Name> is a … / builds … / helps …" at the start of a sentence: the one cue that
# needs the original case, so it is searched on the sentence itself, the others on its lower case.
_COMPANY_OPENING = re.compile(
    r"^(?!(?:this|the|you|your|it|in|as|our|we|they|each|every)\b)"
    r"(?-i:[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,3}) "
    r"(is an?|builds|helps|makes|provides|develops|offers|powers|was founded)\b", re.I)
# Compiled without re.I and searched on lower-cased text: Python's re is about twice as fast
# on long alternations that way, and this is the tagger's hottest loop.
_SENTENCE_CUES = [(kind, re.compile(pattern)) for kind, pattern in _SENTENCE_CUE_PATTERNS]
# Substrings of which every alternative of a cue pattern contains at least one (lower case):
# a sentence without any of them cannot match, and a few `in` tests are far cheaper than the
# regex. tests/nlp/test_sections.py checks that they never change a verdict.
_CUE_TRIGGERS: dict[int, tuple[str, ...]] = {
    0: ("equal", "regard", "accommodation", "eeo", "protected", "verify"),
    1: ("offer", "benefit", "health", "dental", "401", "paid", "pto", "leave", "stock", "equity", "vacation",
        "wellness", "perks", "salary", "learning", "remote", "flexible", "retreat", "hackathon", "tech talk",
        "budget", "ticket", "allowance", "membership", "relocation", "visa", "holiday", "free ", "bonus",
        "macbook", "private", "pension"),
    2: ("nice to have", "bonus", "a plus", "preferred", "ideally"),
    3: ("experience", "years of", "degree in", "proficien", "strong", "you have", "you bring", "familiarity",
        "must have", "required", "knowledge of", "understanding"),
    6: ("you will", "you'll", "responsible", "responsibilities", "in this role", "we are", "we're",
        "join our team", "who will", "your "),
}
# A sentence ends at . ! ? before a capital, except after common abbreviations ("Sr. NLP Engineer").
_SENTENCE_SPLIT = re.compile(
    r"(?<=[.!?])(?<!\bSr\.)(?<!\bJr\.)(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bSt\.)(?<!\bvs\.)(?<!\bInc\.)(?<!\bNo\.)"
    r"(?<!\be\.g\.)(?<!\bi\.e\.)\s+(?=[\"'(\[]?[A-Z0-9])"
)
# Inside a titled job section only these kinds are moved out, sentence by sentence: boards
# often run the benefits or the legal text on under the last list without a heading.
_ESCAPING_KINDS = ("benefits", "legal")
_ESCAPING_INDEXES = [i for i, (kind, _) in enumerate(_SENTENCE_CUES) if kind in _ESCAPING_KINDS]
_MAY_SPLIT = re.compile(r"[.!?]\s")  # cheap test before the look-behind-heavy split


# Verdicts per distinct line or sentence: an employer's pitch, benefits and legal text, and
# many requirement lines, recur word for word across its postings, and the cue regexes are the
# splitter's main cost. The functions are pure, so a bounded cache changes no result. Long
# lines (whole paragraphs) are rarely repeated and would make the cache large: not cached.
_CACHE_SIZE = 1 << 16
_CACHED_UP_TO = 240         # characters


def _cached_when_short(function):
    cached = lru_cache(maxsize=_CACHE_SIZE)(function)

    @wraps(function)
    def verdict(text: str):
        return cached(text) if len(text) <= _CACHED_UP_TO else function(text)

    return verdict


@dataclass
class Section:
    kind: str
    heading: str
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@_cached_when_short
def heading_kind(line: str) -> str | None:
    """The section kind a line announces, or None when it is not a heading we know."""
    clean = line.strip().lstrip("#*-•").strip().rstrip(":").strip().strip("*").strip()
    if not clean or len(clean.split()) > MAX_HEADING_WORDS or clean.endswith((".", ",", ";")):
        return None
    clean = re.sub(r"[’`]", "'", clean.lower())
    clean = re.sub(r"[!?]+$", "", clean).strip()
    for kind, pattern in _HEADING_RES:
        if pattern.match(clean):
            return kind
    return None


def split_sentences(text: str) -> list[str]:
    parts = _SENTENCE_SPLIT.split(text) if _MAY_SPLIT.search(text) else [text]
    return [s.strip() for s in parts if s.strip()]


@_cached_when_short
def sentence_kind(sentence: str) -> str | None:
    """The kind a sentence's cue phrases suggest, or None without a cue."""
    lowered = sentence.lower()
    for index, (kind, pattern) in enumerate(_SENTENCE_CUES):
        if _cue_matches(index, lowered) or (kind == "about_company" and _COMPANY_OPENING.search(sentence)):
            return kind
    return None


def _cue_matches(index: int, lowered: str) -> bool:
    triggers = _CUE_TRIGGERS.get(index)
    if triggers is not None and not any(map(lowered.__contains__, triggers)):
        return False
    return _SENTENCE_CUES[index][1].search(lowered) is not None


@_cached_when_short
def _escaping_kind(sentence: str) -> str | None:
    """benefits or legal when the sentence has their cue (checked in _SENTENCE_CUES order)."""
    lowered = sentence.lower()
    return next((_SENTENCE_CUES[i][0] for i in _ESCAPING_INDEXES if _cue_matches(i, lowered)), None)


def _classify_untitled(lines: list[str]) -> list[Section]:
    """Sections for untitled lines: each sentence takes its cue's kind, else its predecessor's."""
    sections: list[Section] = []
    for line in lines:
        previous = None  # a new line (paragraph, list item) does not inherit across blank lines
        for sentence in split_sentences(line) or [line]:
            kind = sentence_kind(sentence) or previous or "other"
            previous = kind
            if sections and sections[-1].kind == kind and sections[-1].heading == "":
                sections[-1].lines.append(sentence)
            else:
                sections.append(Section(kind, "", [sentence]))
    return sections


def _move_out_escaped(section: Section) -> list[Section]:
    """The section, with benefits/legal sentences that ran on inside it split off after it."""
    kept: list[str] = []
    moved: dict[str, list[str]] = {}
    for line in section.lines:
        if _escaping_kind(line) is None:  # the common case, one test per line
            kept.append(line)
            continue
        sentences = split_sentences(line) or [line]
        kinds = [_escaping_kind(s) for s in sentences]
        for sentence, kind in zip(sentences, kinds):
            if kind in _ESCAPING_KINDS:
                moved.setdefault(kind, []).append(sentence)
            else:
                kept.append(sentence)
    parts = [Section(section.kind, section.heading, kept)] if kept else []
    return parts + [Section(kind, "", lines) for kind, lines in moved.items()]


def _move_out_job_sentences(section: Section) -> list[Section]:
    """An about section with the job's own sentences (a duty verb, "you will", "experience
    with") split off after it: an unknown heading ("The job") or a lost line break leaves the
    duties under the company's pitch."""
    kept: list[str] = []
    moved: list[str] = []
    for line in section.lines:
        for sentence in split_sentences(line) or [line]:
            kind = sentence_kind(sentence)
            (moved if kind in JOB_KINDS else kept).append(sentence)
    parts = [Section(section.kind, section.heading, kept)] if kept else []
    return parts + ([Section("other", "", moved)] if moved else [])


def split_sections(text: str) -> list[Section]:
    """The posting's sections in order. Text under a known heading takes the heading's kind;
    untitled text (no headings, or before the first one) and `other` sections are classified
    sentence by sentence, so a company pitch under "About the role" still counts as pitch."""
    sections: list[Section] = []
    current = Section("other", "", [])
    text = restore_breaks(_HASHTAG.sub("", text), heading_kind, CAPITALISED_DUTY_VERBS)
    for line in text.split("\n"):
        if not line.strip():
            continue
        kind = heading_kind(line)
        if kind is not None:
            sections.append(current)
            current = Section(kind, line.strip(), [])
        else:
            current.lines.append(line.strip().lstrip("-•* ").strip())
    sections.append(current)
    out: list[Section] = []
    for section in sections:
        if not section.lines:
            continue
        if section.kind == "other":
            for part in _classify_untitled(section.lines):
                part.heading = part.heading or section.heading
                out.append(part)
        elif section.kind in JOB_KINDS:
            out.extend(_move_out_escaped(section))
        elif section.kind == "about_company":
            out.extend(_move_out_job_sentences(section))
        else:
            out.append(section)
    return out


def job_text(sections: list[Section]) -> str:
    """The job's own text (responsibilities, requirements, nice-to-haves, other), a line each."""
    return "\n".join(line for s in sections if s.kind in JOB_KINDS for line in s.lines)


def about_text(sections: list[Section]) -> str:
    """The company's description of itself."""
    return "\n".join(line for s in sections if s.kind == "about_company" for line in s.lines)
