"""A task queue that cannot be reached, as when the queue's database or Redis is down.

It stands in for the one thing the tests cannot stop on its own: the task backend is the
main database (which the test needs) or a Redis queue the project does not install.
"""

from django_tasks.backends.base import BaseTaskBackend


class UnreachableQueue(BaseTaskBackend):
    supports_defer = True

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("task queue unreachable")
