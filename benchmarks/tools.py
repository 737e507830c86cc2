"""The timers measured side by side: focustimer and the tools people use today.

Peers go in a virtual environment of their own (benchmarks/.work/peers), never among
focustimer's dependencies.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
PEERS_VENV = WORK / "peers"
CALM = "focustimer, calm view"
FLOOR_IDLE = "Textual app, idle"
FLOOR_SECOND = "Textual app, one line changed each second"
PEERS = {"termdown": "termdown==2.0.0", "pomodorable": "pomodorable==0.4"}


@dataclass(frozen=True)
class Tool:
    name: str
    version: str
    countdown: list[str]  # a long countdown, as the tool's users would start it
    first_frame: str | None  # text that shows once the first complete frame is drawn
    counting: str | None  # text that shows once the countdown runs
    start_keys: tuple[str, ...] = ()  # keys that start the countdown, if it needs any
    env: dict[str, str] = field(default_factory=dict)


def focustimer(home: Path) -> Tool:
    from focustimer import __version__

    script = str(Path(sys.executable).parent / "focustimer")
    return Tool(
        name="focustimer",
        version=__version__,
        countdown=[script, "60", "--names", "Ann", "Bob"],
        first_frame="Press space to start",
        counting="is boss",
        start_keys=("Space",),
        env={
            "HOME": str(home),
            "FOCUSTIMER_DATA_DIR": str(home / "data"),
            "FOCUSTIMER_CONFIG_DIR": str(home / "config"),
            "FOCUSTIMER_SOUND": "off",
        },
    )


def calm_view(tool: Tool) -> Tool:
    """The same focustimer session in the calm view (``--calm``): no digits, a slow bar."""
    home = Path(tool.env["HOME"])
    return replace(
        tool,
        name=CALM,
        countdown=[*tool.countdown, "--calm"],
        counting="calm view",
        env={**tool.env, "FOCUSTIMER_DATA_DIR": str(home / "calm-data")},
    )


def textual_floors() -> list[Tool]:
    """Textual apps with (almost) nothing of their own: the cost any Textual app starts from."""
    script = str(HERE / "floor.py")
    return [
        Tool(FLOOR_IDLE, "", [sys.executable, script, "idle"], "floor: running", "floor"),
        Tool(FLOOR_SECOND, "", [sys.executable, script, "second"], "floor: running", "floor"),
    ]


def install_peers() -> None:
    """Create the peers' virtual environment once; later runs reuse it."""
    python = PEERS_VENV / "bin" / "python"
    if not python.exists():
        venv.create(PEERS_VENV, with_pip=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *PEERS.values()],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _version(package: str) -> str:
    python = PEERS_VENV / "bin" / "python"
    out = subprocess.run(
        [str(python), "-c", f"import importlib.metadata as m; print(m.version({package!r}))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def peers(home: Path) -> list[Tool]:
    bin_dir = PEERS_VENV / "bin"
    return [
        Tool(
            name="termdown",
            version=_version("termdown"),
            countdown=[str(bin_dir / "termdown"), "60m"],
            first_frame=None,  # big figlet digits: any text at all is the first frame
            counting=None,
        ),
        Tool(
            name="pomodorable",
            version=_version("pomodorable"),
            countdown=[str(bin_dir / "pomodorable")],
            first_frame="^q Quit",
            counting="^q Quit",
            start_keys=("Tab", "Enter"),  # focus the Start button and press it
            env={"HOME": str(home)},
        ),
    ]
