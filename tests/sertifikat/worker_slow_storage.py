"""Settings for the worker subprocess of tests/sertifikat/test_worker_killed.py: the project's settings
with a storage whose first certificate save announces itself (its process id in ``SLOW_MARKER``) and
then hangs, so the test can kill that worker process in the middle of making a PDF."""

import os
import time

from django.core.files.storage import FileSystemStorage

from lsp.settings import *  # noqa: F403

STORAGES = {**STORAGES, "default": {"BACKEND": "tests.sertifikat.worker_slow_storage.HangOnceStorage"}}  # noqa: F405


class HangOnceStorage(FileSystemStorage):
    def _save(self, name, content):
        marker = os.environ["SLOW_MARKER"]
        if name.startswith("sertifikat/pdf/") and not os.path.exists(marker):
            with open(marker, "w") as fh:
                fh.write(str(os.getpid()))
            time.sleep(120)  # killed before this ends
        return super()._save(name, content)
