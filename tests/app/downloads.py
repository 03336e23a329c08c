"""What an AppTest run's download buttons offer: file name, bytes and MIME type.

AppTest keeps download data in an in-memory media store it creates for each run; the
``downloads`` fixture swaps in a store that also records every file, so a test can read the
file behind a button (its URL ends in the file's id). Files built on click (deferred data)
are recorded by the ``deferred_downloads`` fixture as the callables that build them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any, ClassVar

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
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


Builder = Callable[[], bytes]


@pytest.fixture
def deferred_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Builder]:
    """Every file offered to be built on click during the test: its builder, by file id."""
    builders: dict[str, Builder] = {}
    register = MediaFileManager.add_deferred

    def recording(self: MediaFileManager, data_callable: Builder, *args: Any, **kw: Any) -> str:
        file_id = register(self, data_callable, *args, **kw)
        builders[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return builders


def built_on_click(button: Any, builders: dict[str, Builder]) -> bytes:
    """The bytes a download button offering deferred data builds when clicked."""
    return builders[button.proto.deferred_file_id]()
