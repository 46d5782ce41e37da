"""Places: a country in any common spelling or code, the world and other aggregates, and the
sub-national places that the files themselves name.

Countries are read with ``country_converter`` ("US", "United_Kingdom", "Syrian Arab Republic",
"Iran, Islamic Rep.", "DE" are the United States, the United Kingdom, Syria, Iran, Germany). Reading one
name costs about a millisecond, so each distinct name is read once.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from reviewer.core.frames import each_distinct
from reviewer.core.text_search import Texts, first_match, masked, matching

__all__ = ["COUNTRY", "REGION", "SUBNATIONAL", "TOTAL", "TOTAL_NAME", "WORLD", "WORLD_NAME", "Place",
           "PlacesInText", "canonical_places", "country_in_name", "is_territory", "names_only", "read_place",
           "unread_place"]

WORLD, TOTAL, REGION, COUNTRY, SUBNATIONAL = "world", "total", "region", "country", "subnational"
WORLD_NAME, TOTAL_NAME = "World", "Total"

_WORLD_WORDS = {"world", "worldwide", "the world", "global", "globally", "globe", "whole world", "all countries",
                "world total", "wld", "total world", "world wide", "earth", "international total"}
_TOTAL_WORDS = {"all", "total", "grand total", "overall", "all areas", "all regions", "all governorates",
                "all provinces", "all states", "national", "nationwide", "national total", "country total",
                "total all", "sum", "totals", "all places", "all locations", "whole country"}
# Places inside a country that the converter would read as the country itself.
_INSIDE = {"gaza": "Palestine", "gaza strip": "Palestine", "west bank": "Palestine", "east jerusalem": "Palestine",
           "england": "United Kingdom", "scotland": "United Kingdom", "wales": "United Kingdom",
           "northern ireland": "United Kingdom", "kurdistan": "Iraq", "kurdistan region": "Iraq"}
_CONTINENTS = {"europe", "africa", "asia", "oceania", "americas", "north america", "south america",
               "latin america", "middle east", "european union", "eu", "euro area", "eurozone"}
_NOT_WORDS = re.compile(r"[_\s]+")
# Groups of countries as statistics offices name them ("Arab World", "High income", "EU27 2020", "OECD members").
_GROUP_WORDS = re.compile(r"\bworld\b|income\b|countries|\bstates\b|\barea\b|\bunion\b|members|&|\bregion\b|"
                          r"^(?:eu|ea|efta)\s?\d|\boecd\b|\bida\b|\bibrd\b|dividend|\bsituations\b|only$",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Place:
    """A place as read: its name as Reviewer shows it, the country it is or lies in ("" when not known or
    an aggregate) and its scope (world, total, region, country, subnational)."""

    name: str
    country: str
    scope: str


_LOADING = threading.Lock()


def _converter() -> object:
    # One load, even when the app loads it ahead (see prepare) while the first workbook asks for it.
    with _LOADING:
        return _load_converter()


@cache
def _load_converter() -> object:
    import country_converter as coco

    # The converter logs every name it does not know as an error; most names read are not countries.
    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    logging.getLogger("country_converter.country_converter").setLevel(logging.CRITICAL)
    # Its own table is read with "NA" (Namibia's code) as missing under pandas 3: read it as text here.
    table = Path(coco.__file__).with_name("country_data.tsv")
    data = pd.read_csv(table, sep="\t", dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    return coco.CountryConverter(country_data=data)


_NOT_FOUND = "\x00"  # the converter gives back the name itself for an empty fill value


@lru_cache(maxsize=65_536)
def _country(name: str) -> str:
    """The country's short name ("United States"), or "" when the name is not a country's."""
    converted = _converter().convert(name, to="name_short", not_found=_NOT_FOUND)  # type: ignore[attr-defined]
    if isinstance(converted, list) or converted == _NOT_FOUND:  # several countries is none of them
        return ""
    return str(converted or "")


@lru_cache(maxsize=4_096)
def is_territory(country: str) -> bool:
    """Whether a country as the converter names it is a territory rather than a member of the United
    Nations (Greenland, Hong Kong, Bermuda; not Georgia): files list such places under another country
    ("Greenland, Denmark"), and only such a place is its own name under another's."""
    member = _converter().convert(country, to="UNmember", not_found=None)  # type: ignore[attr-defined]
    return isinstance(member, float) and member != member  # NaN: never a member


