"""Properties of the rules (hypothesis): monotone, replayable, order-free, idempotent imports."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.config.project import Project, load_project
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal
from tracker.domain.status import STATUS_RANK
from tracker.evaluate import evaluate_goal
from tracker.ingest.importer import import_file
from tracker.store.database import Store

Goals = Callable[..., Goal]
Figures = Callable[..., FigureRecord]
FIXTURE_PROJECT = Path(__file__).parents[1] / "fixtures" / "project"

months = st.integers(min_value=1, max_value=12)
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 6, 30))
amounts = st.floats(min_value=0, max_value=1000, allow_nan=False)
rates = st.floats(min_value=-20, max_value=30, allow_nan=False)


def goal_for(make_goal: Goals, measure: str, target: float) -> Goal:
    if measure == "growth":
        return make_goal(target=f"≥ {target:.2f}%")
    if measure == "level":
        return make_goal(
            measure="level", target=f"≥ {target + 100:.2f} 家", baseline={"value": 100}
        )
    return make_goal(measure="total", target=f"≥ {target:.2f} 家")


@settings(max_examples=200, deadline=None)
@given(
    measure=st.sampled_from(["growth", "total", "level"]),
    target=st.floats(1, 500),
    low=amounts,
    extra=amounts,
    month=months,
    as_of=days,
)
def test_more_progress_never_worsens_the_status(
    make_goal: Goals,
    make_figure: Figures,
    measure: str,
    target: float,
    low: float,
    extra: float,
    month: int,
    as_of: date,
) -> None:
    goal = goal_for(make_goal, measure, target)
    unit = "%" if measure == "growth" else "家"
    period, published = f"2025-{month:02d}", date(2025, 1, 1)
    worse = evaluate_goal(goal, [make_figure(period, low, unit=unit, published=published)], as_of)
    better = evaluate_goal(
        goal, [make_figure(period, low + extra, unit=unit, published=published)], as_of
    )
    assert STATUS_RANK[worse.status] <= STATUS_RANK[better.status]


@settings(max_examples=100, deadline=None)
@given(high=amounts, less=amounts, month=months, as_of=days)
def test_for_a_ceiling_less_is_never_worse(
    make_goal: Goals, make_figure: Figures, high: float, less: float, month: int, as_of: date
) -> None:
    goal = make_goal(measure="total", target="≤ 500 万吨")

    def figure(value: float) -> FigureRecord:
        return make_figure(f"2025-{month:02d}", value, unit="万吨", published=date(2025, 1, 1))

    worse = evaluate_goal(goal, [figure(high)], as_of)
    better = evaluate_goal(goal, [figure(max(high - less, 0))], as_of)
    assert STATUS_RANK[worse.status] <= STATUS_RANK[better.status]


figure_specs = st.lists(st.tuples(months, rates, days), min_size=0, max_size=6)


@settings(max_examples=150, deadline=None)
@given(
    specs=figure_specs,
    late=st.tuples(months, rates),
    as_of=days,
    after=st.integers(min_value=1, max_value=400),
)
def test_a_figure_published_after_the_as_of_date_changes_nothing(
    make_goal: Goals,
    make_figure: Figures,
    specs: list[tuple[int, float, date]],
    late: tuple[int, float],
    as_of: date,
    after: int,
) -> None:
    goal = make_goal()
    figures = [make_figure(f"2025-{m:02d}", v, published=d) for m, v, d in specs]
    unseen = make_figure(f"2025-{late[0]:02d}", late[1], published=as_of + timedelta(days=after))
    assert evaluate_goal(goal, [*figures, unseen], as_of) == evaluate_goal(goal, figures, as_of)


@settings(max_examples=100, deadline=None)
@given(specs=figure_specs, as_of=days, data=st.data())
def test_the_order_of_figures_does_not_matter(
    make_goal: Goals,
    make_figure: Figures,
    specs: list[tuple[int, float, date]],
    as_of: date,
    data: st.DataObject,
) -> None:
    goal = make_goal()
    figures = [make_figure(f"2025-{m:02d}", v, published=d) for m, v, d in specs]
    shuffled = data.draw(st.permutations(figures))
    assert evaluate_goal(goal, shuffled, as_of) == evaluate_goal(goal, figures, as_of)


@contextmanager
def fresh_store() -> Iterator[tuple[Project, Store, Path]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(FIXTURE_PROJECT, root)
        project = load_project(root / "config", verify_quotes=False)
        store = Store.open(project, url=str(Path(tmp) / "t.db"))
        try:
            yield project, store, Path(tmp)
        finally:
            store.close()


rows = st.lists(  # few goals and months, so revisions of one period are common
    st.tuples(
        st.sampled_from(["demo-2025-gdp", "demo-2025-investment"]),
        st.sampled_from([3, 6, 12]),
        st.decimals(min_value=0, max_value=999, places=1),
        st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None)
@given(records=rows)
def test_reimporting_a_file_is_a_no_op(records: list[tuple[str, int, object, date]]) -> None:
    with fresh_store() as (project, store, tmp):
        lines = [f"{g},2025-{m:02d},{v},,,{d.isoformat()}," for g, m, v, d in records]
        unique = list(dict.fromkeys(lines))  # conflicting rows are tested elsewhere
        path = tmp / "f.csv"
        path.write_text("goal,period,value,unit,source,published,note\n" + "\n".join(unique))
        if not import_file(store, project, path).ok:
            return
        before = [f.as_json() for f in store.figures(history=True)]
        again = import_file(store, project, path)
        assert (again.summary.changed, [f.as_json() for f in store.figures(history=True)]) == (
            0,
            before,
        )


@settings(max_examples=60, deadline=None)
@given(records=rows, as_of=days)
def test_the_store_and_the_pure_rules_pick_the_same_revisions(
    records: list[tuple[str, int, object, date]], as_of: date
) -> None:
    with fresh_store() as (project, store, tmp):
        for index, (g, m, v, d) in enumerate(records):  # one file per row: many revisions
            path = tmp / f"{index}.csv"
            path.write_text(f"goal,period,value,published\n{g},2025-{m:02d},{v},{d.isoformat()}\n")
            import_file(store, project, path)
        everything = store.figures(history=True)
        visible = store.figures_as_of(as_of)
        for goal in project.goals:
            mine = [f for f in everything if f.goal == goal.id]
            from_store = evaluate_goal(goal, visible.get(goal.id, []), as_of)
            assert from_store.as_json() == evaluate_goal(goal, mine, as_of).as_json()
