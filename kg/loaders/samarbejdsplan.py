"""Loader for samarbejdsplaner: a police district's cooperation plan (retsplejelovens § 113).

Recognised from a title block with "Samarbejdsplan". The plan is the kredsråd's and spans the
whole district, so the kommune is null unless the title names one.
"""

from __future__ import annotations

import re

from kg.loaders._common import PlanLoader
from kg.loaders.base import register


class SamarbejdsplanLoader(PlanLoader):
    """A cooperation plan (samarbejdsplan) of a district's kredsråd."""

    document_type = "samarbejdsplan"
    head = re.compile(r"samarbejdsplan", re.IGNORECASE)
    council_kind = "kredsraad"
    whole_district = True


register(SamarbejdsplanLoader())
