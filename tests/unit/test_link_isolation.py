"""Nothing leaves the machine without --link or join: no module outside focustimer.link brings
in the link, magic-wormhole or Twisted (and so no rendezvous socket can be opened by accident)."""

from __future__ import annotations

import json
import subprocess
import sys

LINK_ONLY = ("focustimer.link", "wormhole", "twisted", "autobahn", "spake2")

CODE = """
import importlib, json, pathlib, sys
import focustimer
root = pathlib.Path(focustimer.__file__).parent
names = []
# Found by path, not pkgutil.walk_packages, which imports each package to look inside it.
for path in sorted(root.rglob("*.py")):
    parts = ("focustimer", *path.relative_to(root).with_suffix("").parts)
    if parts[1] in ("link", "__main__"):
        continue
    name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    importlib.import_module(name)
    names.append(name)
print(json.dumps({"imported": names, "loaded": sorted(sys.modules)}))
"""


def test_the_rest_of_focustimer_never_imports_the_link():
    run = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=120
    )
    result = json.loads(run.stdout.splitlines()[-1])
    assert "focustimer.cli.main" in result["imported"]  # the check sees the whole app
    assert any(name.startswith("focustimer.tui") for name in result["imported"])
    pulled = [
        name for name in result["loaded"] if name.split(".")[0] in LINK_ONLY or name in LINK_ONLY
    ]
    pulled += [name for name in result["loaded"] if name.startswith("focustimer.link")]
    assert not pulled, f"imported without --link: {pulled[:10]}"


def test_the_check_would_see_the_link_if_it_were_imported():
    code = "import sys, focustimer.link.client; print(sorted(sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "focustimer.link.client" in run.stdout
    assert "'twisted" not in run.stdout  # the client itself leaves Twisted to the child
