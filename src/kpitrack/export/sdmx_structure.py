"""The SDMX data structure of a programme: components, codelists and the id mapping.

Built once from the definitions; the SDMX-CSV rows and the SDMX-ML structure file both read
it, so a code in the data is always a code of the structure.

Dimensions: ``INDICATOR``, one per codelist of the programme (``_T`` is the total), then
``TIME_PERIOD``. Measure: ``OBS_VALUE``. Attributes: ``OBS_STATUS``, ``CONF_STATUS`` (``F``
published, ``C`` a small count, ``D`` withheld with it), ``LOWER_BOUND``, ``UPPER_BOUND``,
``COMMENT_OBS`` (the note), ``UNIT_MEASURE`` (per indicator), ``PARTNER``, ``SUBMISSION``,
``RECEIVED``, ``REVISED``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kpitrack import i18n
from kpitrack.definitions.models import Indicator
from kpitrack.export.ids import (
    TOTAL_CODE,
    agency_id,
    code_ids,
    component_ids,
    structure_version,
    unit_code,
)
from kpitrack.i18n.structure_words import structure_words
from kpitrack.measurements.model import OBS_STATUSES
from kpitrack.workspace import Workspace

Texts = dict[str, str]  # language → text
Role = Literal["dimension", "time", "measure", "attribute"]
CONF_STATUSES = ("F", "C", "D")
CONF_OF_WITHHELD = {None: "F", "small": "C", "complement": "D"}


@dataclass(frozen=True, slots=True)
class Code:
    id: str
    names: Texts
    descriptions: Texts = field(default_factory=dict)
    kpitrack_id: str | None = None  # the id it maps from, when it has one


@dataclass(frozen=True, slots=True)
class Codelist:
    id: str
    names: Texts
    codes: tuple[Code, ...]


@dataclass(frozen=True, slots=True)
class Component:
    """A dimension, the measure or an attribute; coded (``codelist``) or typed (``text_type``)."""

    id: str
    role: Role
    names: Texts
    codelist: str | None = None
    text_type: str | None = None
    mandatory: bool = False
    attached_to: str | None = None  # a dimension id; None: the observation


@dataclass(frozen=True, slots=True)
class SdmxStructure:
    agency: str
    agency_names: Texts
    version: str
    names: Texts  # of the dataflow
    languages: tuple[str, ...]
    components: tuple[Component, ...]
    codelists: tuple[Codelist, ...]
    dimension_of: dict[str, str]  # programme codelist id → dimension id
    codes_of: dict[str, dict[str, str]]  # programme codelist id → {kpitrack code: SDMX code}
    indicator_codes: dict[str, str]
    partner_codes: dict[str, str]
    unit_of: dict[str, str]  # indicator id → unit code
    dsd_id: str = "DSD_INDICATORS"
    dataflow_id: str = "DF_INDICATORS"
    concept_scheme_id: str = "CS_INDICATORS"

    @property
    def structure_id(self) -> str:
        """The dataflow as SDMX-CSV names it: ``AGENCY:ID(VERSION)``."""
        return f"{self.agency}:{self.dataflow_id}({self.version})"


def build_structure(workspace: Workspace) -> SdmxStructure:
    """The data structure of the workspace's programme (definitions only, no figures)."""
    programme = workspace.programme
    languages = workspace.languages
    dimension_of = component_ids(programme.codelists)
    codes_of = {dim: code_ids(cl.codes) for dim, cl in programme.codelists.items()}
    indicator_codes = code_ids(workspace.indicators)
    partner_codes = code_ids(p.id for p in programme.partners)
    units = _units(list(workspace.indicators.values()), languages)

    codelists = [
        Codelist(
            "CL_INDICATOR",
            structure_words("CL_INDICATOR", languages),
            tuple(
                Code(
                    indicator_codes[i.id],
                    _texts(i.name, languages),
                    _texts(i.definition, languages),
                    i.id,
                )
                for i in sorted(workspace.indicators.values(), key=lambda i: i.id)
            ),
        )
    ]
    for dim in sorted(programme.codelists):
        codelist = programme.codelists[dim]
        codes = [Code(TOTAL_CODE, structure_words("total", languages))]
        codes.extend(
            Code(codes_of[dim][code], _texts(label, languages), kpitrack_id=code)
            for code, label in sorted(codelist.codes.items())
        )
        codelists.append(
            Codelist(f"CL_{dimension_of[dim]}", _texts(codelist.label, languages), tuple(codes))
        )
    codelists.append(
        Codelist(
            "CL_OBS_STATUS",
            structure_words("CL_OBS_STATUS", languages),
            tuple(
                Code(code, {lang: i18n.obs_status_label(code, lang) for lang in languages})
                for code in OBS_STATUSES
            ),
        )
    )
    codelists.append(
        Codelist(
            "CL_CONF_STATUS",
            structure_words("CL_CONF_STATUS", languages),
            tuple(Code(code, structure_words(f"conf_{code}", languages)) for code in CONF_STATUSES),
        )
    )
    codelists.append(
        Codelist(
            "CL_PARTNER",
            structure_words("CL_PARTNER", languages),
            tuple(
                Code(partner_codes[p.id], _texts(p.name, languages), kpitrack_id=p.id)
                for p in sorted(programme.partners, key=lambda p: p.id)
            ),
        )
    )
    if units.codes:
        codelists.append(
            Codelist("CL_UNIT_MEASURE", structure_words("CL_UNIT_MEASURE", languages), units.codes)
        )

    def concept(component_id: str, role: Role, **kw: object) -> Component:
        return Component(component_id, role, structure_words(component_id, languages), **kw)  # type: ignore[arg-type]

    components = [concept("INDICATOR", "dimension", codelist="CL_INDICATOR")]
    components.extend(
        Component(
            dimension_of[dim],
            "dimension",
            _texts(programme.codelists[dim].label, languages),
            codelist=f"CL_{dimension_of[dim]}",
        )
        for dim in sorted(programme.codelists)
    )
    components.extend(
        [
            concept("TIME_PERIOD", "time", text_type="ObservationalTimePeriod"),
            concept("OBS_VALUE", "measure", text_type="Double"),
            concept("OBS_STATUS", "attribute", codelist="CL_OBS_STATUS", mandatory=True),
            concept("CONF_STATUS", "attribute", codelist="CL_CONF_STATUS", mandatory=True),
            concept("LOWER_BOUND", "attribute", text_type="Double"),
            concept("UPPER_BOUND", "attribute", text_type="Double"),
            concept("COMMENT_OBS", "attribute", text_type="String"),
        ]
    )
    if units.codes:
        components.append(
            concept(
                "UNIT_MEASURE", "attribute", codelist="CL_UNIT_MEASURE", attached_to="INDICATOR"
            )
        )
    components.extend(
        [
            concept("PARTNER", "attribute", codelist="CL_PARTNER", mandatory=True),
            concept("SUBMISSION", "attribute", text_type="Integer", mandatory=True),
            concept("RECEIVED", "attribute", text_type="DateTime", mandatory=True),
            concept("REVISED", "attribute", text_type="Boolean", mandatory=True),
        ]
    )
    return SdmxStructure(
        agency=agency_id(programme.id),
        agency_names={lang: programme.owner for lang in languages},
        version=structure_version(programme.version),
        names={
            lang: f"{title} — {structure_words('dataflow', languages)[lang]}"
            for lang, title in _texts(programme.title, languages).items()
        },
        languages=tuple(languages),
        components=tuple(components),
        codelists=tuple(codelists),
        dimension_of=dimension_of,
        codes_of=codes_of,
        indicator_codes=indicator_codes,
        partner_codes=partner_codes,
        unit_of=units.of_indicator,
    )


