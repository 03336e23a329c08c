"""A throwaway PostgreSQL server started from the distribution's binaries, for tests.

PostgreSQL refuses to run as root, so when the tests run as root every server command runs
as the `postgres` user (via runuser) in a temporary directory owned by that user. The server
listens on 127.0.0.1 only, on a free port, with its socket in the temporary directory.
"""

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from tests.support.ports import free_port

SERVER_USER = "postgres"
DATABASE = "mlplanner_test"
START_ATTEMPTS = 3
COMMAND_TIMEOUT_S = 60


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server could be started; the message says why."""


@dataclass(frozen=True)
class PostgresServer:
    """A running server; `stop()` shuts it down and deletes its files."""

    bindir: Path
    basedir: Path
    port: int
    database: str
    command_prefix: tuple[str, ...]

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the test database."""
        return f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{self.port}/{self.database}"

    def stop(self) -> None:
        try:
            _pg_ctl(self, "stop", "-m", "fast")
        finally:
            shutil.rmtree(self.basedir, ignore_errors=True)


def start_postgres(database: str = DATABASE) -> PostgresServer:
    """Initialise a cluster in a temporary directory, start it and create `database`.

    Raises PostgresUnavailableError with the cause if anything fails; nothing is left behind.
    """
    bindir = find_bindir()
    prefix = _command_prefix()
    basedir = Path(tempfile.mkdtemp(prefix="mlplanner-pg-"))
    try:
        if prefix:
            owner = pwd.getpwnam(SERVER_USER)
            os.chown(basedir, owner.pw_uid, owner.pw_gid)
        _run(
            prefix,
            bindir / "initdb",
            *("-D", str(basedir / "data"), "-U", SERVER_USER, "-A", "trust"),
            *("-E", "UTF8", "--no-locale", "--no-sync"),
            cwd=basedir,
        )
        server = _start_on_free_port(bindir, basedir, prefix, database)
    except OSError as exc:
        shutil.rmtree(basedir, ignore_errors=True)
        raise PostgresUnavailableError(f"could not prepare {basedir}: {exc}") from exc
    except PostgresUnavailableError:
        shutil.rmtree(basedir, ignore_errors=True)
        raise
    try:
        _create_database(server.port, database)
    except psycopg.Error as exc:
        server.stop()
        raise PostgresUnavailableError(f"could not create database {database}: {exc}") from exc
    return server


def find_bindir() -> Path:
    """Directory holding initdb/pg_ctl: the newest Debian version, else whatever is on PATH."""
    debian = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if debian:
        newest = max(debian, key=lambda path: int(Path(path).parts[-3].split(".")[0]))
        return Path(newest).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailableError(
        "no initdb under /usr/lib/postgresql/*/bin or on PATH "
        "(install the Debian package postgresql; tools/test.sh does so)"
    )


def _command_prefix() -> tuple[str, ...]:
    """Run server commands as `postgres` when we are root, else as ourselves."""
    if os.geteuid() != 0:
        return ()
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PostgresUnavailableError(
            f"running as root and there is no {SERVER_USER!r} user to run the server as"
        ) from None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PostgresUnavailableError("running as root and runuser is not installed")
    return (runuser, "-u", SERVER_USER, "--")


def _start_on_free_port(
    bindir: Path, basedir: Path, prefix: tuple[str, ...], database: str
) -> PostgresServer:
    log = basedir / "server.log"
    for _ in range(START_ATTEMPTS):
        server = PostgresServer(bindir, basedir, free_port(), database, prefix)
        options = f"-p {server.port} -c listen_addresses=127.0.0.1 -k {basedir} -F"
        try:
            _pg_ctl(server, "start", "-l", str(log), "-o", options)
            return server
        except PostgresUnavailableError as exc:
            log_text = log.read_text(errors="replace") if log.exists() else ""
            if "already in use" not in log_text:  # any other failure will not go away
                with contextlib.suppress(PostgresUnavailableError):  # e.g. after a timeout
                    _pg_ctl(server, "stop", "-m", "immediate")
                raise PostgresUnavailableError(f"{exc} | server log: {_tail(log_text)}") from None
            log.unlink()
    raise PostgresUnavailableError(f"no free port after {START_ATTEMPTS} attempts")


def _pg_ctl(server: PostgresServer, action: str, *args: str) -> None:
    _run(
        server.command_prefix,
        server.bindir / "pg_ctl",
        *("-D", str(server.basedir / "data"), "-w", "-t", str(COMMAND_TIMEOUT_S)),
        *args,
        action,
        cwd=server.basedir,
    )


def _create_database(port: int, database: str) -> None:
    with psycopg.connect(
        host="127.0.0.1", port=port, user=SERVER_USER, dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def _run(prefix: tuple[str, ...], program: Path, *args: str, cwd: Path) -> None:
    """Run a server program; raise PostgresUnavailableError with its output if it fails."""
    try:
        subprocess.run(
            [*prefix, str(program), *args],
            cwd=cwd,
            check=True,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=COMMAND_TIMEOUT_S + 10,
        )
    except subprocess.CalledProcessError as exc:
        output = _tail(f"{exc.stdout}{exc.stderr}") or f"exit status {exc.returncode}"
        raise PostgresUnavailableError(f"{program.name} failed: {output}") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PostgresUnavailableError(f"{program.name} failed: {exc}") from None


def _tail(text: str, lines: int = 5) -> str:
    return " | ".join(line for line in text.strip().splitlines()[-lines:] if line.strip())
