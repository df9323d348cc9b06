"""Where the wizard keeps a draft between steps: the answers encrypted in the session, and every uploaded
file of a field in private storage (never under the public media root) until the form is submitted."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.utils.datastructures import MultiValueDict
from formtools.wizard.storage.session import SessionStorage

from core.crypto import decrypt_json, encrypt_json


class PendingUploadStorage(FileSystemStorage):
    def __init__(self, **kwargs):
        super().__init__(location=settings.ECMS_PENDING_UPLOADS_DIR, base_url=None, **kwargs)


class KeptFilesStorage(SessionStorage):
    """formtools' session storage with every file of a field kept, as a list (formtools keeps one file
    per field: of two selected at once, only the last survived), and the whole draft encrypted in the
    session row (names, phone numbers and complaints are not kept readable in ``django_session``)."""

    def _get_data(self):
        if not hasattr(self, "_plain"):
            stored = self.request.session.get(self.prefix)
            self._plain = None
            if isinstance(stored, str):
                try:
                    self._plain = decrypt_json(stored.encode("ascii"))
                except ValueError:
                    self._plain = None  # sealed with an older key: the draft starts again
            if self._plain is None:
                self._plain = {
                    self.step_key: None,
                    self.step_data_key: {},
                    self.step_files_key: {},
                    self.extra_data_key: {},
                }
        self.request.session.modified = True
        return self._plain

    def _set_data(self, value):
        self._plain = value
        self._seal()

    data = property(_get_data, _set_data)

    def _seal(self) -> None:
        self.request.session[self.prefix] = encrypt_json(self._plain).decode("ascii")

    def update_response(self, response):
        self._seal()  # every response of the wizard goes through here: the changes are kept, sealed
        super().update_response(response)

    def _entries(self, step: str) -> dict[str, list[dict]]:
        stored = self.data[self.step_files_key].setdefault(step, {})
        for name, entries in list(stored.items()):
            if isinstance(entries, dict):  # a draft saved by an older version
                stored[name] = [entries]
        return stored

    def get_step_files(self, step):
        files = MultiValueDict()
        for name, entries in self.data[self.step_files_key].get(step, {}).items():
            for index, entry in enumerate(entries if isinstance(entries, list) else [entries]):
                key = (step, name, index, entry["tmp_name"])
                if key not in self._files:
                    details = {k: v for k, v in entry.items() if k != "tmp_name"}
                    try:
                        self._files[key] = UploadedFile(
                            file=self.file_storage.open(entry["tmp_name"]), **details
                        )
                    except FileNotFoundError:
                        continue  # cleaned up meanwhile: shown as not attached
                files.appendlist(name, self._files[key])
        return files or None

    def set_step_files(self, step, files):
        """formtools stores a valid step's files here; they were kept when they were posted."""
        self._entries(step)

    def keep(self, step: str, name: str, uploads: list, *, replace: bool) -> None:
        """Save ``uploads`` of form field ``name`` (prefixed) and attach them to the step."""
        entries = self._entries(step)
        if replace:
            self._tmp_files += [entry["tmp_name"] for entry in entries.get(name, [])]
            entries[name] = []
        for upload in uploads:
            upload.seek(0)
            entries.setdefault(name, []).append(
                {
                    "tmp_name": self.file_storage.save(upload.name or "file", upload),
                    "name": upload.name,
                    "content_type": upload.content_type,
                    "size": upload.size,
                    "charset": upload.charset,
                }
            )

    def drop(self, step: str, name: str, index: int) -> None:
        entries = self._entries(step).get(name, [])
        if 0 <= index < len(entries):
            self._tmp_files.append(entries.pop(index)["tmp_name"])

    def kept(self, step: str) -> dict[str, list[dict]]:
        """{form field name: [{"index", "name", "size"}]} of the files attached to a step."""
        return {
            name: [{"index": i, "name": e["name"], "size": e["size"]} for i, e in enumerate(entries)]
            for name, entries in self.data[self.step_files_key].get(step, {}).items()
            if isinstance(entries, list) and entries
        }

    def reset(self):
        for step_files in self.data[self.step_files_key].values():
            for entries in step_files.values():
                for entry in entries if isinstance(entries, list) else [entries]:
                    self._tmp_files.append(entry["tmp_name"])
        self.init_data()
