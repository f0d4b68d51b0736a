"""REST API of the sertifikat app; see ``lsp/api.py`` for the policy.

``/api/v1/sertifikat/``: admin LSP every certificate, a holder their own (``sertifikat_downloadable_by``,
the rule of the PDF download), with the status of the day (``domain.status_on``).
``/api/v1/verifikasi/<nomor or token>/``: the public verification (no login, its own per-address limit
``LSP_VERIFIKASI_PER_MINUTE``, the same data as the public page)."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from lsp.api import HasRole
from lsp.roles import Role

from . import domain, selectors
from .filters import SertifikatFilter
from .models import Sertifikat
from .verification import Throttled, verifikasi_public

TIDAK_DITEMUKAN = _("Sertifikat dengan nomor tersebut tidak ditemukan.")  # as the public page says
TERLALU_BANYAK = _("Terlalu banyak permintaan verifikasi. Coba lagi dalam satu menit.")


class SertifikatSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField(help_text=_("Status pada hari ini"))

    class Meta:
        model = Sertifikat
        fields = ["id", "nomor", "nomor_registrasi", "nama_pemegang", "asesi", "permohonan", "skema", "skema_kode",
                  "skema_nama", "tanggal_terbit", "berlaku_sampai", "status", "pdf_status", "sumber"]

    def get_status(self, obj) -> str:
        return domain.status_on(status=obj.status, berlaku_sampai=obj.berlaku_sampai, today=self.context["today"])


class SertifikatMixin:
    permission_classes = [HasRole]
    roles = (Role.ADMIN_LSP, Role.ASESI)
    serializer_class = SertifikatSerializer

    def get_queryset(self):
        return selectors.sertifikat_downloadable_by(self.request.user).defer("units", "pdf_error", "status_alasan")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}


@extend_schema_view(get=extend_schema(tags=["sertifikat"], summary=_("Sertifikat (admin LSP: semua; asesi: miliknya)")))
class SertifikatList(SertifikatMixin, generics.ListAPIView):
    filterset_class = SertifikatFilter


@extend_schema_view(get=extend_schema(tags=["sertifikat"], summary=_("Satu sertifikat")))
class SertifikatDetail(SertifikatMixin, generics.RetrieveAPIView):
    pass


VERIFIKASI = inline_serializer("Verifikasi", {
    "nomor": serializers.CharField(),
    "nomor_registrasi": serializers.CharField(),
    "nama": serializers.CharField(),
    "skema": inline_serializer("VerifikasiSkema", {"kode": serializers.CharField(), "nama": serializers.CharField()}),
    "tanggal_terbit": serializers.DateField(),
    "berlaku_sampai": serializers.DateField(),
    "status": serializers.ChoiceField(choices=domain.Status.choices),
    "status_label": serializers.CharField(),
    "url": serializers.URLField(),
})


class VerifikasiApi(APIView):
    """``/api/v1/verifikasi/<nomor>/``: the public data of a certificate as JSON (holder, skema, dates, the
    status of the day; nothing private). By its number or the token of its QR link."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    throttle_classes = []  # its own limit, shared with the public page: sertifikat/throttle.py

    @extend_schema(
        tags=["verifikasi"], summary=_("Verifikasi sertifikat (publik)"),
        responses={200: VERIFIKASI},
    )
    def get(self, request, kode):
        try:  # the rate limit and the cached data in one Redis round trip, as the public page
            data = verifikasi_public(request, kode, today=timezone.localdate())
        except Throttled:
            return Response({"detail": str(TERLALU_BANYAK)}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if data is None:
            return Response({"detail": str(TIDAK_DITEMUKAN)}, status=status.HTTP_404_NOT_FOUND)
        return Response({
            "nomor": data["nomor"],
            "nomor_registrasi": data["nomor_registrasi"],
            "nama": data["nama"],
            "skema": {"kode": data["skema_kode"], "nama": data["skema_nama"]},
            "tanggal_terbit": data["tanggal_terbit"].isoformat(),
            "berlaku_sampai": data["berlaku_sampai"].isoformat(),
            "status": data["status"],
            "status_label": data["status_label"],
            "url": request.build_absolute_uri(reverse("verifikasi:detail", args=[data["token"]])),
        })


api_urlpatterns = [
    path("v1/sertifikat/", SertifikatList.as_view(), name="sertifikat-list"),
    path("v1/sertifikat/<int:pk>/", SertifikatDetail.as_view(), name="sertifikat-detail"),
    path("v1/verifikasi/<path:kode>/", VerifikasiApi.as_view(), name="verifikasi"),
]
