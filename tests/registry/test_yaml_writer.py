"""The kernel writes configuration YAML; forms_builder and the legal library export through it."""

from pathlib import Path

import pytest

from core.configs import read_yaml, write_yaml
from registry.services import legal_export, legal_instrument_load_document


def test_write_yaml_keeps_key_order_and_arabic_text(tmp_path):
    document = {"key": "law", "title": {"ar": "قانون العمل", "en": "Labour law"}, "a": 1}
    path = write_yaml(tmp_path / "nested" / "law.yaml", document)
    assert path == tmp_path / "nested" / "law.yaml"
    text = path.read_text(encoding="utf-8")
    assert "قانون العمل" in text and text.index("key") < text.index("title") < text.index("a:")
    assert read_yaml(path) == document


@pytest.mark.django_db
def test_legal_export_loads_back_unchanged(tmp_path):
    document = {
        "instrument": {"key": "law", "kind": "national_law", "title": {"ar": "قانون", "en": "Law"}},
        "provisions": [
            {
                "key": "law-art-1",
                "article": "1",
                "title": {"ar": "مادة", "en": "Article"},
                "status": "validated",
            }
        ],
    }
    legal_instrument_load_document(document, Path("law.yaml"))
    (written,) = legal_export(tmp_path)
    assert read_yaml(written) == document
