"""The theme model stored with the taxonomy: the IDF and per-theme thresholds calibrated on
the tuning part of the labelled set (`python -m nlp.calibrate`), in data/models/themes.json.

It belongs to one themes.toml and one CODE_VERSION (both recorded); when either differs the
model is ignored (thresholds from themes.toml, IDF fitted on the store, as before) and
`jobtrends tag` says so, so a stale calibration is never applied silently. The file is part of
TAGGER_VERSION: recalibrating re-tags every posting.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)
MODEL_FILE = "models/themes.json"


@dataclass(frozen=True)
class ThemeModel:
    idf: dict[str, float]
    thresholds: dict[str, float]
    n_docs: int
    fitted_on: str


def themes_digest(data_dir: Path) -> str:
    return hashlib.sha256((data_dir / "themes.toml").read_bytes()).hexdigest()[:16]


def load_model(data_dir: Path, code_version: str) -> ThemeModel | None:
    path = data_dir / MODEL_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("themes_sha") != themes_digest(data_dir) or data.get("code_version") != code_version:
        log.warning("%s was calibrated for another themes.toml or tagger code; ignored "
                    "(run python -m nlp.calibrate)", path)
        return None
    return ThemeModel(data["idf"], data["thresholds"], int(data.get("n_docs", 0)), data.get("fitted_on", ""))


def save_model(data_dir: Path, code_version: str, model: ThemeModel) -> Path:
    path = data_dir / MODEL_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"code_version": code_version, "themes_sha": themes_digest(data_dir), "fitted_on": model.fitted_on,
            "n_docs": model.n_docs, "thresholds": model.thresholds,
            "idf": {k: round(v, 6) for k, v in sorted(model.idf.items())}}
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path
