"""The project's URLs plus ``/bare/``: a Django view that does nothing, the baseline the verification
page's requests/second are compared with (bench/bench_sertifikat.py)."""

from django.http import HttpResponse
from django.urls import path

from lsp.urls import urlpatterns as project_urls


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bare/", bare), *project_urls]
