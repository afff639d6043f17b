from nlp.tagger import PostingInput


def skills(tagger, text):
    (analysis,) = tagger.analyse([PostingInput("p", "Engineer", "Requirements\n" + text)])
    return [name for name, _ in analysis.skills]


def test_excel_at_communication_is_not_excel(tagger):
    assert skills(tagger, "You excel at communication with customers.") == ["communication"]
    assert skills(tagger, "Excel at stakeholder management.") == ["stakeholder management"]
    assert "Excel" in skills(tagger, "Strong SQL and Excel skills.")
    assert "Excel" in skills(tagger, "Advanced Microsoft Excel (pivot tables).")


def test_go_only_as_a_language_in_context(tagger):
    assert "Go" in skills(tagger, "We write our backend services in Go.")
    assert "Go" in skills(tagger, "Fluent in Python, Go and Java.")
    assert "Go" in skills(tagger, "Golang experience is a plus.")
    assert skills(tagger, "Ready to go the extra mile.") == []
    assert "Go" not in skills(tagger, "Go to market with our sales team.")
    assert "Go" not in skills(tagger, "Help us go beyond Python notebooks.")


def test_r_only_in_context(tagger):
    assert "R" in skills(tagger, "Statistical modelling in R.")
    assert "R" in skills(tagger, "Experience with Python or R.")
    assert "R" in skills(tagger, "R programming for reports.")
    assert "R" not in skills(tagger, "Join our R&D group.")
    assert "R" not in skills(tagger, "See section R of the handbook.")
    assert "R" not in skills(tagger, "Grade r students.")


def test_c_family_and_special_tokens(tagger):
    found = skills(tagger, "Modern C++, C# and some C or Rust; CI/CD with GitHub Actions; scikit-learn and Node.js.")
    assert {"C++", "C#", "C", "Rust", "CI/CD", "GitHub Actions", "scikit-learn", "Node.js"} <= set(found)
    assert "Git" not in found  # the longer match wins
    assert "C" not in skills(tagger, "Talk to the C-suite about Series C funding.")


def test_skills_are_listed_once_in_order_of_appearance(tagger):
    assert skills(tagger, "Python, then PyTorch, then Python again on AWS.") == ["Python", "PyTorch", "AWS"]
