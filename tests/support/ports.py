"""Free TCP ports for servers started by the tests."""

import socket


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now.

    Another process (e.g. a second pytest-xdist worker) may grab it before our server binds
    it, so callers retry with a new port when their server reports "address in use".
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
