from django.shortcuts import render

from ..dashboard import panels_for


def home(request):
    """Anonymous: the landing page (login, "Daftar sebagai asesi"). Logged in: one panel per role."""
    if not request.user.is_authenticated:
        return render(request, "lsp/landing.html")
    return render(request, "lsp/home.html", {"sections": panels_for(request)})
