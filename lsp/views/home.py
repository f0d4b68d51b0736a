from django.shortcuts import render
from django.template.response import TemplateResponse

from ..dashboard import panels_for
from ..pagecache import cached_for_anonymous


@cached_for_anonymous
def home(request):
    """Anonymous: the landing page (login, "Daftar sebagai asesi"), the same for everyone (cached). Logged
    in: one panel per role."""
    if not request.user.is_authenticated:
        return TemplateResponse(request, "lsp/landing.html")
    return render(request, "lsp/home.html", {"sections": panels_for(request)})
