"""Finland's municipalities (kunnat) and regions (maakunnat) as static reference data.

Talent profiles are region-aware: a talent picks the municipality they live or want to work
in, and enterprises filter the talent pool by region (maakunta), so a municipality has to know
which region it belongs to. The list is the Statistics Finland classification in force in
2025 and 2026 (308 municipalities in 19 regions, Åland included) and ships with the code in
``profiles/data/municipalities.csv``; it is read once per process and never touches the
database.

Codes are Statistics Finland's: three digits for a municipality (``"167"`` Joensuu), two for a
region (``"12"`` Pohjois-Karjala). Store the code, not the name: names differ by language and
change on mergers, codes do not.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.translated import active_language

DATA_FILE = Path(__file__).resolve().parent / "data" / "municipalities.csv"

# Finnish and Swedish alphabetical order: å, ä and ö come after z.
_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"
_ORDER = {letter: index for index, letter in enumerate(_ALPHABET)}


def _sort_key(name: str) -> tuple[int, ...]:
    """Collation key for Finnish/Swedish names (plain ``sorted`` puts Å before Ä)."""
    return tuple(_ORDER.get(char, len(_ALPHABET) + ord(char)) for char in name.casefold())


def _is_swedish(language_code: str | None) -> bool:
    return (language_code or "").replace("_", "-").split("-")[0].lower() == "sv"


@dataclass(frozen=True, slots=True)
class Region:
    """A region (maakunta), e.g. ``Region("12", "Pohjois-Karjala", "Norra Karelen")``."""

    code: str
    name_fi: str
    name_sv: str

    def label(self, language_code: str) -> str:
        """The Swedish name for ``"sv"``, otherwise the Finnish one (also used in English)."""
        return self.name_sv if _is_swedish(language_code) else self.name_fi


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality (kunta) and the region it belongs to."""

    code: str
    name_fi: str
    name_sv: str
    region: Region

    def label(self, language_code: str) -> str:
        """The Swedish name for ``"sv"``, otherwise the Finnish one (also used in English)."""
        return self.name_sv if _is_swedish(language_code) else self.name_fi


@dataclass(frozen=True, slots=True)
class _Data:
    municipalities: tuple[Municipality, ...]
    regions: tuple[Region, ...]
    by_code: dict[str, Municipality]


@cache
def _data() -> _Data:
    regions: dict[str, Region] = {}
    municipalities: list[Municipality] = []
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            region = Region(row["region_code"], row["region_fi"], row["region_sv"])
            known = regions.setdefault(region.code, region)
            if known != region:
                raise ValueError(f"{DATA_FILE.name}: region {region.code} is named inconsistently")
            municipalities.append(Municipality(row["code"], row["name_fi"], row["name_sv"], known))
    municipalities.sort(key=lambda item: _sort_key(item.name_fi))
    by_code = {item.code: item for item in municipalities}
    if len(by_code) != len(municipalities):
        raise ValueError(f"{DATA_FILE.name}: duplicate municipality codes")
    return _Data(
        municipalities=tuple(municipalities),
        regions=tuple(sorted(regions.values(), key=lambda item: _sort_key(item.name_fi))),
        by_code=by_code,
    )


def _normalise(code: str, width: int) -> str:
    code = code.strip()
    return code.zfill(width) if code.isdigit() else code


def municipalities() -> tuple[Municipality, ...]:
    """All municipalities, sorted by Finnish name."""
    return _data().municipalities


def regions() -> tuple[Region, ...]:
    """All regions (maakunnat, Åland included), sorted by Finnish name."""
    return _data().regions


def municipality(code: str) -> Municipality | None:
    """The municipality with this Statistics Finland code (``"167"`` or ``"91"``), or None."""
    return _data().by_code.get(_normalise(code, 3))


def municipalities_in_region(region_code: str) -> tuple[Municipality, ...]:
    """The municipalities of one region (``"12"`` or ``"9"``), sorted by Finnish name."""
    code = _normalise(region_code, 2)
    return tuple(item for item in _data().municipalities if item.region.code == code)


def municipality_choices(
    language_code: str | None = None,
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices for a ``<select>`` with one optgroup per region, in the given language (the
    active one when none is given, so the function itself can be a field's lazy choices).

    Returns ``[(region_label, [(municipality_code, municipality_label), ...]), ...]``, the
    shape Django's ``ChoiceField`` takes for grouped choices. Regions and the municipalities
    within each are sorted alphabetically by the label shown.
    """
    groups = _municipality_groups("sv" if _is_swedish(language_code or active_language()) else "fi")
    return [(region, list(options)) for region, options in groups]


@cache
def _municipality_groups(language_code: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    # Sorted once per language: a form with the select asks for the choices on every render.
    groups = []
    for region in sorted(regions(), key=lambda item: _sort_key(item.label(language_code))):
        members = municipalities_in_region(region.code)
        options = sorted(
            ((item.code, item.label(language_code)) for item in members),
            key=lambda option: _sort_key(option[1]),
        )
        groups.append((region.label(language_code), tuple(options)))
    return tuple(groups)
