"""Publishers whose files are known by their columns, each with its quirks in one record.

A monitor's or a statistics office's export carries column names no one else uses together; from
them Reviewer names the file's source for its publisher (not for the file's name) and reads the file
the way the publisher lays it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.core.fields import normalize_header

__all__ = ["PUBLISHERS", "Publisher", "publisher_for"]


@dataclass(frozen=True, slots=True)
class Publisher:
    name: str  # the source's name, as the aliases know it
    signatures: tuple[frozenset[str], ...]  # normalized headers that together mark its export
    first_header: re.Pattern[str] | None = None  # or the first column's name alone (Eurostat's "unit,geo\time")
    source_lists_articles: bool = False  # its "source" column names the reports an event came from
    kind: str | None = None  # how its figures run, when the layout does not show it
    measure_in_file_name: re.Pattern[str] | None = None  # what the figures count, from the file's name


PUBLISHERS: tuple[Publisher, ...] = (
    Publisher("ACLED", (frozenset({"event id cnty"}), frozenset({"actor1", "fatalities", "sub event type"})),
              source_lists_articles=True),
    Publisher("UCDP", (frozenset({"dyad name", "best", "date start"}), frozenset({"conflict new id", "best"}),
                       frozenset({"side a", "side b", "best", "low", "high"})),
              source_lists_articles=True),
    Publisher("Airwars", (frozenset({"civilian non combatants killed min"}),), source_lists_articles=True),
    Publisher("Iraq Body Count", (frozenset({"ibc code"}), frozenset({"reported minimum", "reported maximum",
                                                                       "sources"})),
              source_lists_articles=True),
    # JHU CSSE's time series: places down, a running total per day across.
    Publisher("JHU CSSE", (frozenset({"province state", "country region", "lat", "long"}),),
              kind="cumulative", measure_in_file_name=re.compile(r"deaths|confirmed|recovered", re.IGNORECASE)),
    Publisher("WHO", (frozenset({"date reported", "who region", "country code"}),)),
    Publisher("World Bank", (frozenset({"country name", "country code", "indicator name", "indicator code"}),)),
    Publisher("OECD", (frozenset({"location", "indicator", "subject", "measure", "frequency", "time", "value"}),
                       frozenset({"structure", "structure id", "ref area", "time period", "obs value"}))),
    Publisher("Statistics Canada", (frozenset({"ref date", "geo", "dguid", "uom", "scalar factor", "vector"}),)),
    Publisher("Our World in Data", (frozenset({"entity", "code", "year"}), frozenset({"entity", "code", "day"}),
                                    frozenset({"iso code", "continent", "location", "date"}))),
    # Eurostat's bulk TSV ("unit,geo\\time" over a column per year) and its SDMX-CSV.
    Publisher("Eurostat", (frozenset({"dataflow", "last update", "time period", "obs value"}),),
              first_header=re.compile(r"\\\s*time(?:_period)?\s*$", re.IGNORECASE)),
)


def publisher_for(headers: list[str]) -> Publisher | None:
    """The publisher whose export has these column names, or None."""
    names = {normalize_header(h) for h in headers}
    for publisher in PUBLISHERS:
        if any(signature <= names for signature in publisher.signatures):
            return publisher
        if publisher.first_header is not None and headers and publisher.first_header.search(headers[0]):
            return publisher
    return None
