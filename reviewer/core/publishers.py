"""Publishers whose files are known by their columns or their names, each with its quirks in one record.

A monitor's or a statistics office's export carries column names no one else uses together, or a name
it always gives its files ("time_series_covid19_deaths_global.csv"); from them Reviewer names the file's
source for its publisher and reads the file the way the publisher lays it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.core.fields import normalize_header

__all__ = ["PUBLISHERS", "Publisher", "publisher_for", "publisher_of_file"]


@dataclass(frozen=True, slots=True)
class Publisher:
    name: str  # the source's name, as the aliases know it
    signatures: tuple[frozenset[str], ...]  # normalized headers that together mark its export
    first_header: re.Pattern[str] | None = None  # or the first column's name alone (Eurostat's "unit,geo\time")
    source_lists_articles: bool = False  # its "source" column names the reports an event came from
    kind: str | None = None  # how its figures run, when the layout does not show it
    measure_in_file_name: re.Pattern[str] | None = None  # what the figures count, from the file's name
    file_name: re.Pattern[str] | None = None  # the names it gives its files, without their suffix


def _named(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


PUBLISHERS: tuple[Publisher, ...] = (
    Publisher("ACLED", (frozenset({"event id cnty"}), frozenset({"actor1", "fatalities", "sub event type"})),
              source_lists_articles=True, file_name=_named(r"acled")),
    Publisher("UCDP", (frozenset({"dyad name", "best", "date start"}), frozenset({"conflict new id", "best"}),
                       frozenset({"side a", "side b", "best", "low", "high"})),
              source_lists_articles=True, file_name=_named(r"^ged\d|ucdp")),
    Publisher("Airwars", (frozenset({"civilian non combatants killed min"}),), source_lists_articles=True),
    Publisher("Iraq Body Count", (frozenset({"ibc code"}), frozenset({"reported minimum", "reported maximum",
                                                                       "sources"})),
              source_lists_articles=True),
    # JHU CSSE's time series: places down, a running total per day across.
    Publisher("JHU CSSE", (frozenset({"province state", "country region", "lat", "long"}),),
              kind="cumulative", measure_in_file_name=_named(r"deaths|confirmed|recovered"),
              file_name=_named(r"^time_series_covid19_|csse_covid_19")),
    Publisher("World Health Organization", (frozenset({"date reported", "who region", "country code"}),),
              file_name=_named(r"^WHO-COVID-19")),
    Publisher("World Bank", (frozenset({"country name", "country code", "indicator name", "indicator code"}),),
              file_name=_named(r"^API_[A-Z0-9.]+_DS2_")),
    Publisher("OECD", (frozenset({"location", "indicator", "subject", "measure", "frequency", "time", "value"}),
                       frozenset({"structure", "structure id", "ref area", "time period", "obs value"}))),
    Publisher("Statistics Canada", (frozenset({"ref date", "geo", "dguid", "uom", "scalar factor", "vector"}),)),
    Publisher("Our World in Data", (frozenset({"entity", "code", "year"}), frozenset({"entity", "code", "day"}),
                                    frozenset({"iso code", "continent", "location", "date"})),
              file_name=_named(r"^owid[-_]|our.?world.?in.?data")),
    # Eurostat's bulk TSV ("unit,geo\\time" over a column per year) and its SDMX-CSV.
    Publisher("Eurostat", (frozenset({"dataflow", "last update", "time period", "obs value"}),),
              first_header=_named(r"\\\s*time(?:_period)?\s*$"), file_name=_named(r"^(?:estat_|eurostat)")),
    Publisher("Robert Koch Institute", (), file_name=_named(r"RKI_COVID19|rki[-_]")),
    # Tech for Palestine's daily compilation of the Gaza Ministry of Health's reports.
    Publisher("Gaza Ministry of Health", (), file_name=_named(r"^gaza[-_]casualties|casualties[-_]daily")),
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


def publisher_of_file(stem: str) -> str | None:
    """The publisher a file's name shows ("time_series_covid19_deaths_global" is JHU CSSE's), or None."""
    return next((p.name for p in PUBLISHERS if p.file_name is not None and p.file_name.search(stem)), None)