@dataclass(frozen=True, slots=True)
class _Units:
    codes: tuple[Code, ...]
    of_indicator: dict[str, str]


def _units(indicators: list[Indicator], languages: list[str]) -> _Units:
    """One code per distinct unit (a percentage without a unit is ``PCT``)."""
    by_texts: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for indicator in sorted(indicators, key=lambda i: i.id):
        texts = _texts(indicator.unit, languages) if indicator.unit else {}
        if not any(texts.values()) and indicator.measure == "percentage":
            texts = dict.fromkeys(languages, "%")
        if any(texts.values()):
            by_texts.setdefault(tuple(sorted(texts.items())), []).append(indicator.id)
    codes: list[Code] = []
    of_indicator: dict[str, str] = {}
    taken: set[str] = set()
    for texts_key in sorted(by_texts, key=lambda k: (unit_code(dict(k)[languages[0]]), k)):
        texts = dict(texts_key)
        base = unit_code(texts[languages[0]])
        code, n = base, 2
        while code in taken:
            code, n = f"{base}_{n}", n + 1
        taken.add(code)
        codes.append(Code(code, texts))
        for indicator_id in by_texts[texts_key]:
            of_indicator[indicator_id] = code
    return _Units(tuple(codes), of_indicator)


def _texts(text: object, languages: list[str]) -> Texts:
    """A text map (or plain string) for every language, the first language as fallback."""
    if isinstance(text, dict):
        first = str(next(iter(text.values()), ""))
        return {lang: str(text.get(lang) or first) for lang in languages}
    return dict.fromkeys(languages, str(text or ""))
