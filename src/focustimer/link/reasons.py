"""Why a link failed, in one line for people: what happened and what to do (translated)."""

from __future__ import annotations

from .. import __version__
from ..i18n import _
from ..visible import visible
from .protocol import (
    BAD_CODE,
    CROWDED,
    GUEST,
    MISSING,
    NO_PARTNER,
    RELAY_ERROR,
    RELAY_TIMEOUT,
    RELAY_UNREACHABLE,
    VERSION,
    WRONG_CODE,
)


def install_hint() -> str:
    return _("Linked sessions need magic-wormhole: pip install 'focustimer[link]'")


def not_a_code(text: str) -> str:
    return _("{code!r} is not a link code: type it as read out, like {example}").format(
        code=visible(text, 40), example="7-guitarist-revenge"
    )


def reason(
    kind: str, detail: str, *, role: str, code: str | None, relay: str, timeout_s: float
) -> str:
    """The line to show for a failure of ``kind`` (protocol.FAILURES)."""
    code_text = visible(code or "", 60)
    relay_text = visible(relay, 80)
    detail_text = visible(detail, 120)
    if kind == RELAY_UNREACHABLE:
        return _("Could not reach the relay {relay}: {detail}").format(
            relay=relay_text, detail=detail_text
        )
    if kind == RELAY_TIMEOUT:
        return _(
            "The relay {relay} did not answer within {seconds:g} s: check the network and try again"
        ).format(relay=relay_text, seconds=timeout_s)
    if kind == RELAY_ERROR:
        return _("The relay {relay} refused the link: {detail}").format(
            relay=relay_text, detail=detail_text
        )
    if kind == NO_PARTNER:
        return _(
            "No one is waiting with code {code}: check it with your partner, or ask for a new one"
        ).format(code=code_text)
    if kind == CROWDED:
        return _("Code {code} is in use by two partners already: ask for a new one").format(
            code=code_text
        )
    if kind == WRONG_CODE and role == GUEST:
        return _(
            "Code {code} does not match your partner's: check it and ask for a new one"
        ).format(code=code_text)
    if kind == WRONG_CODE:
        return _("Your partner typed a code that does not match: make a new one and read it out")
    if kind == VERSION:
        return _(
            "Your partner's focustimer ({theirs}) cannot link with this one ({ours}): "
            "update the older one"
        ).format(theirs=detail_text or _("another version"), ours=__version__)
    if kind == BAD_CODE:
        return not_a_code(code or detail)
    if kind == MISSING:
        return install_hint()
    return _("The link stopped: {detail}").format(detail=detail_text or _("no reason given"))
