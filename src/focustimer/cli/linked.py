"""A linked session from the command line: ``--link`` hosts it, ``focustimer join`` joins it.

The link is opened before the screens come up, so that whatever stops it (no extra
installed, a relay that does not answer, a code no one is waiting with) is one line on the
terminal with exit status 2, and the session starts only once there is something to show:
the host's code, or the host's plan on the guest's screen. The link's event loop is the
app's own (Textual's asyncio loop); Twisted stays in the link's child process.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import replace

from ..i18n import _
from ..settings.options import Options
from ..text import fill, literal
from ..usage import UsageError
from ..visible import visible


def check_link(relay: str | None, code: str | None = None) -> tuple[str, str | None]:
    """The relay and code to use, checked; UsageError (one line) if the extra is missing or
    either is unusable. Nothing is opened yet."""
    from ..link import protocol
    from ..link.code import check_relay, normalize_code
    from ..link.errors import LinkInputError, LinkUnavailable

    try:
        from ..link.client import Link  # noqa: F401 (LinkUnavailable without magic-wormhole)
    except LinkUnavailable as error:  # its message says how to install the extra
        raise UsageError(str(error)) from None
    try:
        relay = check_relay(relay or protocol.DEFAULT_RELAY)
        code = normalize_code(code) if code is not None else None
    except LinkInputError as error:
        raise UsageError(str(error)) from None
    return relay, code


def refuse_unlinkable(options: Options) -> None:
    """What a linked session cannot be: more than two partners, a start by the wall clock."""
    if len(options.names) != 2:
        raise UsageError(
            _("--link joins two partners: give two names, e.g. --names Ann Bob (yours first)")
        )
    if options.at_wall_ns is not None:
        raise UsageError(
            _("--link and --at cannot go together: linked timers start together, with space")
        )


def run_linked(options: Options, relay: str | None, code: str | None = None) -> int:
    """Host (``code`` None) or join a linked session; the exit status."""
    from .launch import _needs_terminal

    relay, code = check_link(relay, code)
    if code is None:
        refuse_unlinkable(options)
    _needs_terminal()
    from ..lean import leave_out_tls

    leave_out_tls()  # the link's TLS, if any, is its child's
    from ..link.opening import LinkOpenError

    try:
        status, farewell = asyncio.run(_session(options, relay, code))
    except LinkOpenError as error:
        raise UsageError(str(error)) from None
    if farewell:
        print(farewell)
    return status


def _quiet(*_args: object) -> None:
    """Until the app takes them over (Linking.attach), the bridge's notices go nowhere."""


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


async def _session(options: Options, relay: str, code: str | None) -> tuple[int, str]:
    from ..compose import make_app
    from ..engine.clock import SystemClock
    from ..link.bridge import Bridge, SessionPlan
    from ..link.client import Link
    from ..link.hostclock import HostClock
    from ..link.opening import open_guest, open_host
    from ..log import last_first_speaker
    from ..settings import locations
    from ..tui.linking import Linking

    path = locations.log_path()  # FOCUSTIMER_DATA_DIR typed wrong: said first
    told: list[str] = []
    from .launch import SESSION_LISTENERS

    listeners = tuple(SESSION_LISTENERS)
    if code is None:
        me, partner = options.names
        # The app first: a sound that cannot be set up is refused before anything is opened.
        app = make_app(
            options,
            listeners=listeners,
            last_first=lambda names: last_first_speaker(names, path, on_damaged=told.append),
            linked=partner,
            log_path=path,
        )
        _say(_("Asking the relay for a code…"))
        link = await open_host(relay)
        plan = SessionPlan(
            options.total_ns,
            app.engine.plan.names,
            options.auto,
            options.even_out,
            options.warn_ns,
            host=me,
            guest=partner,
        )
        bridge = Bridge(app.engine, link, partner=partner, say=_quiet, changed=_quiet, plan=plan)
        linking = Linking(link, bridge, partner=partner, renew=lambda: Link.host(relay))
    else:
        _say(_("Joining the session of code {code}…").format(code=visible(code, 60)))
        link, shared = await open_guest(code, relay)
        assert link.offset is not None
        clock = HostClock(SystemClock(), link.offset.offset_ns)
        options = replace(
            options.typed(
                total_ns=shared.total_ns,
                names=shared.names,
                first=shared.names[0],
                auto=shared.auto,
                even_out=shared.even_out,
                warn_ns=shared.warn_ns,
            ),
            skipped_warn_ns=0,
        )
        try:
            app = make_app(
                options, clock=clock, listeners=listeners, linked=shared.host, log_path=path
            )
        except BaseException:
            await link.close()  # the host's screen says that its partner left
            raise
        app.first_reason = fill(_("{name} starts"), name=literal(shared.names[0], 20))
        bridge = Bridge(app.engine, link, partner=shared.host, say=_quiet, changed=_quiet,
                        clock=clock)  # fmt: skip
        bridge.linked = True
        linking = Linking(link, bridge, partner=shared.host, history=shared.history)
    app.linking = linking
    app.notices_at_start += told
    try:
        await app.run_async()
    finally:
        await linking.close()
    return app.return_code or 0, app.farewell
