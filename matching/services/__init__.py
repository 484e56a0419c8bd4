"""Every write in matching, one module per concern. The opening lifecycle is re-exported
here because most callers want it (`from matching import services`)."""

from .openings import *  # noqa: F403
from .openings import __all__ as __all__
