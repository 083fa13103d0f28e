"""Names of people from bylines: split lists, keep credentials with their person."""

from __future__ import annotations

import re

# Degrees and licences written after a name ("Grant Tinsley, PhD"): they belong to the
# name before them, never stand as a person of their own.
CREDENTIALS = frozenset(
    """phd md do rn msn bsn np dnp rd ld rdn cdn cdces cde ms msc ma ba bs bsc mph mba dpt pt
    pharmd psyd lcsw lmft lpc cpt ibclc faan facp fache facog frcp frcs mbbs mbchb dds dmd od
    cne coi pa pa-c aprn crnp fnp fnp-c acsm nasm cscs edd jd mfa med mpa mhs dc ccc-slp""".split()
)
_AND = r"(?:and|och|og|en|und|et|y|e|i|a|și|és|ve|ja|и|і|та|και)"
# ", and" (the Oxford comma) first, so that "and" is not left at the start of a name.
_SEPARATORS = re.compile(rf"\s*(?:,\s*{_AND}\s+|[;&|/·•,]|\s{_AND}\s)\s*", re.IGNORECASE)
_BY_WORDS = r"(?:by|von|av|af|door|por|par|od|przez|от|від|από)"
_BY = re.compile(rf"^{_BY_WORDS}\s+", re.IGNORECASE)
_BY_ALONE = re.compile(rf"^{_BY_WORDS}$", re.IGNORECASE)
# What a template leaves around a name: "Nicolas Perriault —", "~ Rachel M", "Name *",
# "University ©". Stripped from both ends; a part with no letter left is no name.
_NOT_NAME_ENDS = " ,.;:—–-~*©®™|·•»«>"


def split_people(text: str) -> list[str]:
    """'By A. Smith, MD, and B. Jones' → ['A. Smith, MD', 'B. Jones']."""
    people: list[str] = []
    for part in _SEPARATORS.split(_BY.sub("", text.strip())):
        part = part.strip(_NOT_NAME_ENDS) if not is_credential(part) else part.strip(" ,")
        if not any(c.isalpha() for c in part) or _BY_ALONE.match(part):
            continue
        if is_credential(part) and people:
            people[-1] = f"{people[-1]}, {part}"
        else:
            people.append(part)
    return list(dict.fromkeys(people))


def is_credential(word: str) -> bool:
    return word.replace(".", "").strip(" ,").lower() in CREDENTIALS
