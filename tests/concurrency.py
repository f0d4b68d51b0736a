"""Run the same call in two threads at the same moment, each on its own database connection — for
tests of races that only a real database lock or constraint can settle (mark them ``postgres``)."""

import threading

from django.db import connection


def run_at_once(*calls, timeout=30):
    """Start one thread per call, all released together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def worker(call):
        try:
            barrier.wait(timeout=10)
            outcomes.append(call())
        except Exception as exc:  # noqa: BLE001 - handed back to the test to assert on
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes
