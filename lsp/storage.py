"""The file storage of uploaded documents and generated files.

``PrivateFileSystemStorage`` is Django's file system storage that never leaves half a file behind: when
writing fails (disk full, quota, I/O error) the partial file it created is removed before the error goes
up, so the service that called it stores no row and the disk holds no fragment (``lsp.views.errors``
shows the clear page). With ``DJANGO_S3_BUCKET`` set, settings use django-storages' S3 backend instead
(an object store writes an object whole or not at all)."""

import os

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.exists(full_path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and os.path.exists(full_path):
                try:
                    os.remove(full_path)
                except OSError:
                    pass
            raise
