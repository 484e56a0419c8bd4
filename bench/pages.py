"""How fast the main pages are under load, and how many SQL queries each runs (issue 9).

gunicorn serves the site with the production settings (bench.settings: DEBUG off, manifest
static files, the Redis cache, kept database connections), and a load generator in processes
of its own drives it over loopback. Each page is measured for the same time at the same
concurrency as a minimal view (bench.urls) that goes through the same gunicorn and middleware
but does no work: absolute times depend on the machine, the ratio to the minimal view says how
much of the framework's own ceiling on this machine a page keeps. The minimal view is measured
before the first page and after each one, and a page is compared with the runs around it: a
machine that others slow down during the run moves both sides of a ratio alike.

The load generator is the standard library's: one process per connection, each sending its
next request as soon as the previous answer has been read (a closed loop, as wrk and locust
do), for a fixed time, recording every request's latency. Processes rather than threads so the
client is not held up by one GIL; no locust, which would bring gevent and a web UI into the
lock for what a few dozen lines do. gunicorn's sync worker (the production default) closes the
connection after each response, so every request pays its TCP connect, as behind a proxy.

Query counts are taken in-process with the test client against the same database and the same
users (a query count does not depend on the server), for the first request of a fresh client
and for the next one: the budget applies to the next one, the steady state, after the first
has filled the caches (the home page's headline figures, a session's user).
"""

import http.client
import multiprocessing
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from urllib.parse import quote, urlencode

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from accounts.models import User
from accounts.roles import REPORTER, roles_sync
from enterprises.models import Enterprise, Membership
from matching.models import MatchScore, Opening, OpeningSkill
from profiles import geography
from profiles.models import ProfileSkill

from .scale import Scale
from .urls import MINIMAL_PATH

Progress = Callable[[str], None]

# Budgets (issue 9): queries per page at every scale; the time ratios only at L, where the
# data are big enough for a slow query to show.
QUERY_BUDGET = 12
P95_RATIO_BUDGET = 5.0
RPS_RATIO_BUDGET = 0.2
TIME_BUDGET_SCALES = {"L"}

HOST = "127.0.0.1"
# The production session cookie (settings.base with DEBUG off), which bench.settings keeps.
SESSION_COOKIE = "__Host-sessionid"
STAFF_EMAIL = "staff@bench.example"
# A request slower than this is an error, not a latency.
REQUEST_TIMEOUT = 60
# Started gunicorn answers its first request within this, or it failed to boot.
BOOT_TIMEOUT = 60
ROOT = Path(__file__).resolve().parent.parent
PLAIN_STATIC_STORAGE = "django.contrib.staticfiles.storage.StaticFilesStorage"


class PageError(RuntimeError):
    """A page answered something other than 200: its timings would measure the wrong thing."""


@dataclass(frozen=True)
class Target:
    """A page to measure: its path with the query string, and who asks for it."""

    path: str
    user_id: int | None = None
    role: str = "anonymous"


# --- What to measure ----------------------------------------------------------------------


def page_targets() -> dict[str, Target]:
    """The eight pages of issue 9, on concrete rows of the database: the busiest published
    opening (most match scores, then most skills), the talent with the most recommendations,
    a member of the opening's company and a reporter (created if missing, with TOTP on)."""
    opening = _busiest_opening()
    member = (
        Membership.objects.filter(enterprise=opening.enterprise, user__is_active=True)
        .order_by("pk")
        .values_list("user_id", flat=True)
        .first()
    )
    talent = _talent_with_most_recommendations()
    staff = staff_ensure()
    region = geography.municipality(opening.municipality).region.code
    skill = _common_skill(opening)
    keyword = opening.title.split()[0]
    openings = reverse("openings:list")
    return {
        "home": Target(reverse("core:home")),
        "opening_list": Target(openings),
        "opening_list_filtered": Target(
            f"{openings}?"
            + urlencode({"q": keyword, "type": opening.kind, "region": region, "skills": skill})
        ),
        "opening_detail": Target(reverse("openings:detail", args=[opening.pk])),
        "talent_dashboard": Target(reverse("profiles:start"), talent, "talent"),
        "suggested_talents": Target(
            reverse("company_openings:suggestions", args=[opening.enterprise_id, opening.pk]),
            member,
            "member",
        ),
        # The pool is the companies' search: a member of a verified company, with three
        # filters and the ranking by match to their opening.
        "talent_pool": Target(
            reverse("profiles:pool")
            + "?"
            + urlencode(
                {
                    "skills": skill,
                    "skills_match": "all",
                    "region": region,
                    "relocate": "on",
                    "match_opening": opening.pk,
                }
            ),
            member,
            "member",
        ),
        "impact_dashboard": Target(reverse("reports:dashboard"), staff, "staff"),
    }


