"""Enqueueing that a broker outage cannot break."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)


def enqueue_now(task, *args) -> bool:
    """Queue `task`; when the broker is down, log it and return False instead of failing.

    Callers rely on state already committed that makes the work due, so a relay task finds
    it again: the outage delays the work and loses nothing.
    """
    try:
        task.delay(*args)
    except BrokerError:
        logger.warning("Broker unavailable: %s%r left for the relay", task.name, args)
        return False
    return True


def enqueue_on_commit(task, *args) -> None:
    """Queue `task` once the current transaction commits; never fail the caller for it."""
    transaction.on_commit(lambda: enqueue_now(task, *args))