def _same_country(part: str, parent: str, written: str) -> bool:
    """Whether the name before the comma is the country's own ("France, France", "UK, United Kingdom"),
    not a part of it whose name holds the country's ("South Australia", "Australian Capital Territory"):
    the converter's patterns find Australia in all three, and JHU CSSE lists them as Australia's parts."""
    if _country(part) != parent:
        return False
    # The country's official name, whole ("Russian Federation"); its words alone would make "Great Britain"
    # of "… of Great Britain and Northern Ireland" the United Kingdom.
    official = _converter().convert(parent, to="name_official", not_found="")  # type: ignore[attr-defined]
    if _folded(part.lower()) == _folded(str(official).lower()):
        return True
    own = set(_folded(f"{parent} {written}".lower()).split())
    return len(part) <= 4 or all(word in own for word in _folded(part.lower()).split())


def _plain(name: str) -> str:
    return _NOT_WORDS.sub(" ", name).strip()


@lru_cache(maxsize=65_536)
def read_place(raw: str) -> Place:
    """A place name as a file or a claim writes it. "Alberta, Canada" (a part of a country, then the
    country) is a sub-national place of Canada; a name no one knows is kept, as a sub-national place."""
    text = _plain(str(raw))
    if not text:
        return Place("", "", "")
    lower = text.lower().rstrip(".*")
    if lower in _WORLD_WORDS:
        return Place(WORLD_NAME, "", WORLD)
    if lower in _TOTAL_WORDS:
        return Place(TOTAL_NAME, "", TOTAL)
    if lower in _INSIDE:
        return Place(text if text[:1].isupper() else text.title(), _INSIDE[lower], SUBNATIONAL)
    if lower in _CONTINENTS:
        return Place(text, "", REGION)
    if "," in text:
        part, _, country = text.rpartition(",")
        parent = _country(country.strip()) if len(country.strip()) > 3 else ""
        if parent and part.strip() and not _same_country(part.strip(), parent, country):
            return Place(f"{part.strip()}, {parent}", parent, SUBNATIONAL)
    country = _country(text) if len(text) > 1 else ""
    if country:
        return Place(country, country, COUNTRY)
    if _GROUP_WORDS.search(lower):
        return Place(text, "", REGION)
    return Place(text, "", SUBNATIONAL)


def canonical_places(raw: pd.Series) -> pd.Series:
    """Each cell's place name as Reviewer shows it; each distinct spelling is read once."""
    return pd.Series(each_distinct(raw, lambda name: read_place(name).name), index=raw.index, dtype=object)


# A run of capitalised words, joined by the small words names carry ("Bosnia and Herzegovina").
_CAPITALISED = re.compile(r"\b[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:(?:and|of|the|de|du|da|del|la|le)\s+)*(?:[dl]['’])?"
                          r"[A-ZÀ-Þ][\w'’.-]*)*")
_SHORT_NAMES = {"US", "USA", "UK", "UAE", "DRC", "U.S.", "U.K."}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


# Names files give rows that are no place of their own: never looked for in a claim's words.
_STAND_INS = {"unknown", "other", "others", "unassigned", "not specified", "unspecified", "repatriated travellers",
              "diamond princess", "grand princess", "ms zaandam", "recovered", "total", "all"}


