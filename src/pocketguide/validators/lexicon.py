"""Word rules for the guide: stigmatising terms (with replacements) and forbidden content.

Stigma rules (WRD) run on prose with quotations, code, link targets and proper names blanked
(``prose.mask_quotes``): people may describe themselves in their own words, and a source
title is not our wording. Sources for the lexicon: NIDA "Words Matter", the VA's
"Destigmatizing language in substance use", INPUD/ANPUD "Words Matter!", AAP 2022 (Table 1).
Clinical terms ("panic attack", "detox", "addiction" as a condition) are deliberately absent,
and "clean needles/equipment" is not about a person, so it is never flagged.

Forbidden rules (FBD) come from the content contract and run on everything a reader can see
(``prose.mask_markup``, so quotes and front matter count): milligram dose figures, "normal
dose" talk, routes to a K-hole, injection preparation and needle gauges.

The rules name drugs in general ("drug users", "substance abuse"); a guide adds the names of
its own drugs with the ``substances`` setting of the checks, so "<name> abuse" is caught too.

Stigma rules are about words of one language, so each page gets its own language's lexicon
(:func:`stigma_rules_for`): English pages the English one, Spanish pages (``X.es.md``) a
small Spanish one, other languages none yet. The Spanish lexicon holds only terms that are
plainly stigmatising: drogadicto, yonqui, toxicómano, adicto as a noun for a person ("un
adicto", "los adictos", "exadicto") and "abuso de drogas" / "abusar de las drogas"; "abuso"
alone (as in "abuso sexual") and "adicto a" (an adjective) are left alone. Forbidden content is
forbidden in any language: every page gets the English and the Spanish FBD patterns (dose
figures in mg or "miligramos", "dosis normal", the way to an "agujero K", "cargar la jeringa").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pocketguide.findings import Finding, Severity
from pocketguide.validators.prose import position

_I = re.IGNORECASE
PERSON = "person who uses drugs (or people who use drugs)"
_OBJECTS = (
    r"needles?|syringes?|equipment|gear|kit|works|straws?|notes?|surfaces?|water|spoons?|"
    r"cookers?|filters?|hands?|tools?|supplies|pipes?|cups?|glass(?:es)?|bottles?|plates?|mirrors?"
)
_TECH_BEFORE = re.compile(
    r"(?:screen[- ]reader|iphone|ipad|android|ios|app|chrome|safari|firefox|edge|browser|phone|"
    r"web|samsung|windows|mac|computer|desktop|mobile|internet|end)\s*$",
    _I,
)
_TECH_AFTER = re.compile(r"^\s*(?:interface|agent|name|account|data|settings|guide|manual)", _I)


@dataclass(frozen=True)
class Rule:
    """A pattern, its code and severity, and what to write instead."""

    code: str
    pattern: re.Pattern[str]
    message: str
    fix: str
    severity: Severity = Severity.ERROR

    def findings(self, text: str, path: str) -> list[Finding]:
        """Return a finding for each match of the rule in ``text``."""
        found = []
        for match in self.pattern.finditer(text):
            if self.code == "WRD001" and _is_tech_user(text, match):
                continue
            line, col = position(text, match.start())
            message = self.message.format(term=" ".join(match.group().split()))
            found.append(Finding(path, line, col, self.code, message, self.fix, self.severity))
        return found


def _is_tech_user(text: str, match: re.Match[str]) -> bool:
    """Return True for "user" about software ("screen reader users", "user interface")."""
    if not match.group().lower().startswith("user"):
        return False
    before = text[max(0, match.start() - 30) : match.start()]
    return bool(_TECH_BEFORE.search(before) or _TECH_AFTER.match(text[match.end() :]))


def _stigma(pattern: str, fix: str, severity: Severity = Severity.ERROR) -> Rule:
    code = "WRD001" if severity is Severity.ERROR else "WRD002"
    message = "'{term}' is stigmatising language"
    return Rule(code, re.compile(pattern, _I), message, f"write '{fix}' instead", severity)


def _names(substances: tuple[str, ...]) -> str:
    """A guide's own drug names as regular-expression alternatives, each followed by ``|``.

    >>> _names(("poppers", " ", "k2"))
    'poppers|k2|'
    """
    return "".join(f"{re.escape(name)}|" for name in substances if name.strip())


@lru_cache(maxsize=8)
def stigma_rules(substances: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The stigma rules, with ``substances`` (a guide's drug names) wherever drugs are named."""
    s = _names(substances)
    return (
        _stigma(r"\b(?:(?:former|reformed|recovering|ex)[- ])?addicts?\b", PERSON),
        _stigma(rf"\b(?:(?:{s}drug|substance|alcohol) )?abusers?\b", PERSON),
        _stigma(
            rf"\b(?:{s}drug|substance|alcohol|opioid|prescription drug|solvent|inhalant|k)s?"
            r" abuse\b"
            rf"|\babus(?:e|es|ed|ing) (?:of )?(?:{s}drugs|substances|alcohol|k)\b",
            "drug use (or 'substance use disorder' when a diagnosis is meant)",
        ),
        _stigma(
            r"\b(?:junk(?:ie|y|ies)|crack ?heads?|druggies?|druggy|dope ?fiends?|stoners?"
            r"|pot ?heads?|tweakers?|ket ?heads?|k ?heads?|alcoholics?)\b",
            PERSON,
        ),
        _stigma(
            r"\b(?:stay|stays|stayed|staying|get|gets|got|getting|go|goes|went|going|been|being|"
            rf"keep|keeps|kept|remain|remains|remained)\s+clean\b(?!\s+(?:{_OBJECTS})\b)"
            r"|\b(?:I|you|he|she|they|we|someone|people|person|friends?|I'm|you're|he's|she's|"
            r"they're|we're)\s+(?:(?:is|are|am|was|were|has been|have been|had been)\s+)?"
            rf"(?:now\s+)?(?:clean|dirty)\b(?!\s+(?:{_OBJECTS})\b)"
            r"|\b(?:clean|dirty)\s+(?:for|since)\s+"
            r"(?:\d+|a|an|one|two|three|several|many|months|years|weeks|days)\b"
            r"|\bclean time\b",
            "not using drugs / in recovery (for 'clean'), using drugs (for 'dirty')",
        ),
        _stigma(
            r"\b(?:clean|dirty)\s+(?:urine|tests?|samples?|screens?|drug tests?|urine tests?)\b",
            "tested negative / tested positive",
        ),
        _stigma(
            rf"\b(?:(?:{s}drug|k|substance|heroin|opioid|iv|injecting|injection|recreational|"
            r"regular|heavy|chronic|problem|habitual)\s+)?users?\b",
            PERSON,
        ),
        _stigma(r"\brelaps(?:e|es|ed|ing)\b", "return to use", Severity.WARN),
        _stigma(rf"\b(?:{s}drug|k|substance)\s+habits?\b", "drug use", Severity.WARN),
        _stigma(
            r"\b(?:opioid |drug )?(?:replacement|substitution) (?:therapy|treatment)\b",
            "medication for opioid use disorder (MOUD)",
            Severity.WARN,
        ),
        _stigma(r"\boverdose victims?\b", "person who overdosed", Severity.WARN),
        _stigma(
            r"\b(?:suffers?|suffering|afflicted)\s+(?:from|with)\s+"
            r"(?:addiction|drug use|substance use)\b",
            "has a substance use disorder",
            Severity.WARN,
        ),
        _stigma(rf"\b(?:{s}drug|substance)\s+misuse\b", "drug use", Severity.WARN),
        _stigma(r"\baddicted\s+to\b", "dependent on (or 'has a ... use disorder')", Severity.WARN),
    )


