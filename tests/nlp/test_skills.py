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


def test_spark_as_a_verb_is_not_apache_spark(tagger):
    assert "Apache Spark" not in skills(tagger, "Share ideas that spark debate in the team.")
    assert "Apache Spark" not in skills(tagger, "Spark curiosity in junior colleagues.")
    assert "Apache Spark" not in skills(tagger, "Spark debate about data quality.")
    assert "Apache Spark" in skills(tagger, "Batch jobs in Spark on Databricks.")
    assert "Apache Spark" in skills(tagger, "Python, Spark and Kafka.")
    assert "Apache Spark" in skills(tagger, "Spark SQL for reporting.")
    assert "Spark MLlib" in skills(tagger, "Models trained with Spark MLlib.")


def test_go_to_market_and_r_c_need_a_language_context(tagger):
    assert "Go" not in skills(tagger, "Go-to-market plans with product marketing.")
    assert "Go" not in skills(tagger, "Own the go to market plan.")
    assert "Go" in skills(tagger, "Backend services written in Go.")
    assert "R" in skills(tagger, "Analyses in SQL and R.")
    assert "R" not in skills(tagger, "Plan R for the rollout.")
    assert "C" in skills(tagger, "Embedded C for the firmware.")
    assert "C" not in skills(tagger, "Plan C for the rollout.")


def test_new_ambiguous_names_only_in_context(tagger):
    assert "React" not in skills(tagger, "React to production incidents quickly.")
    assert "React" in skills(tagger, "Frontend in React and TypeScript.")
    assert "Chef" not in skills(tagger, "Our chef cooks lunch on Fridays.")
    assert "Chef" in skills(tagger, "Configuration with Chef or Puppet.")
    assert "HashiCorp Vault" not in skills(tagger, "Keep the documents in the vault.")
    assert "HashiCorp Vault" in skills(tagger, "Secrets in Vault and Terraform.")
    assert "Spring Boot" not in skills(tagger, "Start in Spring 2027.")  # no Java context
    assert "Spring Boot" in skills(tagger, "Java services on Spring Boot.")
    assert "Gymnasium" not in skills(tagger, "Gym membership for the whole team.")
    assert "Gymnasium" in skills(tagger, "Build reinforcement learning environments in Gym.")
    assert "Assembly" not in skills(tagger, "Assembly line data from our plants.")
    assert "Assembly" in skills(tagger, "Low-level code in C and Assembly.")
    assert "SLAM" in skills(tagger, "SLAM and sensor fusion for robotics.")
    assert "SLAM" not in skills(tagger, "A slam dunk hire.")


def test_taxonomy_has_400_skills_in_every_category():
    from collections import Counter
    from pathlib import Path

    from nlp.skills import CATEGORIES, load_skills

    listed = load_skills(Path(__file__).resolve().parents[2] / "data" / "skills.csv")
    assert len(listed) >= 400
    assert set(Counter(skill.category for skill in listed)) == set(CATEGORIES)
