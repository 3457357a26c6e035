"""Lint many Dockerfiles on several cores: one worker process per core, the reports in the
order the paths were given.

A lint run reads each folder and project file (compose files, workflows, build scripts)
once and keeps what it found, so files of one repository go to the same worker when they
can: the paths are cut into pieces by repository, the largest first, a piece at most a
share of the whole (so one big repository still spreads over every core), and each worker
keeps its repository caches from piece to piece. Workers are forked, so they start with
everything this process imported; where fork is unavailable, the files are linted here.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from dockharden.core.settings import Settings
from dockharden.core.vocabulary import FileReport
from dockharden.dockerfile.context import ContextFinder

PIECES_PER_WORKER = 4  # finer pieces balance better; each new repository in a worker reads its project files again
MIN_FILES_PER_WORKER = 16  # below this, starting workers costs more than it saves

_worker_state: dict = {}


def worthwhile_jobs(files: int, jobs: int) -> int:
    """How many workers pay for `files` files when `jobs` are allowed (1: lint in this process)."""
    if jobs <= 1 or not hasattr(os, "fork"):
        return 1
    return max(1, min(jobs, files // MIN_FILES_PER_WORKER))


LintOne = Callable[..., FileReport]  # lint_file(path, settings, display, project)


def lint_in_workers(paths: Sequence[Path], settings: Settings, jobs: int, lint_one: LintOne) -> tuple[FileReport, ...]:
    """The reports of `paths`, in order, each made by `lint_one` in one of `jobs` forked workers."""
    import multiprocessing  # here, not at the top: a lint of a few files never starts a worker
    from concurrent.futures import ProcessPoolExecutor

    pieces = pieces_of(paths, jobs * PIECES_PER_WORKER)
    reports: list[FileReport | None] = [None] * len(paths)
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker,
                             initargs=(settings, lint_one)) as pool:
        for piece, piece_reports in zip(pieces, pool.map(_lint_piece, [[paths[i] for i in piece] for piece in pieces])):
            for index, report in zip(piece, piece_reports):
                reports[index] = report
    return tuple(report for report in reports if report is not None)


def pieces_of(paths: Sequence[Path], count: int) -> list[list[int]]:
    """Indexes of `paths` cut into about `count` pieces, a repository's files together (a
    large one in several pieces of at most len/count files), the largest pieces first."""
    share = max(1, -(-len(paths) // count))
    finder = ContextFinder()  # the repository root each worker's caches are keyed by
    by_root: dict[str, list[int]] = {}
    for index, path in enumerate(paths):
        by_root.setdefault(finder.ancestors(os.path.dirname(os.path.abspath(path)))[-1], []).append(index)
    pieces = [group[start:start + share] for group in by_root.values() for start in range(0, len(group), share)]
    return sorted(pieces, key=len, reverse=True)


def _start_worker(settings: Settings, lint_one: LintOne) -> None:  # forked: its arguments are never pickled
    from dockharden.dockerfile.base_images import RepositoryImages

    _worker_state["settings"], _worker_state["lint_one"] = settings, lint_one
    _worker_state["project"] = RepositoryImages()  # kept from piece to piece: each folder read once per worker


def _lint_piece(paths: list[Path]) -> list[FileReport]:
    lint_one, settings, project = _worker_state["lint_one"], _worker_state["settings"], _worker_state["project"]
    return [lint_one(path, settings, None, project) for path in paths]
