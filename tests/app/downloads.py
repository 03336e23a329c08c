"""What an AppTest run's download buttons offer: file name, bytes and MIME type.

AppTest keeps download data in an in-memory media store it creates for each run; the
``downloads`` fixture swaps in a store that also records every file, so a test can read the
file behind a button (its URL ends in the file's id).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any, ClassVar

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryFile, MemoryMediaFileStorage
from streamlit.testing.v1 import app_test


class _RecordingStorage(MemoryMediaFileStorage):
    files: ClassVar[dict[str, MemoryFile]] = {}

    def load_and_get_id(self, *args: Any, **kwargs: Any) -> str:
        file_id = super().load_and_get_id(*args, **kwargs)
        _RecordingStorage.files[file_id] = self._files_by_id[file_id]
        return file_id


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, MemoryFile]]:
    """Every file offered for download during the test, by file id."""
    _RecordingStorage.files = {}
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", _RecordingStorage)
    yield _RecordingStorage.files


def offered(button: Any, files: dict[str, MemoryFile]) -> MemoryFile:
    """The file behind an AppTest download button."""
    file_id = PurePosixPath(button.proto.url).stem
    return files[file_id]
