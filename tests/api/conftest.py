import os

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db, settings):
    """The demo LSP (every role, applications in every status, batches, a record, certificates)."""
    settings.LSP_API_ANON_PER_MINUTE = 0
    call_command("seed_demo", stdout=open(os.devnull, "w"))