def _count_of(model, field: str):
    rows = model.objects.filter(**{field: OuterRef("pk")}).values(field)
    return Coalesce(
        Subquery(rows.annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def _busiest_opening() -> Opening:
    opening = (
        Opening.objects.published()
        .filter(enterprise__status=Enterprise.Status.VERIFIED)
        .exclude(municipality="")
        .filter(
            Exists(
                Membership.objects.filter(enterprise=OuterRef("enterprise"), user__is_active=True)
            )
        )
        .annotate(
            n_scores=_count_of(MatchScore, "opening"), n_skills=_count_of(OpeningSkill, "opening")
        )
        .order_by("-n_scores", "-n_skills", "pk")
        .select_related("enterprise")
        .first()
    )
    if opening is None or opening.n_scores == 0:
        raise RuntimeError(
            "No published opening with match scores in a verified company that has members: "
            "generate the data and run matching.services.scores.scores_rebuild() first."
        )
    return opening


def _talent_with_most_recommendations() -> int:
    row = (
        MatchScore.objects.filter(
            opening__in=Opening.objects.published(),
            profile__user__is_active=True,
            profile__user__side=User.Side.TALENT,
        )
        .values("profile__user_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "profile__user_id")
        .first()
    )
    if row is None:
        raise RuntimeError("No talent has match scores: run scores_rebuild() first.")
    return row["profile__user_id"]


def _common_skill(opening: Opening) -> str:
    """The English label of the opening's skill that the most talents hold: a filter that
    narrows the results without emptying them."""
    skill_ids = opening.skills.values("skill_id")
    row = (
        ProfileSkill.objects.filter(skill_id__in=skill_ids)
        .values("skill__label_en")
        .annotate(n=Count("pk"))
        .order_by("-n", "skill__label_en")
        .first()
    )
    if row is None:
        return opening.skills.select_related("skill").first().skill.label_en
    return row["skill__label_en"]


def staff_ensure() -> int:
    """A reporter with two-step sign-in on (the impact dashboard needs both): the generated
    data have no staff."""
    user, _created = User.objects.get_or_create(
        email=STAFF_EMAIL, defaults={"full_name": "Bench Reporter", "is_staff": True, "side": ""}
    )
    if not Group.objects.filter(name=REPORTER).exists():
        roles_sync()
    user.groups.add(Group.objects.get(name=REPORTER))
    if not is_mfa_enabled(user):
        TOTP.activate(user, generate_totp_secret())
    return user.pk


# --- Queries ------------------------------------------------------------------------------


# Renderings timed per page, in-process with the page caches off: the median is what a page
# costs when the cache cannot answer (the first ask, or after a write).
RENDER_SAMPLES = 5


def page_queries(targets: dict[str, Target]) -> dict[str, dict[str, int | float]]:
    """Per page (and the minimal view), the queries of a fresh client's first request and of
    its second (steady), the size of the page in bytes, and the median time of a rendering
    in one process with no other load (`render_ms`)."""
    users = User.objects.in_bulk([t.user_id for t in targets.values() if t.user_id])
    counts = {}
    # The minimal view is in bench.urls; the test client's host is "testserver", and it says
    # it came over HTTPS so production settings do not redirect it. Static URLs are read from
    # the files, not a collected manifest (gunicorn has that): no query either way. The page
    # caches are off: the budget is on what a page takes to render (served from the cache it
    # takes none of its own, and that is what the load below measures).
    with override_settings(
        PUBLIC_PAGE_CACHE_SECONDS=0,
        PRIVATE_PAGE_CACHE_SECONDS=0,
        ROOT_URLCONF="bench.urls",
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": PLAIN_STATIC_STORAGE}},
        STATIC_ROOT=None,
    ):
        for name, target in {"minimal": Target(MINIMAL_PATH), **targets}.items():
            client = Client()
            if target.user_id:
                client.force_login(users[target.user_id])
            runs = []
            for _ in range(2):
                with CaptureQueriesContext(connection) as context:
                    response = client.get(target.path, secure=True)
                if response.status_code != 200:
                    raise PageError(f"{name}: {target.path} answered {response.status_code}")
                runs.append(len(context))
            times = []
            for _ in range(RENDER_SAMPLES):
                started = time.perf_counter()
                client.get(target.path, secure=True)
                times.append((time.perf_counter() - started) * 1000)
            counts[name] = {
                "first": runs[0],
                "steady": runs[1],
                "bytes": len(response.content),
                "render_ms": round(statistics.median(times), 1),
            }
    return counts


# --- The server ---------------------------------------------------------------------------


def _database_url() -> str:
    """The database this process uses, as a URL for gunicorn's environment."""
    if connection.vendor != "postgresql":
        raise RuntimeError("The pages benchmark needs PostgreSQL: gunicorn shares the database.")
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{db['HOST'] or ''}{port}/{quote(db['NAME'], safe='')}"


def server_env(static_root: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        # The same key as here: the sessions written below are signed with it.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "DATABASE_URL": _database_url(),
        # As docker-compose.yml: connections kept between requests.
        "CONN_MAX_AGE": "60",
        # As behind the TLS proxy production runs behind: X-Forwarded-Proto is trusted.
        "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(static_root),
    }
    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith("RedisCache"):
        # The cache this process uses (the test settings keep theirs apart from the broker's).
        env["REDIS_URL"] = cache["LOCATION"]
    else:
        env.pop("REDIS_URL", None)
    return env


@contextmanager
def served(*, workers: int) -> Iterator[int]:
    """gunicorn with the production settings on a free loopback port (yielded), answering."""
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        env = server_env(Path(tmp) / "static")
        # The manifest storage needs the collected files for {% static %} to work.
        collected = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if collected.returncode:
            raise RuntimeError(f"collectstatic failed:\n{collected.stderr[-3000:]}")
        # A socket bound here and handed over: no race for the port with anyone else.
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind((HOST, 0))
        listener.listen(2048)
        port = listener.getsockname()[1]
        log_path = Path(tmp) / "gunicorn.log"
        command = [
            sys.executable, "-m", "gunicorn", "talenthub.wsgi:application",
            "--bind", f"fd://{listener.fileno()}", "--workers", str(workers),
            "--worker-class", "sync", "--log-level", "warning",
        ]  # fmt: skip
        with open(log_path, "w") as log:
            process = subprocess.Popen(  # noqa: S603 - our interpreter, our arguments
                command,
                cwd=ROOT,
                env=env,
                pass_fds=[listener.fileno()],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        listener.close()
        try:
            # The socket already listens: this waits in its backlog until a worker is up, and
            # fails at once if gunicorn exits (its copy of the socket closes).
            try:
                status = _get(port, MINIMAL_PATH, {}, timeout=BOOT_TIMEOUT)
            except OSError as error:
                status = repr(error)
            if status != 200:
                raise RuntimeError(
                    f"gunicorn did not start ({status}):\n{log_path.read_text()[-3000:]}"
                )
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _get(port: int, path: str, headers: dict, *, timeout: float = REQUEST_TIMEOUT) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"X-Forwarded-Proto": "https", **headers})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@contextmanager
def sessions(user_ids: Iterable[int]) -> Iterator[dict[int, str]]:
    """A signed-in session per user, as the test client's force_login writes it, removed
    afterwards; yields each user's session key."""
    users = User.objects.in_bulk(set(user_ids))
    engine = import_module(settings.SESSION_ENGINE)
    stores = {}
    for pk, user in users.items():
        store = engine.SessionStore()
        store[SESSION_KEY] = user._meta.pk.value_to_string(user)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.save()
        stores[pk] = store
    try:
        yield {pk: store.session_key for pk, store in stores.items()}
    finally:
        for store in stores.values():
            store.delete()


# --- The load generator -------------------------------------------------------------------


def _drive(port, path, headers, duration, barrier, sender) -> None:
    """One connection's closed loop (in a process of its own)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    latencies = array("d")
    statuses: Counter = Counter()
    barrier.wait()
    started = time.monotonic()
    deadline = ended = started + duration
    while (began := time.monotonic()) < deadline:
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            conn.close()  # the next request opens a new connection
            status = type(error).__name__
        ended = time.monotonic()
        latencies.append(ended - began)
        statuses[status] += 1
    conn.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sender.send(
        (latencies.tobytes(), dict(statuses), started, ended, usage.ru_utime + usage.ru_stime)
    )
    sender.close()


def load(port: int, path: str, headers: dict, *, duration: float, concurrency: int) -> dict:
    """`concurrency` connections asking for `path` for `duration` seconds: requests per
    second, p50 and p95 latency in ms, the non-200 answers, and the client's CPU share."""
    # fork: the children run only the loop above and leave at once (no Django set-up again).
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(concurrency + 1)
    headers = {"X-Forwarded-Proto": "https", "Accept": "text/html", **headers}
    receivers, processes = [], []
    for _ in range(concurrency):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_drive, args=(port, path, headers, duration, barrier, sender), daemon=True
        )
        process.start()
        sender.close()
        receivers.append(receiver)
        processes.append(process)
    barrier.wait()
    results = [receiver.recv() for receiver in receivers]
    for process in processes:
        process.join()
    latencies = array("d")
    statuses: Counter = Counter()
    for data, counts, *_ in results:
        latencies.frombytes(data)
        statuses.update(counts)
    elapsed = max(r[3] for r in results) - min(r[2] for r in results)
    cpu = sum(r[4] for r in results)
    ms = sorted(value * 1000 for value in latencies)
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return {
        "requests": len(ms),
        "rps": round(len(ms) / elapsed, 1),
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "errors": {str(status): n for status, n in statuses.items() if status != 200},
        "client_cpu": round(cpu / (elapsed * (os.cpu_count() or 1)), 2),
    }


# --- The measurement ----------------------------------------------------------------------


def _quiet(message: str) -> None:
    pass


def measure_pages(
    scale: Scale,
    *,
    duration: float,
    concurrency: int | None = None,
    workers: int | None = None,
    targets: Iterable[str] | None = None,
    warmup: float | None = None,
    progress: Progress = _quiet,
) -> dict:
    """Throughput, latency and queries of the pages (all eight, or those named in `targets`),
    each with its ratios to the minimal view. Raises PageError if any answer is not 200.

    A page's ratios are to the mean of the minimal view's runs just before and after it
    (`minimal_rps`, `minimal_p95_ms`); `minimal.drift_rps` shows how far the machine moved.

    `workers` gunicorn processes (default 2 per core); `concurrency` connections (default
    2 per worker, so a worker always has the next request waiting); `warmup` seconds of
    load before each page (default a fifth of `duration`, at least half a second).
    """
    cores = os.cpu_count() or 1
    workers = workers or 2 * cores
    concurrency = concurrency or 2 * workers
    warmup = max(0.5, duration / 5) if warmup is None else warmup
    chosen = page_targets()
    if targets is not None:
        chosen = {name: chosen[name] for name in targets}
    progress("  pages: counting queries")
    queries = page_queries(chosen)

    minimal_target = Target(MINIMAL_PATH)
    users = {t.user_id for t in chosen.values() if t.user_id}
    with sessions(users) as cookies, served(workers=workers) as port:

        def measured(name: str, target: Target, *, warm: bool = True) -> dict:
            headers = {}
            if target.user_id:
                headers["Cookie"] = f"{SESSION_COOKIE}={cookies[target.user_id]}"
            for seconds in (warmup, duration) if warm else (duration,):
                result = load(port, target.path, headers, duration=seconds, concurrency=concurrency)
                if result["errors"]:
                    raise PageError(f"{name}: {target.path} answered {result['errors']}")
            progress(f"  pages: {name} {result['rps']:.0f}/s, p95 {result['p95_ms']:.1f} ms")
            return result

        minimal_runs = [measured("minimal", minimal_target)]
        pages = {}
        for name, target in chosen.items():
            pages[name] = measured(name, target)
            minimal_runs.append(measured("minimal", minimal_target, warm=False))
    for (name, result), before, after in zip(
        pages.items(), minimal_runs[:-1], minimal_runs[1:], strict=True
    ):
        rps = (before["rps"] + after["rps"]) / 2
        p95 = (before["p95_ms"] + after["p95_ms"]) / 2
        result.update(
            minimal_rps=round(rps, 1),
            minimal_p95_ms=round(p95, 2),
            path=chosen[name].path,
            role=chosen[name].role,
            queries=queries[name]["steady"],
            queries_first=queries[name]["first"],
            bytes=queries[name]["bytes"],
            render_ms=queries[name]["render_ms"],
            ratio_p95=round(result["p95_ms"] / p95, 2),
            ratio_rps=round(result["rps"] / rps, 3),
        )
    return {
        "scale": scale.name,
        "duration": duration,
        "warmup": warmup,
        "concurrency": concurrency,
        "workers": workers,
        "cores": cores,
        "minimal": {**_mean(minimal_runs), "queries": queries["minimal"]["steady"]},
        "pages": pages,
    }


def _mean(runs: list[dict]) -> dict:
    """The minimal view's runs as one, with each run's throughput and p95, and how far the
    last moved from the first (drift 0.8: the machine slowed by a fifth during the run)."""

    def mean(key: str) -> float:
        return statistics.fmean(run[key] for run in runs)

    return {
        "requests": sum(run["requests"] for run in runs),
        "rps": round(mean("rps"), 1),
        "p50_ms": round(mean("p50_ms"), 2),
        "p95_ms": round(mean("p95_ms"), 2),
        "client_cpu": round(mean("client_cpu"), 2),
        "runs": [{"rps": run["rps"], "p95_ms": run["p95_ms"]} for run in runs],
        "drift_rps": round(runs[-1]["rps"] / runs[0]["rps"], 2),
    }


def check_budgets(result: dict, *, scale_name: str, reference: dict | None = None) -> list[str]:
    """The budgets a result breaks: queries per page always (and, given another scale's
    result as `reference`, the same counts as there); the time ratios at L only."""
    broken = []
    for name, page in result["pages"].items():
        if page["queries"] > QUERY_BUDGET:
            broken.append(f"{name}: {page['queries']} queries (budget {QUERY_BUDGET})")
        if reference and name in reference["pages"]:
            other = reference["pages"][name]["queries"]
            if other != page["queries"]:
                broken.append(
                    f"{name}: {page['queries']} queries at {scale_name}, "
                    f"{other} at {reference['scale']} (must be the same at every scale)"
                )
        if scale_name in TIME_BUDGET_SCALES:
            if page["ratio_p95"] > P95_RATIO_BUDGET:
                broken.append(
                    f"{name}: p95 {page['ratio_p95']}× the minimal view's "
                    f"(budget {P95_RATIO_BUDGET:g}×)"
                )
            if page["ratio_rps"] < RPS_RATIO_BUDGET:
                broken.append(
                    f"{name}: throughput {page['ratio_rps']:.0%} of the minimal view's "
                    f"(budget {RPS_RATIO_BUDGET:.0%})"
                )
    return broken
