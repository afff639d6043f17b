from nlp.sections import about_text, heading_kind, job_text, split_sections


def kinds(text):
    return [(s.kind, s.text) for s in split_sections(text)]


def test_headings_of_many_styles():
    assert heading_kind("What you'll do:") == "responsibilities"
    assert heading_kind("## Who we are") == "about_company"
    assert heading_kind("About Quillfern Analytics") == "about_company"
    assert heading_kind("About the role") == "other"
    assert heading_kind("What we’re looking for") == "requirements"
    assert heading_kind("Preferred Qualifications") == "nice_to_have"
    assert heading_kind("Minimum qualifications") == "requirements"
    assert heading_kind("Bonus points") == "nice_to_have"
    assert heading_kind("Perks & Benefits") == "benefits"
    assert heading_kind("Benefits") == "benefits"
    assert heading_kind("Equal Opportunity Employer") == "legal"
    assert heading_kind("You will build data pipelines for our customers.") is None


def test_split_with_headings():
    text = "\n".join([
        "About us", "We make tools for gardeners.",
        "Responsibilities", "- Train ranking models", "- Review code",
        "Requirements", "- Python", "Nice to have", "- Rust",
        "Perks", "- Snacks", "Equal opportunity", "We hire everyone fairly.",
    ])
    assert kinds(text) == [
        ("about_company", "We make tools for gardeners."),
        ("responsibilities", "Train ranking models\nReview code"),
        ("requirements", "Python"),
        ("nice_to_have", "Rust"),
        ("benefits", "Snacks"),
        ("legal", "We hire everyone fairly."),
    ]


def test_split_without_headings_uses_cue_sentences():
    text = ("We are a cloud company that helps bakers. You will run our Kubernetes clusters. "
            "Experience with Terraform is required. We offer free lunch and a data-science book club. "
            "We are an equal opportunity employer.")
    sections = split_sections(text)
    assert [s.kind for s in sections] == ["about_company", "responsibilities", "requirements", "benefits", "legal"]
    assert job_text(sections) == "You will run our Kubernetes clusters.\nExperience with Terraform is required."
    assert about_text(sections) == "We are a cloud company that helps bakers."


def test_untitled_preamble_before_headings_is_classified():
    text = "We're a small team building maps.\nWhat you'll do\nDraw maps."
    assert kinds(text) == [("about_company", "We're a small team building maps."), ("responsibilities", "Draw maps.")]


def test_a_pitch_that_names_the_company_is_about_the_company():
    text = ("Quillfern Analytics builds cloud tools for bakers. Our platform runs on AWS.\n"
            "This role is part of the platform team. You will run our Kubernetes clusters.")
    sections = split_sections(text)
    assert about_text(sections) == "Quillfern Analytics builds cloud tools for bakers.\nOur platform runs on AWS."
    assert job_text(sections) == "This role is part of the platform team.\nYou will run our Kubernetes clusters."


def test_benefits_run_on_inside_a_job_section_are_moved_out():
    text = ("About you\n- Hands-on experience with Snowflake\n"
            "Life insurance. A yearly learning budget for cloud certifications. Paid volunteering days.")
    sections = split_sections(text)
    assert [(s.kind, s.lines) for s in sections] == [
        ("requirements", ["Hands-on experience with Snowflake", "Life insurance."]),
        ("benefits", ["A yearly learning budget for cloud certifications.", "Paid volunteering days."]),
    ]


def test_sentences_do_not_end_at_abbreviations_and_at_company_pitches_are_about():
    from nlp.sections import split_sentences

    assert split_sentences("We need a Sr. NLP Engineer. Dr. Smith leads, e.g. Maps. Next.") == [
        "We need a Sr. NLP Engineer.", "Dr. Smith leads, e.g. Maps.", "Next."]
    sections = split_sections("At Kestrel Maps we build tools for hikers. You will run our GPU clusters.")
    assert about_text(sections) == "At Kestrel Maps we build tools for hikers."


def test_cue_triggers_never_change_a_verdict():
    """The substring prefilter of sentence cues is only a shortcut: every sentence of the
    labelled set gets the same kind with and without it."""
    import json

    from jobtrends.paths import data_dir
    from jobtrends.text import posting_text
    from nlp import sections

    def full_kind(sentence):
        lowered = sentence.lower()
        for kind, pattern in sections._SENTENCE_CUES:
            if pattern.search(lowered) or (kind == "about_company" and sections._COMPANY_OPENING.search(sentence)):
                return kind
        return None

    lines = (data_dir() / "eval" / "dev.jsonl").read_text().splitlines()
    checked = 0
    for line in lines[:120]:
        text = posting_text(json.loads(line)["description"], None)
        for sentence in sections.split_sentences(text.replace("\n", ". ")):
            assert sections.sentence_kind(sentence) == full_kind(sentence), sentence
            checked += 1
    assert checked > 1000
