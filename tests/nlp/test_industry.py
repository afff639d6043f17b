from nlp import industry as ind
from nlp.tagger import PostingInput, company_key

HOSPITAL_ABOUT = ("About us\nWe run hospitals and clinics across three states. Our physicians and nurses "
                  "care for a million patients a year.\nWhat you'll do\n- Build forecasting models")


def test_source_labels_map_onto_ids(tagger):
    tax = tagger.industries
    assert ind.from_label("Banking", tax) == ind.IndustryTag("finance", "source", 0.9)
    assert ind.from_label("finance", tax) == ind.IndustryTag("finance", "source", 1.0)
    assert ind.from_label("Hospital & Health Care", tax).industry == "healthcare"
    assert ind.from_label("Information Technology & Services", tax).industry == "technology"
    assert ind.from_label("Staffing and Recruiting", tax).industry == "professional_services"
    assert ind.from_label("Defense & Space", tax).industry == "aerospace_defense"
    assert ind.from_label("Oil & Energy", tax).industry == "energy"
    contained = ind.from_label("Regional Retail Banking Group", tax)
    assert contained == ind.IndustryTag("finance", "source", 0.75)
    assert ind.from_label("Widgets", tax) is None
    assert ind.from_label("Other", tax) is None  # says nothing: fall through to the next evidence


def test_source_then_config_then_company_map(tagger):
    tax = tagger.industries
    assert ind.from_source_fields("Banking", "retail", "Harborlight Health", tax).industry == "finance"
    assert ind.from_source_fields("Widgets", "retail", "Harborlight Health", tax).industry == "retail_consumer"
    assert ind.from_source_fields(None, None, "Harborlight Health, Inc.", tax) == ind.IndustryTag(
        "healthcare", "company_map", 0.95)
    assert ind.from_source_fields(None, None, "Unknown Startup", tax) is None


def test_inference_from_about_text_about_hospitals(tagger):
    posting = PostingInput("p1", "Data Scientist", HOSPITAL_ABOUT, company="Maple Row Group")
    tags = tagger.industries_for([posting], tagger.analyse([posting]))
    tag = tags["p1"]
    assert tag.industry == "healthcare" and tag.source == "inferred"
    assert 0.5 < tag.confidence <= 1.0


def test_weak_or_mixed_evidence_is_other(tagger):
    posting = PostingInput("p1", "Engineer", "Responsibilities\n- Build things", company="Zorblat")
    assert tagger.industries_for([posting], tagger.analyse([posting]))["p1"] == ind.IndustryTag("other", "inferred", 0.0)
    mixed = ind.infer("Zorblat", ind.Counter(finance=1, healthcare=1), tagger.industries)
    assert mixed.industry == "other"


def test_inference_is_pooled_per_company(tagger):
    postings = [
        PostingInput("p1", "ML Engineer", HOSPITAL_ABOUT, company="Maple Row"),
        PostingInput("p2", "Data Engineer", "Requirements\n- SQL", company="Maple Row Inc."),
        PostingInput("p3", "Data Engineer", "Requirements\n- SQL", company="Other Place"),
    ]
    assert company_key(postings[0]) == company_key(postings[1])
    tags = tagger.industries_for(postings, tagger.analyse(postings))
    assert tags["p1"] == tags["p2"] and tags["p2"].industry == "healthcare"
    assert tags["p3"].industry == "other"
    # The pool can also come from the store (other postings of the company, not in this batch).
    alone = [postings[1]]
    pooled = {company_key(postings[1]): ["We run hospitals and clinics; our nurses care for patients."]}
    assert tagger.industries_for(alone, tagger.analyse(alone), pooled)["p2"].industry == "healthcare"
