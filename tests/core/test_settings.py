"""Settings are read at start-up, so each case starts a fresh Python with its own env."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG_VARS = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "EMAIL_URL",
    "EMAIL_FILE_PATH",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SITE_URL",
    "TRUSTED_PROXY_COUNT",
)
PROBE = """
import json
from django.conf import settings
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "email": settings.EMAIL_BACKEND,
    "email_host": getattr(settings, "EMAIL_HOST", ""),
    "email_port": getattr(settings, "EMAIL_PORT", 0),
    "email_tls": getattr(settings, "EMAIL_USE_TLS", False),
    "email_path": str(getattr(settings, "EMAIL_FILE_PATH", "")),
    "cache": settings.CACHES["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
}))
"""


def run_django(*args, settings_module="talenthub.settings.base", **env):
    """Run Python in a clean environment; settings_module=None leaves manage.py's default."""
    drop = {*CONFIG_VARS, "DJANGO_SETTINGS_MODULE"}
    clean = {k: v for k, v in os.environ.items() if k not in drop}
    clean.update(ENV_FILE=os.devnull, **env)
    if settings_module:
        clean["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, check=False
    )


def settings_with(**env):
    result = run_django("-c", f"import django; django.setup(); {PROBE}", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_need_no_services():
    values = settings_with(DEBUG="true")

    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db_name"] == str(ROOT / "var" / "talenthub.sqlite3")
    assert values["eager"] is True
    assert values["broker"] == ""
    assert values["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert values["email_path"] == str(ROOT / "var" / "mail")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    # A cache in one process's memory: sessions only in the database, which every process sees.
    assert values["sessions"] == "django.contrib.sessions.backends.db"


def test_production_services_come_from_the_environment():
    values = settings_with(
        DEBUG="true",
        DATABASE_URL="postgres://talenthub@db:5432/talenthub",
        REDIS_URL="redis://redis:6379/0",
        EMAIL_URL="smtp://mail.example.com:587",
    )

    assert values["engine"] == "django.db.backends.postgresql"
    assert values["eager"] is False
    assert values["broker"] == "redis://redis:6379/0"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["cache"] == "core.cache.RedisCache"
    assert values["sessions"] == "core.sessions"


def test_beat_schedule_names_registered_tasks(settings):
    from talenthub.celery import app

    # As a worker does at start: import every app's tasks module (autodiscovery).
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


def test_the_nightly_rebuild_may_outlast_the_default_task_time_limit(settings):
    from matching.tasks import rebuild_matches

    # The benchmark's budget for the rebuild at national scale is the default limit itself.
    assert rebuild_matches.time_limit > rebuild_matches.soft_time_limit
    assert rebuild_matches.soft_time_limit >= 4 * settings.CELERY_TASK_TIME_LIMIT


@pytest.mark.parametrize(("mail_queue", "expected"), [("", None), ("mail", "mail")])
def test_mail_tasks_go_to_the_mail_queue_when_there_is_one(settings, mail_queue, expected):
    from talenthub.celery import app

    settings.MAIL_TASK_QUEUE = mail_queue
    app.loader.import_default_modules()
    default = app.conf.task_default_queue
    expected = expected or default

    def queue(task: str) -> str:
        return app.amqp.router.route({}, task)["queue"].name

    assert queue("notifications.tasks.send_chunk") == expected
    assert queue("notifications.tasks.deliver_batch") == expected
    assert queue("matching.tasks.rescore_profile") == default


def test_smtp_can_be_set_by_host_port_user_and_tls_instead_of_a_url():
    values = settings_with(
        DEBUG="true", EMAIL_HOST="smtp.example.fi", EMAIL_PORT="2525", EMAIL_USE_TLS="false"
    )

    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["email_host"], values["email_port"], values["email_tls"]) == (
        "smtp.example.fi",
        2525,
        False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "talenthub.example", "SITE_URL": "https://t.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50, "SITE_URL": "https://t.example"}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "talenthub.example"}, "SITE_URL"),
    ],
)
def test_production_refuses_to_start_without_key_and_hosts(env, message):
    result = run_django("manage.py", "check", DEBUG="false", **env)

    assert result.returncode != 0
    assert f"{message} must be set when DEBUG is off" in result.stderr


def test_deploy_checks_pass_with_production_settings(tmp_path):
    result = run_django(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="9f2c1d7e4b8a6f3c0e5d2a9b7c4f1e8d3a6b0c9f5e2d7a4b1c8e3f6a0d9b2c5e7",
        ALLOWED_HOSTS="talenthub.example",
        SITE_URL="https://talenthub.example",
        TRUSTED_PROXY_COUNT="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_manage_py_works_on_a_fresh_clone_and_obeys_an_explicit_debug_off():
    assert run_django("manage.py", "check", settings_module=None).returncode == 0

    production_shell = run_django("manage.py", "check", settings_module=None, DEBUG="false")
    assert production_shell.returncode != 0
    assert "SECRET_KEY must be set" in production_shell.stderr
