import pytest

from reports import suppression


@pytest.mark.parametrize(
    ("number", "text", "value"),
    [(0, "0", 0), (1, "<5", None), (4, "<5", None), (5, "5", 5), (120, "120", 120)],
)
def test_count(number, text, value):
    cell = suppression.count(number)

    assert (cell.text, cell.value, str(cell)) == (text, value, text)
    assert cell.suppressed is (value is None)


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        (0, 4, "–"),
        (2, 10, "–"),
        (0, 10, "0 %"),
        (5, 10, "50 %"),
        (5, 5, "100 %"),
        (6, 7, "–"),  # the 1 of the 7 that is not part would follow
    ],
)
def test_share_hides_small_bases_small_parts_and_small_rests(part, whole, text):
    assert suppression.share(part, whole).text == text


def test_statistic_needs_five_cases():
    assert suppression.statistic(2.5, cases=4, text="2.5").text == "–"
    assert suppression.statistic(2.5, cases=5, text="2.5").value == 2.5


@pytest.mark.parametrize(
    ("numbers", "texts"),
    [
        ([5, 7, 0], ["5", "7", "0"]),  # nothing small: all shown
        ([5, 1, 0], ["–", "<5", "0"]),  # the 1 would follow from the total: 5 hidden too
        ([9, 5, 1], ["9", "–", "<5"]),  # hiding the smallest other (5) is enough
        ([2, 3, 8], ["<5", "<5", "8"]),  # the hidden add up to 5: no more
        # Four hidden counts of 1 to 4 adding up to 4 can only be four 1s: one more is hidden.
        ([1, 1, 1, 1, 6, 7], ["<5", "<5", "<5", "<5", "–", "7"]),
        ([1, 1, 6, 7], ["<5", "<5", "–", "7"]),
        ([3], ["<5"]),  # nothing left to hide with it
    ],
)
def test_parts_hide_enough_that_no_small_part_follows_from_the_total(numbers, texts):
    cells = suppression.parts(numbers)

    assert [cell.text for cell in cells] == texts
    assert all(cell.value is None for cell in cells if cell.text in {"<5", "–"})
