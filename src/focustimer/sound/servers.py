"""Whether a sound server answers, looked for where its own client library looks.

A player (``paplay``, ``pw-play``) finds its server through libpulse or libpipewire; we ask
the same places in the same order, without starting anything, so that the ready screen, a
session and ``sound-check`` all decide as the player will. libpulse looks at ``PULSE_SERVER``,
then client.conf's ``default-server``, then its runtime directory: ``$PULSE_RUNTIME_PATH``,
``$XDG_RUNTIME_DIR/pulse``, or, without ``XDG_RUNTIME_DIR``, ``~/.config/pulse/<machine-id>-
runtime`` (a link to ``/tmp/pulse-XXXX``); then the system-wide server.
"""

from __future__ import annotations

import glob
import os
import re
import socket
from collections.abc import Iterator, Mapping
from pathlib import Path

CONNECT_S = 0.2


def can_connect(path: str) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(CONNECT_S)
        try:
            sock.connect(path)
        except OSError:
            return False
    return True


def _home(env: Mapping[str, str]) -> str:
    return env.get("HOME") or os.path.expanduser("~")


def _config_home(env: Mapping[str, str]) -> str:
    return env.get("XDG_CONFIG_HOME") or os.path.join(_home(env), ".config")


def _user_runtime_dir() -> str:
    return f"/run/user/{os.getuid()}" if hasattr(os, "getuid") else ""


def _client_conf_server(env: Mapping[str, str]) -> str:
    """client.conf's ``default-server``: the user's file wins over the system's, as in libpulse."""
    own = env.get("PULSE_CLIENTCONFIG") or os.path.join(_config_home(env), "pulse", "client.conf")
    files = [own, "/etc/pulse/client.conf", *sorted(glob.glob("/etc/pulse/client.conf.d/*.conf"))]
    for file in files:
        try:
            text = Path(file).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line in text.splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "default-server" and value.strip():
                return value.strip()
    return ""


def _answers(server: str) -> bool:
    """A libpulse server string (``unix:/path``, ``{machine}/path tcp:host``...) answers."""
    for entry in server.split():
        entry = re.sub(r"^\{[^}]*\}", "", entry)  # "{machine-id}unix:/path"
        path = entry.removeprefix("unix:")
        if not path.startswith("/"):
            return True  # a network server: trust it rather than wait for the network
        if can_connect(path):
            return True
    return False


def _owned_by_me(path: str) -> bool:
    try:
        return not hasattr(os, "getuid") or os.stat(path).st_uid == os.getuid()
    except OSError:
        return False


def pulse_sockets(env: Mapping[str, str]) -> Iterator[str]:
    """Where libpulse looks for the server's socket when no server is named, in its order."""
    if env.get("PULSE_RUNTIME_PATH"):
        yield os.path.join(env["PULSE_RUNTIME_PATH"], "native")
    if env.get("XDG_RUNTIME_DIR"):
        yield os.path.join(env["XDG_RUNTIME_DIR"], "pulse", "native")
    else:
        # A link to /tmp/pulse-XXXX. Not any /tmp/pulse-*: that of another HOME's server is
        # not found by libpulse, so paplay would fail where we said it would play.
        for base in (os.path.join(_config_home(env), "pulse"), os.path.join(_home(env), ".pulse")):
            for link in sorted(glob.glob(os.path.join(base, "*-runtime"))):
                if _owned_by_me(link):  # libpulse refuses a runtime directory not its user's
                    # Where the link leads: a socket's path may be 107 bytes at most.
                    yield os.path.join(os.path.realpath(link), "native")
    if _user_runtime_dir():
        yield os.path.join(_user_runtime_dir(), "pulse", "native")
    yield "/run/pulse/native"  # a system-wide server
    yield "/var/run/pulse/native"


def pulse_reachable(env: Mapping[str, str]) -> bool:
    """A PulseAudio server (or PipeWire's pulse service) answers where libpulse would look."""
    named = env.get("PULSE_SERVER", "").strip() or _client_conf_server(env)
    if named:
        return _answers(named)  # named, it is the only one libpulse tries
    return any(can_connect(path) for path in dict.fromkeys(pulse_sockets(env)))


def pipewire_reachable(env: Mapping[str, str]) -> bool:
    remote = env.get("PIPEWIRE_REMOTE", "pipewire-0")
    if remote.startswith("/"):
        return can_connect(remote)
    dirs = [env.get("PIPEWIRE_RUNTIME_DIR", ""), env.get("XDG_RUNTIME_DIR", "")]
    dirs += [_user_runtime_dir()]
    return any(can_connect(os.path.join(d, remote)) for d in dict.fromkeys(dirs) if d)
