"""The chime in the real app, with a fake clock and a fake player: which sound, when, or the bell.

The player is started ``LEAD_NS`` before a deadline, told how long to wait; the fake answers
once the fake clock has passed that moment. Nothing here waits on real time.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from focustimer.compose import make_app
from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import State
from focustimer.settings.options import Options
from focustimer.sound.backends import Probe
from focustimer.sound.chime import LEAD_NS, Mode
from focustimer.sound.launcher import NotPlayed
from focustimer.tui import alert
from focustimer.tui.screens.finished import FinishedScreen
from focustimer.tui.screens.session import SessionScreen
from focustimer.usage import UsageError

from .fake_player import FakePlayer
from .helpers import status, text_of

LEAD_S = LEAD_NS / NS


@pytest.fixture(autouse=True)
def sound_on(monkeypatch):
    monkeypatch.setenv("FOCUSTIMER_SOUND", "auto")


def chime_app(total_s: float = 10, player_options=None, **options):
    clock = FakeClock()
    player = FakePlayer(clock, **(player_options or {}))
    app = make_app(
        Options(total_ns=round(total_s * NS), names=("Ann", "Bob"), **options),
        clock=clock,
        player=player,
    )
    seen = SimpleNamespace(bells=0, notices=[])

    def bell():
        seen.bells += 1

    notify = app.notify

    def notices(message, **kwargs):
        seen.notices.append(message)
        notify(message, **kwargs)

    app.bell = bell
    app.notify = notices
    return app, clock, player, seen


async def advance_with_player(pilot, clock: FakeClock, player: FakePlayer, seconds: float) -> None:
    """The fake clock moves on, the app notices, and the fake player answers what is due."""
    clock.advance(seconds)
    pilot.app.poll_clock()
    player.release()
    await pilot.pause()


async def test_turn_end_then_session_end_each_started_ahead_to_wait_for_the_deadline():
    app, clock, player, seen = chime_app(10, auto=True, now=True)
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 5 - LEAD_S - 0.5)
        assert player.sounds == []  # not yet
        await advance_with_player(pilot, clock, player, 0.5)
        assert player.sounds == ["turn-end"]
        assert player.requests[0].wait_ns == LEAD_NS  # it waits for the exact end itself
        await advance_with_player(pilot, clock, player, LEAD_S)
        assert status(app).startswith("Bob is boss")
        await advance_with_player(pilot, clock, player, 5 - LEAD_S)
        assert player.sounds == ["turn-end", "session-end"]
        await advance_with_player(pilot, clock, player, LEAD_S)
        assert app.engine.state is State.FINISHED
        assert player.sounds == ["turn-end", "session-end"]
        assert player.live == [] and seen.bells == 0 and seen.notices == []


async def test_the_app_wakes_up_in_time_to_start_the_player():
    app, clock, player, _seen = chime_app(10, now=True)
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 5 - LEAD_S - 0.3)
        # The next wake-up is the player's start, 0.3 s on, not the next second on the
        # clock, 0.8 s on.
        assert app.redraw_delay_s == pytest.approx(0.3)
        assert player.requests == []
        await advance_with_player(pilot, clock, player, 0.3)
        assert player.sounds == ["turn-end"]


async def test_without_auto_the_last_turn_ends_with_the_session_end_chime():
    app, clock, player, _seen = chime_app(10)
    async with app.run_test() as pilot:
        await pilot.press("space")
        await advance_with_player(pilot, clock, player, 5)
        assert player.sounds == ["turn-end"]
        await advance_with_player(pilot, clock, player, 30)  # Ann runs over: nothing more to play
        assert player.sounds == ["turn-end"]
        await pilot.press("n")
        await advance_with_player(pilot, clock, player, 35)  # Bob's turn is evened out to 35 s
        assert player.sounds == ["turn-end", "session-end"]
        assert app.engine.state is State.FINISHED  # the last chime ended it
        await advance_with_player(pilot, clock, player, 60)
        assert player.sounds == ["turn-end", "session-end"]


async def test_a_partner_who_joined_late_hears_the_end_of_the_turn_they_joined():
    app, clock, player, seen = chime_app(10, auto=True)
    app.options = app.options.typed(at_wall_ns=clock.wall_ns() - 2 * NS)  # 2 s into Ann's turn
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 3 - LEAD_S)
        assert player.live == ["turn-end"]  # waiting for the end of Ann's turn, 3 s on
        await advance_with_player(pilot, clock, player, LEAD_S)
        assert status(app).startswith("Bob is boss")
        assert not player.requests[0].cancelled and player.sounds == ["turn-end"]
        await advance_with_player(pilot, clock, player, 5)
        assert player.sounds == ["turn-end", "session-end"] and seen.bells == 0


async def test_a_turn_ended_early_does_not_chime():
    app, clock, player, seen = chime_app(10, auto=True, now=True)
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 4.8)
        assert player.live == ["turn-end"]  # already waiting for the deadline
        await pilot.press("n", "n")  # end the turn early, and confirm
        assert status(app).startswith("Bob is boss")
        assert player.requests[0].cancelled
        await advance_with_player(pilot, clock, player, 1)
        assert player.sounds == ["turn-end"] and seen.bells == 0


async def test_a_pause_cancels_the_waiting_player_and_resuming_starts_a_new_one():
    app, clock, player, _seen = chime_app(10, now=True)
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 4.7)
        await pilot.press("space")
        assert player.requests[0].cancelled
        await advance_with_player(pilot, clock, player, 60)
        assert player.live == []
        await pilot.press("space")
        assert player.live == ["turn-end"]
        assert player.requests[1].wait_ns == pytest.approx(0.3 * NS, abs=1)
        await advance_with_player(pilot, clock, player, 0.3)
        assert "Time is up for Ann" in status(app)
        assert not player.requests[1].cancelled and player.live == []


async def test_quitting_mid_turn_does_not_chime_and_stops_the_players():
    app, clock, player, _seen = chime_app(10, now=True)
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 4.7)
        await pilot.press("q", "q")
    assert player.requests[0].cancelled
    assert player.sounds == ["turn-end"] and player.stopped


async def test_a_late_wake_up_still_chimes_at_once():
    app, clock, player, _seen = chime_app(10, now=True)
    async with app.run_test() as pilot:
        clock.advance(5.2)  # the computer was busy: the app wakes 0.2 s after the deadline
        app.poll_clock()
        await pilot.pause()
        assert player.sounds == ["turn-end"]
        assert player.requests[0].wait_ns <= 0


async def test_the_warning_cue_sounds_before_the_turn_end():
    app, clock, player, _seen = chime_app(10, now=True, warn_ns=2 * NS)
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 3 - LEAD_S)
        assert player.sounds == ["cue"]
        await advance_with_player(pilot, clock, player, LEAD_S)
        assert app.engine.view().warned
        await advance_with_player(pilot, clock, player, 2 - LEAD_S)
        assert player.sounds == ["cue", "turn-end"]
        assert not any(r.cancelled for r in player.requests)


async def test_without_sound_the_warning_stays_quiet_on_screen_no_bell():
    failed = NotPlayed("paplay: Connection refused")
    app, clock, player, seen = chime_app(
        10, player_options={"result": failed}, now=True, warn_ns=2 * NS
    )
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 3)
        assert app.engine.view().warned and app.screen.has_class("-warned")
        assert seen.bells == 0 and not app.has_class("-flash") and seen.notices == []
        await advance_with_player(pilot, clock, player, 2)
        assert seen.bells == 1  # the turn's end still rings


async def test_when_the_player_fails_the_bell_rings_the_screen_flashes_and_one_notice_says_why(
    monkeypatch,
):
    monkeypatch.setattr(alert, "FLASH_S", 60.0)  # a real-time timer: still on when looked at
    failed = NotPlayed("paplay: Connection refused")
    app, clock, player, seen = chime_app(10, player_options={"result": failed}, now=True)
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 5 - LEAD_S)
        assert seen.bells == 0  # the player still waits for the deadline
        await advance_with_player(pilot, clock, player, LEAD_S)
        assert seen.bells == 1 and app.has_class("-flash")
        assert seen.notices == [
            "the chime could not play (paplay: Connection refused): using the terminal bell"
        ]
        assert "Time is up for Ann · +0:00" in status(app)  # the timer is unaffected
        await pilot.press("n")
        await advance_with_player(pilot, clock, player, 5)
        assert seen.bells == 2 and len(seen.notices) == 1  # told once
        assert isinstance(app.screen, FinishedScreen)  # the last chime ended the session


async def test_a_hanging_player_holds_up_nothing():
    app, clock, player, seen = chime_app(10, player_options={"hang": True}, auto=True, now=True)
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 5)
        assert status(app) == "Bob is boss · 0:05 left · turn 2 of 2"
        await advance_with_player(pilot, clock, player, 5)
        assert app.engine.state is State.FINISHED
        assert player.live == ["turn-end", "session-end"] and seen.bells == 0


async def test_a_player_that_raises_costs_a_chime_not_the_timer():
    app, clock, player, seen = chime_app(10, auto=True, now=True)

    async def broken(file, wait_ns, length_s):
        raise OSError("no more processes")

    player.play = broken
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 5)
        assert status(app) == "Bob is boss · 0:05 left · turn 2 of 2"
        assert seen.bells == 1
        assert seen.notices == [
            "the chime could not play (no more processes): using the terminal bell"
        ]


async def test_a_bug_in_the_chime_rings_the_bell_and_the_turn_still_ends_on_time():
    app, clock, player, seen = chime_app(10, now=True)

    def broken(sound, turn):
        raise KeyError("oops")

    app.chime._sound_due = broken
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 5)
        assert "Time is up for Ann · +0:00" in status(app)
        assert seen.bells == 1 and "the chime failed" in seen.notices[0]


async def test_with_no_audio_device_the_bell_stands_in_and_says_so_once(monkeypatch):
    monkeypatch.setattr(alert, "FLASH_S", 60.0)  # a real-time timer: still on when looked at
    found = Probe(None, "no audio device")
    app, clock, player, seen = chime_app(10, player_options={"found": found}, auto=True)
    async with app.run_test() as pilot:
        assert text_of(app, "#sound") == "No sound: terminal bell (no audio device)"
        await pilot.press("space")
        await advance_with_player(pilot, clock, player, 5)
        assert seen.bells == 1 and app.has_class("-flash")
        assert seen.notices == ["no audio device: using the terminal bell"]
        await advance_with_player(pilot, clock, player, 5)
        assert seen.bells == 2 and len(seen.notices) == 1
        assert player.requests == []


async def test_the_flash_is_brief():
    found = Probe(None, "no audio device")
    app, clock, player, _seen = chime_app(10, player_options={"found": found}, now=True)
    async with app.run_test() as pilot:
        await advance_with_player(pilot, clock, player, 5)
        for _ in range(100):  # the flash is a real-time timer of FLASH_S: wait for it, up to 5 s
            if not app.has_class("-flash"):
                break
            await pilot.pause(0.05)
        assert not app.has_class("-flash")
        assert alert.FLASH_S <= 0.5  # brief: a flash, not a change of colour


@pytest.mark.parametrize(
    ("setting", "options", "shown"),
    [
        ("off", {}, "Sound off (FOCUSTIMER_SOUND=off)"),
        ("auto", {"mute": True}, "Sound off (--mute)"),
        ("auto", {"volume": 0}, "Sound off (--volume 0)"),
    ],
)
async def test_off_means_no_sound_no_bell_no_flash(monkeypatch, setting, options, shown):
    monkeypatch.setenv("FOCUSTIMER_SOUND", setting)
    app, clock, player, seen = chime_app(10, auto=True, **options)
    async with app.run_test() as pilot:
        assert text_of(app, "#sound") == shown
        assert "test chime" not in str(app.screen.active_bindings)
        await pilot.press("t", "space")
        await advance_with_player(pilot, clock, player, 10)
        assert app.engine.state is State.FINISHED
    assert player.requests == [] and seen.bells == 0 and seen.notices == []


async def test_bell_setting_rings_the_bell_and_plays_nothing(monkeypatch):
    monkeypatch.setenv("FOCUSTIMER_SOUND", "bell")
    app, clock, player, seen = chime_app(10, auto=True)
    async with app.run_test() as pilot:
        assert text_of(app, "#sound") == "Chime: terminal bell (FOCUSTIMER_SOUND=bell)"
        await pilot.press("space")
        await advance_with_player(pilot, clock, player, 5)
        assert seen.bells == 1 and app.has_class("-flash") and seen.notices == []
        await advance_with_player(pilot, clock, player, 5)
    assert player.requests == [] and seen.bells == 2


@pytest.mark.parametrize("value", ["loud", "yes", "1"])
def test_a_bad_sound_setting_is_refused_before_the_session(monkeypatch, value):
    monkeypatch.setenv("FOCUSTIMER_SOUND", value)
    with pytest.raises(UsageError, match=f"FOCUSTIMER_SOUND={value} is not a choice"):
        make_app(Options(), clock=FakeClock())


@pytest.mark.parametrize(
    ("value", "mode", "described"),
    [
        ("AUTO", Mode.AUTO, "Chime: fake"),
        (" bell ", Mode.BELL, "Chime: terminal bell (FOCUSTIMER_SOUND=bell)"),
        ("", Mode.AUTO, "Chime: fake"),  # empty: the default
    ],
)
def test_sound_settings_forgive_case_space_and_empty(monkeypatch, value, mode, described):
    monkeypatch.setenv("FOCUSTIMER_SOUND", value)
    app = make_app(Options(), clock=FakeClock(), player=FakePlayer(FakeClock()))
    assert app.chime.mode is mode
    assert app.chime.describe() == described


async def test_the_ready_screen_names_the_player_and_t_plays_the_chime():
    app, _clock, player, seen = chime_app(10)
    async with app.run_test() as pilot:
        assert text_of(app, "#sound") == "Chime: fake"
        assert "test chime" in str(app.screen.active_bindings)
        await pilot.press("t")
        assert player.sounds == ["turn-end"] and player.requests[0].wait_ns == 0
        await pilot.pause()
        assert seen.notices == ["Chime played with fake: did you hear it?"]
        assert seen.bells == 0
        assert app.engine.state is State.READY


async def test_t_says_why_when_the_chime_cannot_play():
    failed = NotPlayed("aplay: no such device")
    app, _clock, _player, seen = chime_app(10, player_options={"result": failed})
    async with app.run_test() as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert seen.bells == 2
        expected = "the chime could not play (aplay: no such device): using the terminal bell"
        assert seen.notices == [expected, expected]  # asked for: always told


async def test_session_screen_has_no_test_key():
    app, _clock, player, _seen = chime_app(10, now=True)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("t")
        assert player.requests == []
