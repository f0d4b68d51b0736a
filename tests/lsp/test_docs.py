"""docs/domain.md is what code comments cite: it must name code that exists, and the README links it."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "domain.md").read_text(encoding="utf-8")

# "`asesor/domain.py` `asesor_status`, `asesmen_counts`" → (asesor/domain.py, [asesor_status, asesmen_counts])
CITATION = re.compile(r"`(\w+/\w+\.py)`((?:,? `\w+`)+)")


# "`asesor.selectors.asesor_status_on`" → (asesor/selectors.py, asesor_status_on)
DOTTED = re.compile(r"`(lsp|asesi|asesor|asesmen|sertifikat)\.(\w+)\.(\w+)`")


def citations():
    for match in CITATION.finditer(DOC):
        for name in re.findall(r"`(\w+)`", match.group(2)):
            yield match.group(1), name
    for app, module, name in DOTTED.findall(DOC):
        yield f"{app}/{module}.py", name


def _source(file: Path) -> str:
    """The module's text; for a module split into a package (``asesi/services/``), all its modules."""
    if file.exists():
        return file.read_text(encoding="utf-8")
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(file.with_suffix("").glob("*.py")))


def test_the_doc_cites_code():
    assert len(set(citations())) >= 40


@pytest.mark.parametrize("path, name", sorted(set(citations())))
def test_every_name_the_doc_cites_is_defined_in_that_file(path, name):
    source = _source(ROOT / path)
    assert re.search(rf"^\s*(def|class) {name}\b|^{name}\b.*=", source, re.MULTILINE), f"{path} has no {name}"


def test_rules_are_numbered_once_and_in_order():
    numbers = [int(n) for n in re.findall(r"^\| R(\d+) \|", DOC, re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_readme_links_the_domain_doc_and_nothing_points_outside_the_repo():
    assert "](docs/domain.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("lsp", "asesi", "asesor", "asesmen", "sertifikat", "templates", "tests", "docs")
        for p in (ROOT / folder).rglob("*")
        if p.suffix in {".py", ".html", ".txt", ".md"} and "DOMAIN.md" in p.read_text(encoding="utf-8")
        and p.name != "test_docs.py"
    ]
    assert offenders == []
