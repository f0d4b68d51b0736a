"""Data for the scale-out and restart tests, run inside ``manage.py shell`` of the deployment under test
(prints one JSON line): an admin, an asesi with a draft application, an application decided K."""

import json

from tests.asesi.factories import AsesiProfileFactory, permohonan_draft
from tests.factories import PASSWORD, UserFactory
from tests.sertifikat.factories import lsp_profile, permohonan_decided

lsp_profile()
admin = UserFactory(roles=("admin_lsp",), username="admin_scale")
asesi = UserFactory(roles=("asesi",), username="asesi_scale")
draft = permohonan_draft(profil=AsesiProfileFactory(user=asesi), with_documents=False)
decided = permohonan_decided(nama="Pemegang Dua Node")
print("SETUP " + json.dumps({"password": PASSWORD, "draft": draft.pk, "decided": decided.pk}))
