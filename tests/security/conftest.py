import os

from hypothesis import HealthCheck, settings

# The same examples on every run, so CI is reproducible and a failure can be rerun; nothing is
# written to a .hypothesis/ folder. HYPOTHESIS_PROFILE=hostile-deep searches wider and afresh.
settings.register_profile(
    "hostile",
    derandomize=True,
    database=None,
    max_examples=8,
    deadline=None,
    # `client` is function-scoped: every example makes its own objects, so sharing it is safe.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "hostile-deep", settings.get_profile("hostile"), derandomize=False, max_examples=100
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "hostile"))
