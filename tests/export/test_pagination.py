"""Page breaks: entries kept whole, headings kept with what follows, tall entries cut at lines."""

from __future__ import annotations

from dossier_app.export.pagination import Box, PageSlice, page_of, paginate


def _pages(slices: list[PageSlice]) -> list[tuple[float, float]]:
    return [(s.top, s.bottom) for s in slices]


def test_everything_on_one_page() -> None:
    assert _pages(paginate([Box(0, 40), Box(50, 90)], 100, 90)) == [(0, 90)]


def test_a_box_that_does_not_fit_moves_whole_to_the_next_page() -> None:
    boxes = [Box(0, 60), Box(70, 130), Box(140, 180)]
    assert _pages(paginate(boxes, 100, 180)) == [(0, 70), (70, 140), (140, 180)]


def test_a_heading_goes_with_the_box_after_it() -> None:
    boxes = [Box(0, 60), Box(65, 75, keep_with_next=True), Box(80, 130)]
    assert _pages(paginate(boxes, 100, 130)) == [(0, 65), (65, 130)]


def test_a_chain_of_headings_moves_together() -> None:
    boxes = [
        Box(0, 50),
        Box(55, 62, keep_with_next=True),  # section
        Box(64, 70, keep_with_next=True),  # year
        Box(72, 120),
    ]
    assert _pages(paginate(boxes, 100, 120))[0] == (0, 55)


def test_a_box_taller_than_a_page_is_cut_at_its_last_break_that_fits() -> None:
    tall = Box(10, 250, breaks=(40, 80, 120, 160, 200, 240))
    assert _pages(paginate([Box(0, 8), tall], 100, 250)) == [(0, 80), (80, 160), (160, 250)]


def test_a_heading_before_a_tall_box_stays_with_its_first_lines() -> None:
    boxes = [Box(0, 70, keep_with_next=True), Box(75, 300, breaks=(90, 110, 150, 190, 230, 270))]
    slices = paginate(boxes, 100, 300)
    assert slices[0].top == 0 and slices[0].bottom == 90


def test_without_breaks_a_tall_box_is_cut_at_the_page_height() -> None:
    assert _pages(paginate([Box(0, 250)], 100, 250)) == [(0, 100), (100, 200), (200, 250)]


def test_empty_document_is_one_page() -> None:
    assert _pages(paginate([], 100, 0)) == [(0, 0)]


def test_page_of() -> None:
    slices = [PageSlice(0, 70), PageSlice(70, 140), PageSlice(140, 180)]
    assert [page_of(slices, y) for y in (0, 69, 70, 139.8, 150, 500)] == [0, 0, 1, 2, 2, 2]


def test_a_splittable_table_fills_the_page_and_repeats_its_header() -> None:
    # Header row 10..20, rows every 20 units; the table starts low on the first page.
    table = Box(50, 330, breaks=(40 + 20 * k for k in range(2, 15)), splittable=True,
                header=(50, 70))  # fmt: skip
    boxes = [Box(0, 40), Box(50, 330, False, table.breaks, True, (50, 70))]
    slices = paginate(boxes, 100, 330)
    assert slices[0] == PageSlice(0, 100)  # filled, not moved whole to the next page
    for page in slices[1:]:
        assert page.repeat == (50, 70)
        assert page.bottom - page.top + page.repeat_height <= 100
    assert slices[-1].bottom == 330


def test_an_unsplittable_box_still_moves_whole() -> None:
    boxes = [Box(0, 60), Box(70, 150, breaks=(90, 110, 130))]
    assert _pages(paginate(boxes, 100, 150)) == [(0, 70), (70, 150)]
    assert all(s.repeat is None for s in paginate(boxes, 100, 150))
