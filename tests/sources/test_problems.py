"""Tests of sources/_problems.py: the rows that became no record, in bounded memory."""

from __future__ import annotations

from sanctions_tracker.records import PROBLEMS_LISTED, FileAccount, RowProblem
from sanctions_tracker.sources._problems import ProblemLog, account_fields, with_more


def _problems(first: int, count: int) -> list[RowProblem]:
    return [RowProblem("f.csv", line, f"bad {line}") for line in range(first, first + count)]


def test_a_log_keeps_the_first_rows_and_counts_the_rest() -> None:
    """The first PROBLEMS_LISTED rows are kept whole, in order; the rest are counted with
    the first and last of their lines; its length is every row."""
    log = ProblemLog()
    log.extend(_problems(1, PROBLEMS_LISTED + 3))
    assert len(log.kept()) == PROBLEMS_LISTED
    assert log.kept()[-1].line == PROBLEMS_LISTED
    assert (log.beyond, log.lines, len(log)) == (
        3,
        (PROBLEMS_LISTED + 1, PROBLEMS_LISTED + 3),
        PROBLEMS_LISTED + 3,
    )
    assert bool(log)
    assert not ProblemLog()


def test_account_fields_balance_with_rows_beyond_the_list() -> None:
    """An account made of the logs balances: rows made plus rows listed plus rows counted."""
    rejected, left = ProblemLog(), ProblemLog()
    rejected.extend(_problems(1, PROBLEMS_LISTED + 2))
    left.extend(_problems(PROBLEMS_LISTED + 10, 1))
    account = FileAccount(
        file="f.csv",
        format="test",
        rows_read=PROBLEMS_LISTED + 2 + 1 + 7,
        records_made=7,
        **account_fields(rejected=rejected, left_out=left),
    )
    assert account.balanced
    assert (account.rejected_rows, account.left_out_rows, account.unlisted) == (
        PROBLEMS_LISTED + 2,
        1,
        2,
    )
    assert account.not_read == PROBLEMS_LISTED + 2
    assert account.beyond_lines == (PROBLEMS_LISTED + 1, PROBLEMS_LISTED + 2)


def test_more_rows_added_to_an_account_keep_its_count() -> None:
    """A reader's second pass (copies of another list left out) adds to the rows listed
    until the log is full, then to the count; rows counted before stay counted."""
    account = FileAccount(
        file="f.csv",
        format="test",
        rows_read=PROBLEMS_LISTED + 5,
        records_made=4,
        **account_fields(rejected=_log(PROBLEMS_LISTED + 1)),
    )
    more = with_more(account, left_out=_problems(900_000, 2), rejected=_problems(800_000, 1))
    assert (len(more["rejected"]), more["rejected_beyond"]) == (PROBLEMS_LISTED, 2)
    assert (len(more["left_out"]), more["left_out_beyond"]) == (2, 0)
    assert more["beyond_lines"] == (PROBLEMS_LISTED + 1, 800_000)


def test_a_log_goes_back_to_a_mark() -> None:
    """``back_to`` forgets what was logged after ``mark``, the rows counted beyond the
    list and their lines too (a reader's trial read of an earlier version of an entry)."""
    log = _log(PROBLEMS_LISTED - 1)
    mark = log.mark()
    log.extend(_problems(PROBLEMS_LISTED, 5))
    assert (len(log), log.beyond) == (PROBLEMS_LISTED + 4, 4)
    log.back_to(mark)
    assert (len(log), log.beyond, log.lines) == (PROBLEMS_LISTED - 1, 0, None)
    assert log.kept()[-1].line == PROBLEMS_LISTED - 1


def _log(count: int) -> ProblemLog:
    log = ProblemLog()
    log.extend(_problems(1, count))
    return log