class PlacesInText:
    """Finds the place a claim's words are about: a country in any spelling, the world ("worldwide"),
    or a place the loaded files name ("London", "North East", "Ninewa")."""

    def __init__(self, known: list[str], not_places: list[str] | None = None) -> None:
        named = sorted({p for p in known if p and p.split(",")[0].strip().lower() not in _STAND_INS
                        and read_place(p).scope in {SUBNATIONAL, REGION}}, key=len, reverse=True)
        # "London" finds "London, United Kingdom" when that is how a file names it.
        self._by_lower = {p.split(",")[0].strip().lower(): p for p in reversed(named)}
        alternatives = "|".join(re.escape(p) for p in sorted({p.split(",")[0].strip() for p in named}, key=len,
                                                                reverse=True))
        # As the files write them, capitals and all: "unknown attackers" is no place JHU lists.
        self._known = re.compile(rf"\b(?:{alternatives})\b") if alternatives else None
        self._world = re.compile(r"\b(?:worldwide|world-wide|globally|across the world|around the world|"
                                 r"in the world|the world's|global)\b", re.IGNORECASE)
        self._cache: dict[str, str] = {}
        # Names that hold a country's name but are no place ("Iraq Body Count", "Syrian Observatory").
        skipped = "|".join(re.escape(n) for n in sorted(not_places or [], key=len, reverse=True) if len(n) > 3)
        self._not_places = re.compile(rf"\b(?:{skipped})\b", re.IGNORECASE) if skipped else None

    def places_in(self, texts: list[str]) -> list[str]:
        """``place_in`` of each text. The column is searched at once (RE2) for the names that are no place,
        the places the files name and the runs of capitals that name a country: only a text that may
        name a country or the world is read on its own."""
        if not texts:
            return []
        column = Texts(texts)
        if self._not_places is not None:
            column = masked(column, self._not_places)
        found = first_match(column, self._known.pattern) if self._known is not None else \
            np.full(len(texts), "", dtype=object)
        result = [self._by_lower[str(f).lower()] if f else "" for f in found]
        rest = np.flatnonzero(found == "")
        may = self._may_name_country(column.take(rest))
        for i in rest[may]:
            result[i] = self._place_in(texts[i], str(column.values[i]))
        unread = rest[~may]
        for i in unread[matching(column.take(unread), _NAMED_AFTER)]:
            result[i] = unread_place(str(column.values[i]))
        return result

    def _may_name_country(self, column: Texts) -> np.ndarray:
        """Which texts speak of the world or hold a run of capitals that names a country (a superset of
        those ``_place_in`` finds one in)."""
        may = matching(column, self._world)
        # A NUL is neither a word's letter nor a space: runs found in the joined texts are each text's own.
        joined = "\x00".join(str(t).replace("\x00", "\x01") for t in column.values)
        runs = set(_CAPITALISED.findall(joined))
        naming = [run for run in runs if _country_in(_POSSESSIVE.sub("", run.rstrip(".,")))]
        if naming:
            may |= matching(column, "|".join(re.escape(run) for run in sorted(naming, key=len, reverse=True)),
                            ignore_case=False)
        return may

    def place_in(self, text: str) -> str:
        """The place the words are about, or "": a place the files name ("killed in Gaza") before a
        country; of countries, one the words put the figure in ("deaths in the UK") before one they
        only mention ("Israeli strikes"); else the first."""
        return self.places_in([text])[0]

    def _place_in(self, key: str, text: str) -> str:
        """The place of ``key``'s words, read in ``text``: the same words with names of no place masked."""
        if key in self._cache:
            return self._cache[key]
        result = ""
        if self._known is not None and (match := self._known.search(text)):
            result = self._by_lower[match.group(0).lower()]
        countries: list[tuple[int, int, str]] = []
        for match in _CAPITALISED.finditer(text) if not result else ():
            words = _POSSESSIVE.sub("", match.group(0).rstrip(".,"))
            if match.end() < len(text) and text[match.end()] == "-":
                continue  # "US-led coalition" speaks of the coalition, not of the United States
            country = _country_in(words)
            if country:
                after_in = _IN_BEFORE.search(text[:match.start()]) is not None
                countries.append((0 if after_in else 1, match.start(), country))
        world = self._world.search(text)
        if not result and world:
            countries.append((0, world.start(), WORLD_NAME))
        if not result and countries:
            result = min(countries)[2]
        self._cache[key] = result or unread_place(text)
        return self._cache[key]


# A name the words put the figure in ("deaths in California", "the population of Lombardy") that is no
# place Reviewer knows: the claim is about that place, never about a file's world row or its only place.
_NAMED_AFTER = re.compile(r"\b(?:[Ii]n|[Aa]cross|[Tt]hroughout|[Ww]ithin|[Ii]nside|(?:[Pp]opulation|[Pp]eople|"
                          r"[Rr]esidents|[Ii]nhabitants|[Cc]itizens) of)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:of\s+)?"
                          r"[A-Z][\w'’.-]*)*)")
# Capitalised words after "in" that name a time, an illness, an operation or a kind of count, not a place.
_NOT_PLACE_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                    "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                    "covid", "covid-19", "coronavirus", "sars-cov-2", "operation", "christmas", "easter", "ramadan",
                    "eid", "spring", "summer", "autumn", "winter", "coalition", "week", "year", "the", "total", "all",
                    "phase", "wave", "fiscal", "financial", "early", "mid", "late", "round", "nature", "science",
                    "lancet", "census", "care"}
