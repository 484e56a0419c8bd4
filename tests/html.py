"""The Nu HTML checker (vnu), shared by every module that checks its pages' HTML.

The checker comes from npm (package.json) and runs on Java; a laptop without them skips, CI
installs both and requires the check (TALENTHUB_REQUIRE=html).
"""

import json
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from tests.conftest import skip_unless_available

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def assert_valid_html(pages: Iterable, tmp_path: Path, *, statuses=(200,)) -> None:
    """Check every (name, response) in one checker run; errors and warnings both fail."""
    documents = []
    for name, response in pages:
        assert response.status_code in statuses, name
        documents.append((name, response.content))
    problems = html_problems(documents, tmp_path)
    assert problems == [], "\n".join(problems)


def html_problems(documents: Iterable[tuple[str, bytes]], tmp_path: Path, *, timeout=120) -> list:
    """The checker's errors and warnings for every (name, HTML) in one run, as readable lines."""
    java = shutil.which("java")
    if not (java and VNU_JAR.exists()):
        skip_unless_available("html", "the Nu checker needs java and `npm ci`")
    files = {}
    for index, (name, content) in enumerate(documents):
        path = tmp_path / f"page{index}.html"
        path.write_bytes(content)
        files[path] = name

    # Full paths: given a name it cannot open, the checker reports nothing and succeeds.
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--also-check-css", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )

    names = {path.name: name for path, name in files.items()}
    return [
        f"{names[Path(m['url']).name]}: line {m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stderr)["messages"]
        # A file the checker could not read is a "non-document-error": never a silent pass.
        if m["type"] in {"error", "non-document-error"} or m.get("subType") == "warning"
    ]
