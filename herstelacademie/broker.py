"""The Redis broker transport, with one fix: a worker survives a Redis restart.

celery 5.7.0 / kombu 5.7.0 (the newest releases; nothing newer to upgrade to): when the
worker loses its broker connection while a task with acks_late is running, the consumer
first collects the connection (the transport's `client` becomes None) and then closes it.
Closing the channel tries to put the unacknowledged message back, which needs a Redis
client built from `transport.client.hostname`: AttributeError, and the worker stops with
"Unrecoverable error" instead of reconnecting. Nothing is sent until someone restarts it.

Here the put-back (and the acknowledgement of a task that ran through the reconnect,
which fails the same way on the old channel) is skipped when the connection is already
gone. Nothing is lost by that: the message stays in Redis's "unacked" set (it is there
while the task runs) and is delivered again after the visibility timeout (at least once,
as acks_late promises; for the reminder job it is only a "go" signal: the rows are the
queue, nazorg/herinneringen.py). Settings select this transport with
CELERY_BROKER_TRANSPORT when REDIS_URL is set.
"""

import logging

from kombu.transport import redis, virtual

logger = logging.getLogger(__name__)


class QoS(redis.QoS):
    def _verbinding_weg(self) -> bool:
        """True when this channel's connection was collected after a connection loss."""
        transport = self.channel.connection
        return transport is None or getattr(transport, "client", None) is None

    def restore_unacked(self, client=None):
        if client is None and self._verbinding_weg():
            logger.warning(
                "Broker connection already closed: %s unacknowledged message(s) stay in "
                "Redis and come back after the visibility timeout",
                len(self._delivered),
            )
            self._delivered.clear()
            return
        super().restore_unacked(client)

    def ack(self, delivery_tag):
        # A task that ran through a reconnect is acknowledged on its old, closed channel:
        # the same crash. Forget it here; Redis redelivers it after the visibility timeout.
        if self._verbinding_weg():
            logger.warning(
                "Broker connection was replaced: message %s not acknowledged", delivery_tag
            )
            virtual.QoS.ack(self, delivery_tag)
            return
        super().ack(delivery_tag)

    def reject(self, delivery_tag, requeue=False):
        if self._verbinding_weg():
            virtual.QoS.ack(self, delivery_tag)
            return
        super().reject(delivery_tag, requeue=requeue)


class Channel(redis.Channel):
    QoS = QoS


class Transport(redis.Transport):
    Channel = Channel
