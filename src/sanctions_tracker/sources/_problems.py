"""The rows of a file that became no record, kept in bounded memory.

A hostile or broken file may hold millions of rows that cannot be read; listing each with
its reason would take several times the file's size in memory. A :class:`ProblemLog` keeps
the first :data:`PROBLEMS_LISTED` rows of one kind (rejected, without a main row, left
out) of one file with their line and reason, and counts the rest, with the first and last
line among them, so that a file's account still balances and says where the rows not
listed lie. The facts a reader keeps as text only (``FileAccount.unparsed_remarks``) are
logged the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypedDict

from sanctions_tracker.records import PROBLEMS_LISTED, FileAccount, RowProblem


class ProblemLog:
    """Rows of one kind of one file: the first PROBLEMS_LISTED kept, the rest counted."""

    __slots__ = ("_kept", "beyond", "lines")

    def __init__(self, kept: Iterable[RowProblem] = (), beyond: int = 0) -> None:
        self._kept: list[RowProblem] = []
        self.beyond = beyond
        """How many rows came after the first PROBLEMS_LISTED."""
        self.lines: tuple[int, int] | None = None
        """The first and last line of the rows counted, not kept (None if there are none)."""
        self.extend(kept)

    def append(self, problem: RowProblem) -> None:
        """A row that became no record: kept, or counted once the log is full."""
        if len(self._kept) < PROBLEMS_LISTED:
            self._kept.append(problem)
            return
        self.beyond += 1
        first, last = self.lines or (problem.line, problem.line)
        self.lines = (min(first, problem.line), max(last, problem.line))

    def extend(self, problems: Iterable[RowProblem]) -> None:
        """Rows that became no record, in order."""
        for problem in problems:
            self.append(problem)

    def mark(self) -> tuple[int, int, tuple[int, int] | None]:
        """Where the log stands, for :meth:`back_to`."""
        return len(self._kept), self.beyond, self.lines

    def back_to(self, mark: tuple[int, int, tuple[int, int] | None]) -> None:
        """The log as it stood at ``mark`` (:meth:`mark`): what came after is forgotten."""
        kept, self.beyond, self.lines = mark
        del self._kept[kept:]

    def kept(self) -> tuple[RowProblem, ...]:
        """The rows listed one by one."""
        return tuple(self._kept)

    def __iter__(self) -> Iterator[RowProblem]:
        return iter(self._kept)

    def __len__(self) -> int:
        """Every row of the log, listed or counted."""
        return len(self._kept) + self.beyond

    def __bool__(self) -> bool:
        return bool(self._kept) or self.beyond > 0


def beyond_lines(*logs: ProblemLog) -> tuple[int, int] | None:
    """The first and last line of the rows the logs counted but did not list."""
    spans = [log.lines for log in logs if log.lines is not None]
    if not spans:
        return None
    return min(first for first, _ in spans), max(last for _, last in spans)


class AccountProblems(TypedDict):
    """The fields of a FileAccount that list and count the rows that became no record."""

    rejected: tuple[RowProblem, ...]
    orphans: tuple[RowProblem, ...]
    left_out: tuple[RowProblem, ...]
    rejected_beyond: int
    orphans_beyond: int
    left_out_beyond: int
    beyond_lines: tuple[int, int] | None


def account_fields(
    *, rejected: ProblemLog, orphans: ProblemLog | None = None, left_out: ProblemLog | None = None
) -> AccountProblems:
    """The FileAccount fields of the logs (rows listed, rows counted beyond them)."""
    orphans = orphans if orphans is not None else ProblemLog()
    left_out = left_out if left_out is not None else ProblemLog()
    return AccountProblems(
        rejected=rejected.kept(),
        orphans=orphans.kept(),
        left_out=left_out.kept(),
        rejected_beyond=rejected.beyond,
        orphans_beyond=orphans.beyond,
        left_out_beyond=left_out.beyond,
        beyond_lines=beyond_lines(rejected, orphans, left_out),
    )


def with_more(
    account: FileAccount,
    *,
    rejected: Iterable[RowProblem] = (),
    left_out: Iterable[RowProblem] = (),
) -> AccountProblems:
    """The FileAccount fields of ``account`` with more rows rejected or left out (a reader's
    second pass: copies of another list's entries, parts of a rejected order)."""
    logs = (
        ProblemLog(account.rejected, account.rejected_beyond),
        ProblemLog(account.orphans, account.orphans_beyond),
        ProblemLog(account.left_out, account.left_out_beyond),
    )
    for log in logs:  # the account keeps one span for every kind of row not listed
        log.lines = account.beyond_lines if log.beyond else None
    logs[0].extend(rejected)
    logs[2].extend(left_out)
    return account_fields(rejected=logs[0], orphans=logs[1], left_out=logs[2])
