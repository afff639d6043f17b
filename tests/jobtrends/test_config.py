import pytest

from jobtrends.config import Config, env_var, load_config, scalar_keys
from jobtrends.errors import ConfigError


def write(tmp_path, text, name="jobtrends.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config(environ={})
    assert config.db == "data/jobtrends.duckdb"
    assert config.report.role == "ml_engineer"
    assert config.path is None


def test_jobtrends_toml_in_the_current_directory_is_read(tmp_path, monkeypatch):
    write(tmp_path, 'db = "here.duckdb"\n')
    monkeypatch.chdir(tmp_path)
    assert load_config(environ={}).db == "here.duckdb"


def test_precedence_flag_over_env_over_file_over_default(tmp_path):
    path = write(tmp_path, 'db = "file.duckdb"\ncontact = "file@example.org"\n[report]\nout = "file-out"\n')
    env = {"JOBTRENDS_DB": "env.duckdb", "JOBTRENDS_REPORT_OUT": "env-out"}
    config = load_config(path, environ=env, overrides={"db": "flag.duckdb", "report.out": None})
    assert config.db == "flag.duckdb"          # flag beats env and file
    assert config.report.out == "env-out"      # env beats file (flag not given)
    assert config.contact == "file@example.org"  # file beats default
    assert config.report.min_industry_count == Config().report.min_industry_count  # default


def test_env_values_are_typed(tmp_path):
    config = load_config(write(tmp_path, ""), environ={
        "JOBTRENDS_CRAWL_HTTP_CACHE": "yes", "JOBTRENDS_REPORT_MIN_INDUSTRY_COUNT": "12"})
    assert config.crawl.http_cache is True
    assert config.report.min_industry_count == 12


def test_bad_env_value_names_the_variable(tmp_path):
    with pytest.raises(ConfigError, match="JOBTRENDS_REPORT_MIN_INDUSTRY_COUNT"):
        load_config(write(tmp_path, ""), environ={"JOBTRENDS_REPORT_MIN_INDUSTRY_COUNT": "many"})


@pytest.mark.parametrize("text, key", [
    ('dbb = "x"\n', "dbb"),
    ('[report]\nmin_industry_count = "five"\n', "report.min_industry_count"),
    ('[crawl]\nhttp_cache = 1\n', "crawl.http_cache"),
    ('[[sources]]\nkind = "greenhouse"\nbord = "acme"\n', "sources[0].bord"),
    ('[[sources]]\nkind = "monster"\nboard = "acme"\n', "sources[0].kind"),
    ('[[sources]]\nkind = "greenhouse"\nboard = "a"\n[[sources]]\nkind = "lever"\nboard = 3\n', "sources[1].board"),
    ('sources = "all"\n', "sources"),
])
def test_bad_keys_and_types_name_the_file_and_key(tmp_path, text, key):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_config(path, environ={})
    assert str(path) in str(error.value)
    assert f"'{key}" in str(error.value)


def test_source_without_board_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="needs 'board'"):
        load_config(write(tmp_path, '[[sources]]\nkind = "lever"\n'), environ={})


def test_invalid_toml_names_the_file(tmp_path):
    path = write(tmp_path, "db = \n")
    with pytest.raises(ConfigError, match=str(path)):
        load_config(path, environ={})


def test_missing_explicit_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml", environ={})


def test_source_names_default_as_the_interface_says(tmp_path):
    config = load_config(write(tmp_path, """
[[sources]]
kind = "greenhouse"
board = "acme"
[[sources]]
kind = "jsonld"
urls = ["https://careers.example.com/jobs"]
[[sources]]
kind = "hn"
[[sources]]
kind = "lever"
board = "globex"
name = "globex-lever"
"""), environ={})
    assert [s.source_name for s in config.sources] == ["greenhouse:acme", "jsonld:careers.example.com", "hn", "globex-lever"]
    assert [s.source_name for s in config.select_sources(["hn"])] == ["hn"]
    with pytest.raises(ConfigError, match="unknown source nope"):
        config.select_sources(["nope"])


def test_every_scalar_key_has_an_environment_variable():
    names = {env_var(key) for key, _ in scalar_keys()}
    assert {"JOBTRENDS_DB", "JOBTRENDS_CONTACT", "JOBTRENDS_REPORT_OUT", "JOBTRENDS_TAG_SPACY_MODEL"} <= names


def test_the_example_config_loads(tmp_path):
    from jobtrends.paths import PROJECT_ROOT

    config = load_config(PROJECT_ROOT / "jobtrends.example.toml", environ={})
    assert config.sources, "the example lists starter sources"
