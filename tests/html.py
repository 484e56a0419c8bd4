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
    java = shutil.which("java")
    if not (java and VNU_JAR.exists()):
        skip_unless_available("html", "the Nu checker needs java and `npm ci`")
    files = {}
    for index, (name, response) in enumerate(pages):
        assert response.status_code in statuses, name
        path = tmp_path / f"page{index}.html"
        path.write_bytes(response.content)
        files[path.name] = name

    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--also-check-css", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    messages = json.loads(result.stderr)["messages"]
    problems = [
        f"{files[Path(m['url']).name]}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "warning"
    ]
    assert problems == []
