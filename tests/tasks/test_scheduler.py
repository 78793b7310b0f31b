"""One scheduler runs the jobs the apps register; a failing job does not stop the others."""

import pytest
from django.core.management import CommandError, call_command

from core import scheduling
from core.models import ScheduledJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs():
    """The registry as the apps left it, restored after the test."""
    saved = dict(scheduling._jobs)
    yield scheduling
    scheduling._jobs.clear()
    scheduling._jobs.update(saved)


@pytest.fixture
def ran(jobs):
    """Two test jobs after the apps' own: one that breaks, one that records its runs."""
    calls = []

    def broken():
        raise RuntimeError("the job broke")

    jobs.register("test_broken", 60, broken)
    jobs.register("test_recorder", 60, lambda: calls.append("ran"))
    return calls


def test_the_apps_register_their_jobs():
    names = {job.name: job.every for job in scheduling.registered()}
    assert names["flush_visits"] == 60
    assert names["expire_unpaid_orders"] == 300
    assert "search_catch_up" in names


def test_once_runs_every_job_and_a_failure_does_not_stop_the_others(ran):
    with pytest.raises(CommandError, match="test_broken"):
        call_command("run_scheduler", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ran == ["ran"]  # registered after the broken job, and still run
    rows = {row.name: row for row in ScheduledJob.objects.all()}
    for job in scheduling.registered():
        assert rows[job.name].last_finished_at is not None, job.name
        assert rows[job.name].locked_until is None  # the lease was given back
    assert rows["test_broken"].last_ok is False
    assert "the job broke" in rows["test_broken"].last_error
    others = [name for name in rows if name != "test_broken"]
    assert all(rows[name].last_ok for name in others), {n: rows[n].last_error for n in others}
    status = {entry["name"]: entry for entry in scheduling.status()}
    assert status["flush_visits"]["late"] is False


def test_a_job_another_scheduler_holds_is_skipped(ran, capsys):
    recorder = next(j for j in scheduling.registered() if j.name == "test_recorder")
    assert scheduling.claim(recorder, "the-other-scheduler", force=True)

    with pytest.raises(CommandError):  # test_broken still fails
        call_command("run_scheduler", "--once")
    assert ran == []  # not run twice at once
    assert "test_recorder: skipped" in capsys.readouterr().out

    scheduling.release(recorder, "the-other-scheduler", ok=True)
    with pytest.raises(CommandError):
        call_command("run_scheduler", "--once")
    assert ran == ["ran"]


def test_a_job_is_not_run_again_before_its_interval(ran):
    assert scheduling.run_all("one")["test_recorder"] == scheduling.OK
    # A second scheduler (or the same one early) finds it not due yet.
    assert scheduling.run_all("two")["test_recorder"] == scheduling.SKIPPED
    assert ran == ["ran"]
    recorder = next(j for j in scheduling.registered() if j.name == "test_recorder")
    assert 50 < scheduling.seconds_until_due(recorder) <= 60


def test_a_stopped_scheduler_stops_between_jobs(ran):
    asked = iter([False, False, True])  # stop after the first job of the first round
    scheduling.run_forever("loop", lambda: next(asked, True), sleep=lambda s: None)
    assert ran == []  # stopped before reaching the recorder