PERSONA = "persona que usa drogas (o personas que usan drogas)"
_DETERMINERS = (
    r"un|una|unos|unas|el|la|los|las|este|esta|estos|estas|ese|esa|esos|esas|aquel|aquella|"
    r"aquellos|aquellas|otro|otra|otros|otras|mi|mis|tu|tus|su|sus|nuestros?|nuestras?|"
    r"muchos|muchas|algunos|algunas|ningún|ninguna|cualquier|ex"
)


@lru_cache(maxsize=8)
def stigma_rules_es(substances: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The Spanish stigma rules, with ``substances`` wherever drugs are named."""
    s = _names(substances)
    drugs = rf"(?:(?:las?|los)\s+)?(?:{s}ketamina|drogas?|sustancias?|alcohol|estupefacientes)"
    return (
        _stigma(r"\b(?:drogadict[oa]s?|yonqu(?:i|is|ies)|yonkis?|toxic[oó]man[oa]s?)\b", PERSONA),
        _stigma(rf"\b(?:{_DETERMINERS})[\s-]+adict[oa]s?\b|\bexadict[oa]s?\b", PERSONA),
        _stigma(
            rf"\babusos?\s+(?:de|del)\s+{drugs}\b"
            rf"|\babus(?:ar|a|as|an|ó|aba|aban|ando|ado|en|e)\s+(?:de|del)\s+{drugs}\b",
            "uso problemático de drogas (o 'trastorno por consumo de sustancias' "
            "si es un diagnóstico)",
        ),
    )


STIGMA_RULES = stigma_rules()
"""The stigma rules for a guide that names no drug of its own."""

_KHOLE = r"k[- ]?hole"
# "20 micrograms of a drug per litre of blood" is a legal limit, not a dose.
_CONCENTRATION = (
    r"(?:\s+(?:of|de)\s+\w+)?\s*(?:/|per|por)\s*"
    r"(?:litre|liter|litro|l|ml|dl|decilitre|deciliter|decilitro)\b"
)
_REACH = r"(?:reach|get\s+(?:in)?to|enter|hit|achieve|induce|go\s+into|fall\s+into|get)"


def _forbidden(code: str, pattern: str, what: str, fix: str) -> Rule:
    message = f"{what}: '{{term}}'"
    return Rule(code, re.compile(pattern, _I), message, fix)


FORBIDDEN_RULES: tuple[Rule, ...] = (
    _forbidden(
        "FBD001",
        r"\b\d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?)?\s*"
        r"(?:mg|milligrams?|mcg|µg|μg|ug|micrograms?|grams?|miligramos?|microgramos?|gramos?)\b"
        rf"(?!{_CONCENTRATION})(?:\s*(?:/|per|por)\s*(?:kg|kilo(?:gram)?s?|kilos?)\b)?"
        r"|\bmg\s*/\s*kg\b",
        "dose figure",
        "remove it: the guide gives no dose amounts (they differ by batch and person)",
    ),
    _forbidden(
        "FBD002",
        r"\b(?:normal|usual|typical|standard|average|recommended|starting)\s+(?:doses?|amounts?)\b",
        "'normal dose' wording",
        "remove it: there is no normal dose; describe how to lower risk instead",
    ),
    _forbidden(
        "FBD003",
        rf"\bhow\s+to\s+{_REACH}\s+(?:a|the|into\s+a)\s+{_KHOLE}"
        rf"|\b(?:best|easiest|fastest|quickest|safest)\s+way\s+to\s+{_REACH}\s+(?:a|the)\s+{_KHOLE}"
        rf"|\b{_KHOLE}\s+doses?\b|\bdoses?\s+(?:for|to\s+reach|needed\s+for)\s+(?:a|the)\s+{_KHOLE}"
        rf"|\bto\s+(?:reach|achieve|induce|hit)\s+(?:a|the)\s+{_KHOLE},?\s+"
        r"(?:take|use|snort|you\s+need|bump|redose|re-dose)"
        r"|\b(?:tips|steps)\s+(?:for|to)\s+(?:reaching|getting\s+into|entering)\s+"
        rf"(?:a|the)\s+{_KHOLE}",
        "reads as a route to a K-hole",
        "describe what a K-hole is and how to keep someone safe, never how to reach one",
    ),
    _forbidden(
        "FBD004",
        r"\b\d{2}\s*-?\s*(?:gauge|ga)\b|\b(?:2\d|3[0-2])\s*g\s+(?:needles?|syringes?|pins?)\b"
        r"|\bneedle\s+(?:gauge|size)s?\b|\bgauge\s+(?:needles?|syringes?)\b"
        r"|\bhow\s+to\s+(?:inject|shoot\s+up|bang)\b"
        r"|\b(?:prepar(?:e|es|ing)|preparation\s+of|mix(?:ing)?|dissolv(?:e|ing))\s+"
        r"(?:an?\s+|the\s+|your\s+)?"
        r"(?:shot|injection|(?:solution|\w+)\s+(?:for|to)\s+inject\w*)\b"
        r"|\bdraw(?:ing)?\s+(?:it\s+|the\s+\w+\s+)?up\s+(?:into|in)\s+(?:a|the)\s+syringe\b"
        r"|\binject(?:ing)?\s+(?:it\s+)?into\s+(?:a|the|your)\s+(?:vein|muscle)\b"
        r"|\bfind(?:ing)?\s+a\s+vein\b",
        "injection preparation or needle advice",
        "remove it: point to a needle and syringe service instead",
    ),
)


_KHOLE_ES = r"(?:agujero\s*-?\s*k|k[- ]?hole)\b"
_ART_ES = r"(?:(?:a|en)\s+)?(?:(?:al?|el|un)\s+)?"
_REACH_ES = r"(?:llegar|entrar|meterse|caer|alcanzar|conseguir)"

FORBIDDEN_RULES_ES: tuple[Rule, ...] = (
    _forbidden(
        "FBD002",
        r"\bdosis\s+(?:normal(?:es)?|habitual(?:es)?|t[ií]picas?|est[aá]ndar|recomendadas?|"
        r"medias?|iniciales?|de\s+inicio)\b"
        r"|\bcantidad(?:es)?\s+(?:normal(?:es)?|habitual(?:es)?|t[ií]picas?|recomendadas?)\b",
        "'normal dose' wording",
        "remove it: there is no normal dose; describe how to lower risk instead",
    ),
    _forbidden(
        "FBD003",
        rf"\bc[oó]mo\s+{_REACH_ES}\s+{_ART_ES}{_KHOLE_ES}"
        rf"|\b(?:forma|manera)\s+(?:m[aá]s\s+\w+\s+)?de\s+{_REACH_ES}\s+{_ART_ES}{_KHOLE_ES}"
        rf"|\bdosis\s+(?:para|de|necesaria\s+para)\s+(?:{_REACH_ES}\s+)?{_ART_ES}{_KHOLE_ES}"
        rf"|\bpara\s+{_REACH_ES}\s+{_ART_ES}{_KHOLE_ES},?\s+"
        r"(?:toma|tomar|usa|usar|esnifa|esnifar|necesitas|hace\s+falta)\b",
        "reads as a route to a K-hole",
        "describe what a K-hole is and how to keep someone safe, never how to reach one",
    ),
    _forbidden(
        "FBD004",
        r"\bc[oó]mo\s+(?:inyectar(?:se|la|lo|las|los|te)?|pincharse|chutarse)\b"
        r"|\bprepar(?:ar|a|as|an|ando|aci[oó]n\s+de)\s+(?:(?:una|la|tu|el)\s+)?"
        r"(?:inyecci[oó]n|jeringa|chute)\b"
        r"|\bcarg(?:ar|a|as|ando)\s+(?:(?:la|una|tu)\s+)?jeringa\b"
        r"|\bdisolv\w*\s+(?:\w+\s+){0,3}?para\s+inyectar\w*"
        r"|\binyectar(?:se|la|lo)?\s+en\s+(?:la|una|el|un|tu)\s+(?:vena|m[uú]sculo)\b"
        r"|\bencontrar\s+(?:una|la)\s+vena\b"
        r"|\bcalibre\s+(?:de\s+(?:la\s+)?)?agujas?\b|\bagujas?\s+(?:de\s+)?calibre\b",
        "injection preparation or needle advice",
        "remove it: point to a needle and syringe service instead",
    ),
)
"""Spanish forms of the FBD rules that are English words (FBD001 takes "miligramos" itself)."""

LEXICONS = {"en": stigma_rules, "es": stigma_rules_es}
"""The stigma lexicon of each language (by its code without region), for pages in it."""


def stigma_rules_for(language: str, substances: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """Return the stigma rules for pages in ``language`` (none for a language without a lexicon).

    >>> len(stigma_rules_for("fr"))
    0
    """
    rules = LEXICONS.get(re.split(r"[_-]", language, maxsplit=1)[0].lower())
    return rules(substances) if rules else ()


def check_wording(
    prose: str, path: str, substances: tuple[str, ...] = (), language: str = "en"
) -> list[Finding]:
    """Return stigma findings (WRD001 error, WRD002 warn) in quote-masked prose;
    ``substances`` are the guide's own drug names (the ``substances`` setting), ``language``
    the page's language (its lexicon is used)."""
    rules = stigma_rules_for(language, substances)
    return [f for rule in rules for f in rule.findings(prose, path)]


def check_forbidden(visible: str, path: str) -> list[Finding]:
    """Return forbidden-content findings (FBD001..FBD004) in markup-masked text, English and
    Spanish patterns alike (forbidden content is forbidden in any language)."""
    rules = FORBIDDEN_RULES + FORBIDDEN_RULES_ES
    return [f for rule in rules for f in rule.findings(visible, path)]
