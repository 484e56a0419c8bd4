"""Enqueueing that a broker outage cannot break."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args) -> None:
    """Queue `task` once the current transaction commits; never fail the caller for it.

    The state that makes the work due is already committed, so a relay task finds it again
    when the broker was down: the outage delays the work and loses nothing.
    """

    def enqueue():
        try:
            task.delay(*args)
        except BrokerError:
            logger.warning("Broker unavailable: %s%r left for the relay", task.name, args)

    transaction.on_commit(enqueue)
