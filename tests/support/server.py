"""A Streamlit server for browser tests: `streamlit run` headless on a free port."""

import http.client
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.ports import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
START_ATTEMPTS = 3


@dataclass(frozen=True)
class AppServer:
    """A running `streamlit run`; `stop()` terminates it."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def output(self) -> str:
        """Everything the server wrote to stdout and stderr so far."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def python_executable() -> str:
    """The project's venv interpreter, else the one running the tests."""
    venv_python = REPO_ROOT / ".venv" / "bin" / "python"
    return str(venv_python) if venv_python.exists() else sys.executable


def start_app_server(
    app: str,
    env: dict[str, str],
    log_dir: Path,
    timeout_s: float = 60,
    extra_args: Callable[[int], Sequence[str]] = lambda port: (),
    cwd: Path = REPO_ROOT,
) -> AppServer:
    """Start `streamlit run APP` from `cwd` (the repo root) and wait until /_stcore/health
    says ok.

    `app` is relative to `cwd`; `env` is added to the current environment; the server's
    stdout and stderr go to a file in `log_dir`; `extra_args(port)` gives more Streamlit
    options for the port chosen (e.g. a secrets file naming the server's own URL). Raises
    RuntimeError with the server's output if it does not become healthy within `timeout_s`.
    """
    for attempt in range(1, START_ATTEMPTS + 1):
        port = free_port()
        log = log_dir / f"streamlit-{port}.log"
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                [
                    python_executable(),
                    *("-m", "streamlit", "run", app),
                    *("--server.headless", "true"),
                    *("--server.port", str(port)),
                    *("--server.address", "127.0.0.1"),
                    *("--server.fileWatcherType", "none"),
                    *("--browser.gatherUsageStats", "false"),
                    *extra_args(port),
                ],
                cwd=cwd,
                env={**os.environ, **env},
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        server = AppServer(f"http://127.0.0.1:{port}", process, log)
        if _wait_until_healthy(server, timeout_s):
            return server
        exited = process.poll()
        server.stop()
        output = server.output()
        if f"Port {port} is not available" in output and attempt < START_ATTEMPTS:
            continue  # another process took the port between free_port() and the bind
        problem = (
            f"exited with status {exited}"
            if exited is not None
            else f"did not answer ok on /_stcore/health within {timeout_s:.0f} s"
        )
        raise RuntimeError(f"Streamlit server for {app} {problem}; its output:\n{output}")
    raise AssertionError("unreachable")


def _wait_until_healthy(server: AppServer, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return True
        except (OSError, http.client.HTTPException):
            pass  # not listening yet
        time.sleep(0.2)
    return False


@contextmanager
def app_with_own_database(workdir: Path) -> Iterator[str]:
    """Run the app (``MLPLANNER_TEST_APP``, default app.py) storing plans in a fresh SQLite file
    in ``workdir``; yield its base URL and stop it afterwards."""
    server = start_app_server(
        app=os.environ.get("MLPLANNER_TEST_APP", "app.py"),
        env={"MLPLANNER_DATABASE_URL": f"sqlite:///{workdir / 'plans.db'}"},
        log_dir=workdir,
    )
    try:
        yield server.url
    finally:
        server.stop()
