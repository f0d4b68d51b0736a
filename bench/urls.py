"""The app's URLs plus ``/__bench__/bare/``: the floor a page is measured against (the whole middleware
stack, no template, no query)."""

from django.http import HttpResponse
from django.urls import path

from lsp.urls import urlpatterns as app_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("__bench__/bare/", bare), *app_urlpatterns]
