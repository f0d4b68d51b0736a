"""REST API of the asesor app (``/api/v1/asesor/``), read only; see ``lsp/api.py`` for the policy.

Admin LSP sees every asesor, an asesor only themselves (``asesor_list_for_user``). The status and the
recognition are computed by the database for the day (``asesor_status_annotate``, the SQL twin of
``domain.asesor_status``), so a page of the list costs the same at any size; the filters are the web
list's (``AsesorFilter``)."""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers

from lsp.api import HasRole
from lsp.roles import Role

from . import domain, selectors
from .filters import AsesorFilter
from .models import AsesorProfile


class AsesorSerializer(serializers.ModelSerializer):
    nama = serializers.SerializerMethodField()
    email = serializers.EmailField(source="user.email", read_only=True)
    status = serializers.ChoiceField(source="st_status", choices=domain.StatusAsesor.choices, read_only=True)
    rekognisi = serializers.ChoiceField(source="st_rekognisi", choices=domain.StatusRekognisi.choices,
                                        allow_blank=True, read_only=True,
                                        help_text=_("Kosong bila tidak ada sertifikat"))
    sertifikat_nomor = serializers.CharField(source="st_nomor", read_only=True, allow_null=True)
    sertifikat_terbit = serializers.DateField(source="st_issued_on", read_only=True, allow_null=True)
    sertifikat_berlaku_sampai = serializers.DateField(source="st_valid_until", read_only=True, allow_null=True)
    jumlah_asesmen = serializers.IntegerField(source="st_jumlah", read_only=True,
                                              help_text=_("Asesmen yang dihitung dalam masa berlaku sertifikat"))

    class Meta:
        model = AsesorProfile
        fields = ["id", "nama", "email", "nomor_registrasi", "is_master", "status", "rekognisi", "sertifikat_nomor",
                  "sertifikat_terbit", "sertifikat_berlaku_sampai", "jumlah_asesmen"]

    def get_nama(self, obj) -> str:
        return obj.user.get_full_name() or obj.user.username


class AsesorMixin:
    permission_classes = [HasRole]
    roles = (Role.ADMIN_LSP, Role.ASESOR)
    serializer_class = AsesorSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return AsesorProfile.objects.none()
        # the web list's scope, without its per-row prefetches: the status comes from SQL here
        qs = selectors.asesor_list_for_user(self.request.user).prefetch_related(None).select_related("user")
        return selectors.asesor_status_annotate(qs, on_date=timezone.localdate())


@extend_schema_view(get=extend_schema(tags=["asesor"], summary=_("Asesor dengan status dan rekognisi hari ini")))
class AsesorList(AsesorMixin, generics.ListAPIView):
    filterset_class = AsesorFilter


@extend_schema_view(get=extend_schema(tags=["asesor"], summary=_("Satu asesor dengan status hari ini")))
class AsesorDetail(AsesorMixin, generics.RetrieveAPIView):
    pass


api_urlpatterns = [
    path("v1/asesor/", AsesorList.as_view(), name="asesor-list"),
    path("v1/asesor/<int:pk>/", AsesorDetail.as_view(), name="asesor-detail"),
]
