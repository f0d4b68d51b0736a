import pytest


@pytest.fixture(autouse=True)
def _fresh_verification_memo():
    """The verification keeps immutable lookups and the LSP name per process; tests start without them."""
    from sertifikat import verification, views

    memos = (verification._seen, verification._lsp, views._rendered)
    for memo in memos:
        memo.clear()
    yield
    for memo in memos:
        memo.clear()
