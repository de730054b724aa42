"""Withholding small counts, on figures small enough to check by eye."""

from __future__ import annotations

from havre.reports import suppression


def test_counts_under_the_threshold_are_withheld_and_zero_is_shown() -> None:
    assert [suppression.count(n, 5) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]


def test_a_lone_withheld_cell_takes_the_smallest_other_with_it() -> None:
    # Beside a total of 19, withholding only "b" would give it back as 19 - 10 - 7.
    assert suppression.breakdown({"a": 10, "b": 2, "c": 7}, 5) == {"a": 10, "b": None, "c": None}


def test_two_withheld_cells_need_nothing_more() -> None:
    assert suppression.breakdown({"a": 10, "b": 2, "c": 3, "d": 0}, 5) == {
        "a": 10,
        "b": None,
        "c": None,
        "d": 0,
    }


def test_a_rate_that_would_give_back_a_withheld_count_is_withheld() -> None:
    assert suppression.rate(3, 40, 5) is None
    assert suppression.rate(30, 40, 5) == 0.75
    assert suppression.rate(3, 4, 5) is None
    assert suppression.rate(0, 0, 5) is None


def test_median_and_90th_percentile_over_enough_people_only() -> None:
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert suppression.median(values, 5) == 5.5
    # Nearest rank: the 9th of 10.
    assert suppression.percentile_90(values, 5) == 9
    assert suppression.median(values[:4], 5) is None
    assert suppression.percentile_90(values[:4], 5) is None
