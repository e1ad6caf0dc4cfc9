"""Fast paths of the loaders and theme detection give the same answers as the plain rules."""

from __future__ import annotations

from kg.loaders.attendees import mark_joins
from kg.record import Participant


def _people() -> list[Participant]:
    return [Participant(name="Ib Lund", role=None, side="kommune", status="present"),
            Participant(name="Anne Holm", role=None, side="politi", status="present")]


def test_join_and_leave_found_on_their_own_lines() -> None:
    people = _people()
    lines = ["Ad 2: Status", "Ib Lund stødte til mødet.", "", "Ad 4: Eventuelt",
             "Anne Holm forlod mødet under punkt 5."]
    mark_joins(people, lines)
    assert (people[0].joined_at_item, people[0].left_at_item) == ("2", None)
    assert (people[1].joined_at_item, people[1].left_at_item) == (None, "5")


def test_phrase_broken_over_two_lines_is_no_join() -> None:
    people = _people()
    mark_joins(people, ["Ad 2: Status", "Ib Lund stødte", "til mødet."])
    assert people[0].joined_at_item is None


def test_join_phrase_in_any_case() -> None:
    people = _people()
    mark_joins(people, ["Pkt. 3. Tryghed", "IB LUND ANKOM"])
    assert people[0].joined_at_item == "3"