# What follows a place the figure is put in: the sentence goes on ("in Lombardy, …", "in Lombardy rose",
# "in Lombardy since 2020", "in Lombardy 10,000 died"). A lowercase noun instead ("in Omicron waves", "in
# Houthi attacks", "in Census data") makes the name a kind of thing, not a place.
_GOES_ON = {"and", "or", "but", "as", "at", "by", "for", "from", "in", "into", "of", "on", "over", "since", "to",
            "until", "during", "after", "before", "between", "with", "without", "than", "that", "which", "who",
            "where", "when", "while", "was", "were", "is", "are", "has", "had", "have", "rose", "fell", "reached",
            "passed", "topped", "stood", "stands", "grew", "increased", "decreased", "dropped", "climbed", "hit",
            "totalled", "totaled", "numbered", "came", "alone", "last", "this", "so", "according", "said", "says",
            # a place's kind, after its name ("in Idlib province", "in Lombardy region")
            "province", "region", "governorate", "district", "county", "state", "oblast", "prefecture",
            "department", "city", "municipality", "area", "town", "village", "camp", "strip"}


# "US-led", "Saudi-backed": a hyphen and a lowercase word; "Emilia-Romagna" is a name.
_HYPHEN_TAIL = re.compile(r"-(?![A-ZÀ-Þ])")


def unread_place(text: str) -> str:
    """The place the words put the figure in, written as a name Reviewer does not know ("Lombardy" of
    "the population of Lombardy"), or "". Only a name of capitalised words without digits or a hyphen's
    lowercase tail ("US-led", "FY2020", "Mid-2020"), not a possessive ("Amnesty's report"), that the sentence goes
    on from: a wrong place would take the figure away from a claim that names none."""
    for match in _NAMED_AFTER.finditer(text):
        name = match.group(1).rstrip(".,")
        first = name.split()[0].lower()
        if first in _NOT_PLACE_WORDS or (name.isupper() and len(name) <= 4) or len(name) < 3 or \
                any(c.isdigit() for c in name) or _HYPHEN_TAIL.search(name) or _POSSESSIVE.search(name):
            continue
        rest = text[match.start(1) + len(name):].lstrip()
        following = rest.split(maxsplit=1)[0].lower().strip(".,;:!?)") if rest else ""
        if rest and rest[0] not in ".,;:!?)(—–" and following not in _GOES_ON and not following[:1].isdigit():
            continue
        return name
    return ""


_IN_BEFORE = re.compile(r"\b(?:in|across|throughout|within|inside|for)\s+(?:the\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=65_536)
def _country_in(words: str) -> str:
    """The country a run of capitalised words names: the words, else their tail ("The UK" is the UK)."""
    tokens = words.split()
    for token in tokens[:-1]:  # "UK Covid deaths", "the US's Covid toll": a country's short name leads
        if (short := _POSSESSIVE.sub("", token)) in _SHORT_NAMES:
            return _country(short)
    for start in range(len(tokens)):
        candidate = " ".join(tokens[start:])
        if candidate.isupper() and len(candidate) <= 4 and candidate not in _SHORT_NAMES:
            continue  # "AI", "WHO", "MoH": initials, not country codes
        if len(candidate) < 4 and candidate not in _SHORT_NAMES:
            continue
        country = _country(candidate)
        if country and read_place(candidate).scope == COUNTRY and (" " in candidate or _names_it(candidate, country)):
            return country
    return ""


_SPELLED_APART = {"britain", "america", "burma", "holland", "swaziland", "drc", "us", "usa", "uk", "uae", "u.s.",
                  "u.k."}


def country_in_name(name: str) -> str:
    """The country a column or metric name names among its words ("killed_in_lebanon", "palestine_total"),
    or "". Each word must be a country's name: the converter also finds "Mali" inside "normalised"."""
    for word in re.split(r"[_\s/,.()-]+", name):
        if len(word) >= 4 and (place := read_place(word)).scope in {COUNTRY, SUBNATIONAL} and place.country and \
                _names_it(word, place.country if place.scope == COUNTRY else word):
            return place.name
    return ""


def names_only(name: str, country: str) -> bool:
    """Whether a name is the country's own and nothing more ("France", "Korea, South"; not
    "palestine_total")."""
    words = [w for w in re.split(r"[_\s/,.()*-]+", name) if len(w) >= 4]
    return bool(words) and read_place(name).name == country and all(_names_it(w, country) for w in words)


def _names_it(word: str, country: str) -> bool:
    """Whether one word is the country's own name (or a form of it: "Syrian" for Syria), not a longer
    word the converter's patterns happen to find it in."""
    word = _folded(word.lower().strip("."))
    if word in _SPELLED_APART:
        return True
    return any(word.startswith(_folded(part[:4].lower())) for part in country.split() if len(part) >= 4)


def _folded(text: str) -> str:
    """Without accents: "Türkiye" and "Turkey" share their first letters."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
