"""`make bench SCALE=XS|S|L`: generate a scale's data in a database of its own, rebuild the
match scores and measure the pages, write bench/results/<SCALE>.{json,md,png}, print the summary
and exit 1 if a budget is broken.

It uses the PostgreSQL server of DATABASE_URL and the Redis of REDIS_URL and starts neither:
without them it says what it needs and exits 2. The data go to a database of their own on
that server (`<name>_bench`, dropped and created again each run), never to DATABASE_URL's.
"""

import argparse
import datetime
import os
import platform
import secrets
import sys
import time
from urllib.parse import urlsplit, urlunsplit

from .scale import SCALES

# Seconds of load per page (after a warm-up of a fifth of it): long enough for a stable p95.
DURATION = {"XS": 2.0, "S": 10.0, "L": 15.0}


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=SCALES, default="S")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=float, help="seconds of load per page")
    parser.add_argument(
        "--skip", action="append", default=[], choices=["matching", "notifications", "pages"]
    )
    return parser.parse_args(argv)


def _needs() -> list[str]:
    """What the run needs and does not find (nothing is started on its behalf)."""
    import psycopg
    import redis

    needs = []
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith(("postgres://", "postgresql://")):
        needs.append("DATABASE_URL naming a PostgreSQL server (postgres://user@host:port/name)")
    else:
        try:
            psycopg.connect(_with_database(database, "postgres"), connect_timeout=3).close()
        except psycopg.Error as error:
            needs.append(f"a PostgreSQL server reachable at DATABASE_URL ({error})")
    if not os.environ.get("REDIS_URL"):
        needs.append("REDIS_URL naming a Redis server (redis://host:port/0)")
    else:
        try:
            redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=3).ping()
        except redis.RedisError as error:
            needs.append(f"a Redis server reachable at REDIS_URL ({error})")
    return needs


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _fresh_database(url: str) -> str:
    """Drop and create `<name>_bench` beside DATABASE_URL's database; return its URL."""
    import psycopg
    from psycopg import sql

    name = f"{urlsplit(url).path.lstrip('/') or 'talenthub'}_bench"
    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        # The planner's settings of production's server (docker-compose.yml), on this database
        # only: the server itself is not ours to change.
        admin.execute(
            sql.SQL("ALTER DATABASE {} SET random_page_cost = 1.1").format(sql.Identifier(name))
        )
    return _with_database(url, name)


def _environment(database_url: str) -> None:
    """Production settings for this process and the gunicorn and Celery it starts."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("SITE_URL", "http://127.0.0.1")
    os.environ.setdefault("EMAIL_URL", "smtp://127.0.0.1:1")  # the benchmark's sink replaces it
    # A queue of this run's own: a worker of another deployment on the same Redis takes none
    # of its tasks.
    os.environ.setdefault("CELERY_TASK_DEFAULT_QUEUE", f"bench-{os.getpid()}")


def _step(title: str):
    print(f"\n== {title}", flush=True)
    return time.perf_counter()


def _reference(scale: str) -> dict | None:
    """The other size's page results, for the budget "identical query counts at S and L"."""
    import json

    from .report import RESULTS

    other = {"S": "L", "L": "S"}.get(scale)
    path = RESULTS / f"{other}.json"
    if other and path.exists():
        return json.loads(path.read_text()).get("pages")
    return None


def main(argv=None) -> int:
    args = _arguments(argv)
    scale = SCALES[args.scale]
    needs = _needs()
    if needs:
        print("make bench needs, and did not find:\n" + "\n".join(f"- {n}" for n in needs))
        print("Start them yourself and set the variables, e.g.\n"
              "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/talenthub "
              "REDIS_URL=redis://127.0.0.1:6379/0 make bench SCALE=XS")  # fmt: skip
        return 2
    started = datetime.datetime.now(datetime.UTC)
    _environment(_fresh_database(os.environ["DATABASE_URL"]))

    import django

    django.setup()
    from django.core.management import call_command

    from matching.services.scores import scores_rebuild

    from . import data, matching, notify, pages, report

    result = {
        "scale": scale.name,
        "talents": scale.talents,
        "enterprises": scale.enterprises,
        "openings": scale.openings,
        "seed": args.seed,
        "started": started.isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.system()}",
        "command": f"make bench SCALE={scale.name}",
        "setup": {},
    }
    clock = _step("Migrating the benchmark database")
    call_command("migrate", verbosity=0)
    result["setup"]["migrate_s"] = round(time.perf_counter() - clock, 1)
    _step("Taxonomy")
    taxonomy = data.taxonomy_ensure(print)
    result["taxonomy"] = taxonomy
    result["setup"]["taxonomy_s"] = taxonomy["seconds"]
    _step(f"Generating scale {scale.name}")
    generated = data.generate(scale, seed=args.seed, progress=print)
    result["generated"] = generated["counts"]
    result["setup"]["generate_s"] = generated["seconds"]

    clock = _step("Match scores: full rebuild")
    scores_rebuild()
    result["setup"]["rebuild_s"] = rebuild_s = round(time.perf_counter() - clock, 1)

    violations = []
    if "matching" not in args.skip:
        _step("Matching")
        result["matching"] = matching.measure_matching(
            rebuild_s=rebuild_s, seed=args.seed, progress=print
        )
        violations += matching.check_budgets(result["matching"], scale_name=scale.name)
    if "pages" not in args.skip:
        _step("Pages")
        duration = args.duration or DURATION[scale.name]
        result["pages"] = pages.measure_pages(scale, duration=duration, progress=print)
        violations += pages.check_budgets(
            result["pages"], scale_name=scale.name, reference=_reference(scale.name)
        )
    if "notifications" not in args.skip:
        # Last: it leaves every talent an unread notification, which the pages would show.
        _step("Notifications")
        result["notifications"] = notify.measure_notifications(scale, progress=print)
        violations += notify.check_budgets(result["notifications"], scale_name=scale.name)
    result["violations"] = violations
    paths = report.write(result)
    print("\n" + report.markdown(result))
    print("Written: " + ", ".join(str(path) for path in paths.values()))
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
