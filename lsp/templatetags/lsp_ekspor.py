"""``{% daftar_ekspor "asesi" %}``: the export buttons of a list page (CSV now, XLSX in the background),
posting the page's current filters and the "tampilkan data pribadi" choice (``lsp.ekspor.DaftarEkspor``)."""

from crispy_forms.helper import FormHelper
from django import forms, template
from django.utils.translation import gettext_lazy as _

from ..ekspor import daftar_ekspor as get_spec
from ..ekspor import daftar_filters

register = template.Library()


class DaftarEksporForm(forms.Form):
    pribadi = forms.BooleanField(
        label=_("Tampilkan data pribadi"), required=False,
        help_text=_("NIK, tanggal lahir, alamat dan telepon tanpa disamarkan. Ekspor ini dicatat di jejak audit."),
    )

    def __init__(self, *args, key="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pribadi"].widget.attrs["id"] = f"ekspor-{key}-pribadi"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


@register.inclusion_tag("lsp/_daftar_ekspor.html", takes_context=True)
def daftar_ekspor(context, key):
    spec = get_spec(key)
    request = context.get("request")
    if spec is None or request is None:
        return {"spec": None}
    return {
        "spec": spec,
        "key": key,
        "filters": sorted(daftar_filters(spec, request.GET).items()),
        "form": DaftarEksporForm(key=key) if spec.personal else None,
        "csrf_token": context.get("csrf_token"),
    }
