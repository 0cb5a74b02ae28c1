"""The SDMX-ML 2.1 structure message that goes with the SDMX-CSV file.

It holds the agency (the programme's owner), the dataflow, the codelists (indicators, one per
codelist of the programme, observation and confidentiality status, partners, units), the
concepts and the data structure definition. Every code that maps from a kpitrack id carries an
annotation of type ``KPITRACK_ID`` with that id. Elements are written in the order the SDMX 2.1
schemas require; the same structure gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from kpitrack.export.sdmx_structure import Code, Codelist, Component, SdmxStructure, Texts
from kpitrack.i18n.structure_words import structure_words

MES = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
STR = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"
COM = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ANNOTATION_TYPE = "KPITRACK_ID"


def structure_xml(structure: SdmxStructure, prepared: date) -> bytes:
    """The structure message; ``prepared`` (the as-of date) keeps the header reproducible."""
    ET.register_namespace("mes", MES)
    ET.register_namespace("str", STR)
    ET.register_namespace("com", COM)
    root = ET.Element(f"{{{MES}}}Structure")
    header = _sub(root, MES, "Header")
    _sub(header, MES, "ID", f"{structure.agency}_{structure.dsd_id}")
    _sub(header, MES, "Test", "false")
    _sub(header, MES, "Prepared", f"{prepared.isoformat()}T00:00:00Z")
    _sub(header, MES, "Sender", id=structure.agency)
    structures = _sub(root, MES, "Structures")

    schemes = _sub(structures, STR, "OrganisationSchemes")
    agencies = _sub(schemes, STR, "AgencyScheme", id="AGENCIES", agencyID="SDMX", version="1.0")
    _names(agencies, {"en": "SDMX Agency Scheme"})
    _names(_sub(agencies, STR, "Agency", id=structure.agency), structure.agency_names)

    flows = _sub(structures, STR, "Dataflows")
    flow = _sub(flows, STR, "Dataflow", **_maintained(structure, structure.dataflow_id))
    _names(flow, structure.names)
    reference = _sub(flow, STR, "Structure")
    _ref(reference, structure, structure.dsd_id, "datastructure", "DataStructure")

    codelists = _sub(structures, STR, "Codelists")
    for codelist in structure.codelists:
        _codelist(codelists, structure, codelist)

    concepts = _sub(structures, STR, "Concepts")
    scheme = _sub(
        concepts, STR, "ConceptScheme", **_maintained(structure, structure.concept_scheme_id)
    )
    _names(scheme, structure_words("concepts", list(structure.languages)))
    for component in structure.components:
        _names(_sub(scheme, STR, "Concept", id=component.id), component.names)

    dsds = _sub(structures, STR, "DataStructures")
    dsd = _sub(dsds, STR, "DataStructure", **_maintained(structure, structure.dsd_id))
    _names(dsd, structure.names)
    _components(_sub(dsd, STR, "DataStructureComponents"), structure)

    ET.indent(root, space="  ")
    content: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return content + b"\n"


def _components(parent: ET.Element, structure: SdmxStructure) -> None:
    dimensions = _sub(parent, STR, "DimensionList", id="DimensionDescriptor")
    attributes = [c for c in structure.components if c.role == "attribute"]
    position = 0
    for component in structure.components:
        if component.role in ("dimension", "time"):
            position += 1
            tag = "Dimension" if component.role == "dimension" else "TimeDimension"
            element = _sub(dimensions, STR, tag, id=component.id, position=str(position))
            _identity(element, structure, component)
    attribute_list = _sub(parent, STR, "AttributeList", id="AttributeDescriptor")
    for component in attributes:
        status = "Mandatory" if component.mandatory else "Conditional"
        element = _sub(attribute_list, STR, "Attribute", id=component.id, assignmentStatus=status)
        _identity(element, structure, component)
        relationship = _sub(element, STR, "AttributeRelationship")
        if component.attached_to is not None:
            _sub(_sub(relationship, STR, "Dimension"), "", "Ref", id=component.attached_to)
        else:
            _sub(_sub(relationship, STR, "PrimaryMeasure"), "", "Ref", id="OBS_VALUE")
    measures = _sub(parent, STR, "MeasureList", id="MeasureDescriptor")
    measure = next(c for c in structure.components if c.role == "measure")
    _identity(_sub(measures, STR, "PrimaryMeasure", id=measure.id), structure, measure)


def _identity(element: ET.Element, structure: SdmxStructure, component: Component) -> None:
    identity = _sub(element, STR, "ConceptIdentity")
    _sub(
        identity,
        "",
        "Ref",
        id=component.id,
        maintainableParentID=structure.concept_scheme_id,
        maintainableParentVersion=structure.version,
        agencyID=structure.agency,
        **{"package": "conceptscheme", "class": "Concept"},
    )
    if component.codelist is None and component.text_type is None:
        return
    representation = _sub(element, STR, "LocalRepresentation")
    if component.codelist is not None:
        enumeration = _sub(representation, STR, "Enumeration")
        _ref(enumeration, structure, component.codelist, "codelist", "Codelist")
    else:
        _sub(representation, STR, "TextFormat", textType=str(component.text_type))


def _codelist(parent: ET.Element, structure: SdmxStructure, codelist: Codelist) -> None:
    element = _sub(parent, STR, "Codelist", **_maintained(structure, codelist.id))
    _names(element, codelist.names)
    for code in codelist.codes:
        _code(element, code)


def _code(parent: ET.Element, code: Code) -> None:
    element = _sub(parent, STR, "Code", id=code.id)
    if code.kpitrack_id is not None:
        annotation = _sub(_sub(element, COM, "Annotations"), COM, "Annotation")
        _sub(annotation, COM, "AnnotationTitle", code.kpitrack_id)
        _sub(annotation, COM, "AnnotationType", ANNOTATION_TYPE)
    _names(element, code.names)
    for lang, text in code.descriptions.items():
        if text:
            _sub(element, COM, "Description", text, **{XML_LANG: lang})


def _names(element: ET.Element, names: Texts) -> None:
    for lang, text in names.items():
        _sub(element, COM, "Name", text, **{XML_LANG: lang})


def _ref(parent: ET.Element, structure: SdmxStructure, id: str, package: str, cls: str) -> None:
    _sub(
        parent,
        "",
        "Ref",
        id=id,
        version=structure.version,
        agencyID=structure.agency,
        **{"package": package, "class": cls},
    )


def _maintained(structure: SdmxStructure, id: str) -> dict[str, str]:
    return {
        "id": id,
        "agencyID": structure.agency,
        "version": structure.version,
        "isFinal": "false",
    }


def _sub(
    parent: ET.Element, ns: str, tag: str, text: str | None = None, **attrib: str
) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ns}}}{tag}" if ns else tag, attrib)
    if text is not None:
        element.text = text
    return element
