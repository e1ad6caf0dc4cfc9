"""Loader for handlingsplaner: a lokalråd's (or kredsråd's) action plan for a year.

Recognised from a title block with "Handlingsplan" or "Handleplan". Everyone listed is a member
(status "member"); there is no date or agenda, and the year is the plan's year.
"""

from __future__ import annotations

import re

from kg.loaders._common import PlanLoader
from kg.loaders.base import register


class HandlingsplanLoader(PlanLoader):
    """An action plan (handlingsplan), by default a lokalråd's."""

    document_type = "handlingsplan"
    head = re.compile(r"handlings?plan|handleplan", re.IGNORECASE)
    council_kind = "lokalraad"


register(HandlingsplanLoader())
