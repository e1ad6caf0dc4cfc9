"""The invented people of a generated corpus and their careers (who held which title when).

A :class:`World` is made from a seed: for every police district and kommune of the reference
table, career *tracks* (the police director, inspectors climbing from vicepolitiinspektør to
chefpolitiinspektør, the mayor elected every four years, SSP staff …) are filled with invented
people one after another from 2003 to 2026. The same person therefore appears at many meetings of
their kommune or district over the years, with the title they held at each date.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import templates as tpl

REPO = Path(__file__).resolve().parents[1]
FIRST_YEAR, LAST_YEAR = 2003, 2027

#: police titles and kommune titles whose side is not clear from the title alone
AMBIGUOUS_TITLES = frozenset({"Chefkonsulent", "Stabschef", "Juridisk konsulent", "Sekretariatschef",
                              "Afdelingsleder", "Boligsocial koordinator"})


@dataclass
class Person:
    """An invented person with a career: ``career`` is a list of (first year, title)."""

    name: str
    side: str
    track: str
    start: int
    end: int
    career: list[tuple[int, str]]
    org: str

    def title(self, year: int) -> str:
        """The title held in ``year``."""
        current = self.career[0][1]
        for first, title in self.career:
            if first <= year:
                current = title
        return current

    def active(self, year: int) -> bool:
        """Whether the person holds the post in ``year``."""
        return self.start <= year < self.end


@dataclass
class World:
    """All districts, kommuner and the people in their posts."""

    districts: dict[str, list[str]]
    police: dict[str, dict[str, list[Person]]] = field(default_factory=dict)  # district → track → people
    local: dict[str, dict[str, list[Person]]] = field(default_factory=dict)  # kommune → track → people

    def holder(self, tracks: dict[str, list[Person]], track: str, year: int) -> Person:
        """The person on ``track`` in ``year``."""
        for person in tracks[track]:
            if person.active(year):
                return person
        return tracks[track][-1]

    def district_of(self, kommune: str) -> str:
        """The police district a kommune belongs to."""
        return next(d for d, ks in self.districts.items() if kommune in ks)

    def all_people(self) -> list[Person]:
        """Everyone in the world."""
        groups = [*self.police.values(), *self.local.values()]
        return [p for tracks in groups for people in tracks.values() for p in people]


def load_districts() -> dict[str, list[str]]:
    """District → kommuner, from ``ontology/kommuner.tsv`` or the copy in this folder."""
    path = REPO / "ontology" / "kommuner.tsv"
    if not path.exists():
        path = Path(__file__).resolve().parent / "kommuner.tsv"
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].strip():
            out.setdefault(cols[1].strip(), []).append(cols[0].strip())
    return out


class NameMaker:
    """Unique invented Danish names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.used = rng, set()

    def __call__(self) -> str:
        while True:
            parts = [self.rng.choice(tpl.FIRST_NAMES)]
            if self.rng.random() < 0.25:
                parts.append(self.rng.choice(tpl.MIDDLE))
            parts.append(self.rng.choice(tpl.LAST_NAMES))
            name = " ".join(parts)
            if name not in self.used:
                self.used.add(name)
                return name


def _career(rng: random.Random, start: int, end: int, titles: tuple[str, ...]) -> list[tuple[int, str]]:
    """Titles from ``start``: promotions every 2–6 years up the ladder while in post."""
    rung = rng.randrange(len(titles)) if start == FIRST_YEAR else 0
    career, year = [(start, titles[rung])], start
    while rung + 1 < len(titles):
        year += rng.randint(2, 6)
        if year >= end:
            break
        rung += 1
        career.append((year, titles[rung]))
    return career


def _track(rng: random.Random, names: NameMaker, key: str, side: str, titles: tuple[str, ...],
           max_years: int, org: str) -> list[Person]:
    """People filling one post one after another from FIRST_YEAR to LAST_YEAR."""
    people, start = [], FIRST_YEAR
    while start < LAST_YEAR:
        if key == "borgmester":  # terms start on 1 January after the elections of 2009, 2013, …
            end = start + 4 * rng.randint(1, 3) - (start - 2002) % 4
        else:
            end = start + rng.randint(3, max_years)
        people.append(Person(names(), side, key, start, end, _career(rng, start, end, titles), org))
        start = end
    return people


def build_world(seed: int) -> World:
    """The world of a seed (deterministic)."""
    rng = random.Random(f"world:{seed}")
    names = NameMaker(rng)
    world = World(districts=load_districts())
    for district, kommuner in world.districts.items():
        world.police[district] = {k: _track(rng, names, k, "politi", t, n, district)
                                  for k, t, n in tpl.POLICE_TRACKS}
        for kommune in kommuner:
            tracks = {k: _track(rng, names, k, "kommune", t, n, f"{kommune} Kommune")
                      for k, t, n in tpl.KOMMUNE_TRACKS}
            tracks.update({k: _track(rng, names, k, "politi", t, n, district)
                           for k, t, n in tpl.LOCAL_POLICE_TRACKS})
            tracks.update({k: _track(rng, names, k, "anden", t, n, org.format(kommune=kommune))
                           for k, t, n, org in tpl.OTHER_TRACKS})
            world.local[kommune] = tracks
    return world
