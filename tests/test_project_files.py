"""The files a newcomer and an operator start from say what they must."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_readme_and_ci_use_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme
    assert "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_compose_file_runs_the_production_stack_from_one_image():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]

    assert {"postgres", "redis", "web", "worker", "beat"} <= services.keys()
    app_services = [services[name] for name in ("migrate", "web", "worker", "beat")]
    for service in app_services:
        assert service["build"] == "."
        env = service["environment"]
        assert env["DEBUG"] == "false"
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["DATABASE_URL"].endswith("@postgres:5432/talenthub")
        assert env["REDIS_URL"] == "redis://redis:6379/0"
    assert services["web"]["command"][0] == "gunicorn"
    assert services["worker"]["command"][:4] == ["celery", "-A", "talenthub", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "talenthub", "beat"]
    assert "readyz" in " ".join(services["web"]["healthcheck"]["test"])


def test_docker_image_installs_the_locked_production_dependencies():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert "pip install --require-hashes -r requirements/base.lock" in dockerfile
    assert (ROOT / "requirements" / "base.lock").exists()
