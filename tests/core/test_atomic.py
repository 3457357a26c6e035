import os
import stat

import pytest

from dockharden.core.atomic import write_atomic


def test_new_file_gets_umask_mode_and_whole_content(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a" / "b.txt", "hello\n")
    finally:
        os.umask(old)
    path = tmp_path / "a" / "b.txt"
    assert path.read_text() == "hello\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(p.name for p in path.parent.iterdir()) == ["b.txt"]


def test_existing_file_keeps_its_mode(tmp_path):
    path = tmp_path / "x"
    path.write_text("old")
    path.chmod(0o600)
    write_atomic(path, "new")
    assert (path.read_text(), stat.S_IMODE(path.stat().st_mode)) == ("new", 0o600)


def test_fifo_is_written_in_place_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, "through the pipe\n")
        assert os.read(reader, 100) == b"through the pipe\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_dev_null_stays_a_device(run_cli, tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\n")
    result = run_cli("lint", "--output", "/dev/null", tmp_path / "Dockerfile")
    assert result.code == 1
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_existing_file_keeps_its_owner_and_group(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can give a file another owner")
    path = tmp_path / "Dockerfile"
    path.write_text("old")
    os.chown(path, 1234, 5678)
    write_atomic(path, "new")
    assert (path.read_text(), path.stat().st_uid, path.stat().st_gid) == ("new", 1234, 5678)


def test_a_temporary_name_left_by_another_run_is_not_reused(tmp_path, monkeypatch):
    from dockharden.core import atomic

    path = tmp_path / "Dockerfile"
    path.write_text("old")
    serial = next(atomic._serial) + 1
    stale = tmp_path / f".Dockerfile.{os.getpid()}.{serial}.tmp"
    stale.write_text("someone else's")
    write_atomic(path, "new")
    assert (path.read_text(), stale.read_text()) == ("new", "someone else's")
    assert sorted(p.name for p in tmp_path.iterdir()) == [stale.name, "Dockerfile"]
