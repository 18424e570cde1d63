"""The disclosure rules, loaded from ``rules/*.toml`` into typed models.

One file per jurisdiction (``FR.toml`` ... ``EU.toml``) plus ``platforms.toml`` (where each app
cuts a caption, its paid-partnership tool) and ``vocabulary.toml`` (product categories and the
phrase sets rules refer to as ``@name``). Rules are data so that a lawyer can read and correct
them without reading Python; every rule names its sources, and sources the research could not
confirm carry ``uncertain = true``. Beside them, ``wording.toml`` holds the package's own
sentences, for translators (see :mod:`bot.briefs.wording`).

A malformed file fails at load with a :class:`RuleDataError` naming the file and the field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.briefs.matching import (
    compound_pattern,
    contains,
    fold,
    label_pattern,
    phrase_pattern,
)
from bot.briefs.models import COMPENSATIONS, JURISDICTIONS, Compensation, Jurisdiction
from bot.briefs.wording import wording
from knowledge.text import Folded, fold_with_offsets

RULES_DIR = Path(__file__).with_name("rules")

Language = Literal["fr", "en", "de", "nl", "es", "it", "pt"]
LANGUAGES: tuple[str, ...] = Language.__args__  # type: ignore[attr-defined]
Severity = Literal["error", "warning"]
COMMERCIAL: tuple[str, ...] = tuple(c for c in COMPENSATIONS if c != "none")


class RuleDataError(ValueError):
    """A rule file that cannot be used; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A sentence in French and in English (briefs and messages follow the reader's language)."""

    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, language: str) -> str:
        return self.fr if language == "fr" else self.en


class Source(_Strict):
    title: str = Field(min_length=1)
    url: str
    uncertain: bool = False
    note: str = ""

    @field_validator("url")
    @classmethod
    def _https(cls, value: str) -> str:
        if not value.startswith("https://"):
            raise ValueError("must be an https:// link")
        return value


class Sourced(_Strict):
    sources: list[str] = Field(min_length=1)
    uncertain: bool = False


class Section(Sourced):
    rule: str
    text: Text


class Placement(Section):
    max_words_before: int | None = Field(default=None, ge=0)  # words allowed before the label
    story: Text
    video: Text
    live: Text


class PlatformTool(Section):
    sufficient_on: list[str] = Field(default_factory=list)  # platforms where the tool alone is enough


class CompensationRule(Sourced):
    required: bool
    text: Text


class Label(_Strict):
    text: str = Field(min_length=1)
    language: Language
    compensations: list[Compensation] = Field(default_factory=list)  # empty: accepted for all
    uncertain: bool = False
    note: str = ""


class AmbiguousLabel(_Strict):
    text: str = Field(min_length=1)
    why: Text


class ImageLabel(Section):
    accepted: list[str] = Field(min_length=1)
    suggestion: str


class PromotionRule(Sourced):
    """A prohibited or restricted promotion.

    It fires when all its given conditions hold: the product category is one of ``categories``,
    one of ``phrases`` is in the caption and one of ``with_phrases`` too (neither denied right
    before it: "not guaranteed"), none of ``requires_any`` is; never when the category is one of
    ``unless_categories`` or one of ``unless_phrases`` is in the caption (a before/after of a
    living room is no body result).
    """

    rule: str
    categories: list[str] = Field(default_factory=list)
    unless_categories: list[str] = Field(default_factory=list)
    unless_phrases: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    with_phrases: list[str] = Field(default_factory=list)  # one of these too, beside one of ``phrases``
    requires_any: list[str] = Field(default_factory=list)
    fix_append: str | None = None  # wording that fixes it, appended to the caption
    severity: Severity = "error"
    message: Text


class Minors(Sourced):
    text: Text


class JurisdictionRules(_Strict):
    jurisdiction: Jurisdiction
    name: Text
    inherits: list[str] = Field(default_factory=list)
    label_language: Language | Literal["post"]  # "post": the same language as the post
    wrong_language_severity: Severity = "error"
    caption_languages: list[Language] = Field(min_length=1)  # for example captions in briefs
    # Who enforces the rules, as people name them ("FTC compliance", "OK for the ASA?"): naming one
    # names the jurisdiction, folded and matched as whole words.
    regulators: list[str] = Field(default_factory=list)
    sources: dict[str, Source] = Field(min_length=1)
    disclosure: Section
    language: Section
    placement: Placement
    platform_tool: PlatformTool
    contract: Section | None = None  # contract requirements, shown in briefs
    compensation: dict[Compensation, CompensationRule]
    labels: list[Label] = Field(min_length=1)
    ambiguous: list[AmbiguousLabel] = Field(default_factory=list)
    suggestion: dict[Language, dict[Literal["paid", "gifted", "affiliate", "event"], str]]
    image_labels: dict[Literal["retouched", "virtual"], ImageLabel] = Field(default_factory=dict)
    prohibited: list[PromotionRule] = Field(default_factory=list)
    restricted: list[PromotionRule] = Field(default_factory=list)
    minors: Minors

    def suggestion_language(self, post_language: str | None) -> str:
        """The language of the label to suggest for a post in ``post_language``."""
        if self.label_language != "post":
            return self.label_language
        if post_language in self.suggestion:
            return post_language
        return self.caption_languages[0]

    def suggested_label(self, compensation: str, post_language: str | None) -> str:
        return self.suggestion[self.suggestion_language(post_language)][compensation]  # type: ignore[index]


class Platform(_Strict):
    name: str
    fold_chars: int = Field(gt=0)
    fold_lines: int = Field(gt=0)
    tool: Text | None = None


class Sense(_Strict):
    """A harmless sense of some of a category's ``words``: the word does not count when one of
    ``after`` follows it right away ("cigares aux amandes"; a tasting note after a comma,
    "cigare, notes de miel", is no filling) or one of ``with_words`` is anywhere in the caption
    ("Crypto" beside "déchiffrer", "Enigma"). Lists, or tables by language as in :class:`Category`."""

    words: list[str] = Field(min_length=1)
    after: list[str] = Field(default_factory=list)
    with_words: list[str] = Field(default_factory=list)

    @field_validator("words", "after", "with_words", mode="before")
    @classmethod
    def _by_language(cls, value: object) -> object:
        return _flatten_languages(value)


class Category(_Strict):
    """A product category and the words that show a caption is about it.

    Each word list is a list or, for readers, a table by language (``{fr = [...], en = [...]}``,
    ``any`` for emoji and names); it is used as one list. A caption is about the category for
    certain when it has one of ``keywords``, one of ``ambiguous`` or ``needs_cue`` together with one
    of ``cues``, or one of ``in_handles`` inside a @handle or #hashtag ("@ChampagneDupont"). It
    only may be about it ("possible": warnings, never errors) with an ``ambiguous`` word alone.
    When every word that showed it comes right after a ``softened_by`` phrase, in the same clause
    ("un parfum, accord de vin chaud", "une bougie aux notes de whisky"), the words name a note of
    something else: they are only reported, a finding that triggers no rule. A drink named before
    its own notes ("le gin, notes de genièvre") still counts. Nothing counts when a ``not_if``
    phrase is there ("sans alcool"). ``compound_parts`` are German and Dutch stems that count as
    keywords inside a compound word ("nikotin-" in "Nikotinsalz-Liquid", "-wein" in "Rotwein"; see
    ``compound_pattern``), never in one of ``compound_exceptions`` ("nikotinfrei", "Schwein").

    ``senses`` keep a word's harmless sense out (see :class:`Sense`): "cigares aux amandes" is a
    pastry, "Crypto" in a caption about ciphers is cryptography; the category's other words still
    count. ``yields_to``: when one of these categories is shown for certain, words that show this
    one only with a cue (``needs_cue``) belong to it: the money staked and won in a betting caption
    ("tu mises 10 €, t'en récupères 50") is no investment.
    """

    name: Text
    button: Text | None = None  # the short label where the /brief form offers it
    detect_in_caption: bool
    keywords: list[str] = Field(min_length=1)
    ambiguous: list[str] = Field(default_factory=list)
    needs_cue: list[str] = Field(default_factory=list)
    cues: list[str] = Field(default_factory=list)
    in_handles: list[str] = Field(default_factory=list)
    softened_by: list[str] = Field(default_factory=list)
    not_if: list[str] = Field(default_factory=list)
    compound_parts: list[str] = Field(default_factory=list)
    compound_exceptions: list[str] = Field(default_factory=list)
    senses: list[Sense] = Field(default_factory=list)
    yields_to: list[str] = Field(default_factory=list)

    @field_validator("keywords", "ambiguous", "needs_cue", "cues", "in_handles", "softened_by", "not_if",
                     "compound_parts", "compound_exceptions", mode="before")
    @classmethod
    def _by_language(cls, value: object) -> object:
        return _flatten_languages(value)


def _flatten_languages(value: object) -> object:
    """A word list given as a table by language (``{fr = [...], en = [...]}``) as one list."""
    if isinstance(value, dict):
        unknown = set(value) - set(LANGUAGES) - {"any"}
        if unknown:
            raise ValueError(f"unknown language {', '.join(sorted(unknown))} (known: any, {', '.join(LANGUAGES)})")
        return [word for words in value.values() for word in words]
    return value


@dataclass(frozen=True)
class CategoryEvidence:
    """What showed that a caption is about a category: the words as written, and how sure."""

    words: list[str]
    certain: bool
    reported_only: bool = False  # the words describe something else (a perfume's accord): no rule applies


class LabelSense(_Strict):
    """An ordinary word of ``language`` spelled like some jurisdictions' label (``labels``): in a
    post written in that language, where one of ``with_words`` shows the word in its ordinary
    sense elsewhere in the caption, the label-like span is that word, no label ("#pub" beside
    "lunch at the pub" is the place). Never where the jurisdiction wants labels in one fixed other
    language (a "#pub" in France stays the French label)."""

    labels: list[str] = Field(min_length=1)
    language: Language
    with_words: list[str] = Field(min_length=1)


class Vocabulary(_Strict):
    categories: dict[str, Category]
    phrase_sets: dict[str, list[str]]
    label_senses: list[LabelSense] = Field(default_factory=list)


@dataclass(frozen=True)
class LexiconLabel:
    """A label accepted in some jurisdiction, used to spot labels in the wrong language."""

    text: str
    language: str


@dataclass
class RuleBook:
    jurisdictions: dict[str, JurisdictionRules]
    platforms: dict[str, Platform]
    vocabulary: Vocabulary
    _phrase_cache: dict[str, list[re.Pattern[str]]] = field(default_factory=dict, repr=False)

    def __getitem__(self, code: str) -> JurisdictionRules:
        return self.jurisdictions[code]

    # References -------------------------------------------------------------------------------

    def source_lines(self, code: str, source_ids: list[str], language: str = "en") -> list[str]:
        """Each source as "title — link", flagged when the research could not confirm it."""
        sources = self.jurisdictions[code].sources
        lines = [(f"{sources[s].title} — {sources[s].url}", sources[s].uncertain) for s in source_ids]
        return [wording("source.uncertain", language, source=line) if uncertain else line for line, uncertain in lines]

    def reference(self, code: str, source_ids: list[str], language: str = "en") -> str:
        """The sources of a rule as one line: "title — link; title — link"."""
        return "; ".join(self.source_lines(code, source_ids, language))

    def promotion_rules(self, code: str, kind: Literal["prohibited", "restricted"]) -> list[tuple[str, PromotionRule]]:
        """(origin jurisdiction, rule) for a jurisdiction's own rules and those it inherits."""
        rules = self.jurisdictions[code]
        found = [(code, rule) for rule in getattr(rules, kind)]
        for parent in rules.inherits:
            found.extend(self.promotion_rules(parent, kind))
        return found

    # Phrases and categories -----------------------------------------------------------------------

    def phrase_patterns(self, phrases: list[str]) -> list[re.Pattern[str]]:
        """Compiled patterns for a rule's phrases, with ``@set`` references expanded."""
        key = "\x00".join(phrases)
        if key not in self._phrase_cache:
            self._phrase_cache[key] = [phrase_pattern(p) for p in self._expand(phrases, ())]
        return self._phrase_cache[key]

    def _expand(self, phrases: list[str], seen: tuple[str, ...]) -> list[str]:
        """Phrases with ``@set`` references replaced by the set's phrases (sets may refer to sets),
        and ``{@set}`` inside a regular expression by any one of the set's words."""
        expanded: list[str] = []
        for phrase in phrases:
            if not phrase.startswith("@"):
                expanded.append(fill_word_sets(phrase, self.vocabulary.phrase_sets))
            elif phrase not in seen:
                expanded.extend(self._expand(self.vocabulary.phrase_sets[phrase[1:]], (*seen, phrase)))
        return expanded

    def any_phrase(self, phrases: list[str], text: Folded) -> bool:
        return any(contains(pattern, text) for pattern in self.phrase_patterns(phrases))

    def any_phrase_said(self, phrases: list[str], text: Folded) -> bool:
        """Whether one of ``phrases`` is in ``text`` and not denied right before it: "returns are
        not guaranteed", "past performance doesn't guarantee", "rendement non garanti" warn of a
        risk, they promise nothing (see :func:`denied`)."""
        return any(
            not denied(text.text, match.start())
            for pattern in self.phrase_patterns(phrases)
            for match in pattern.finditer(text.text)
        )

    def resolve_category(self, text: str | None) -> str | None:
        """A category id for an id or free text ("Chirurgie esthétique" -> "cosmetic_surgery")."""
        if not text or not text.strip():
            return None
        as_id = re.sub(r"[\s-]+", "_", fold(text.strip()))
        if as_id in self.vocabulary.categories:
            return as_id
        norm = fold_with_offsets(text)
        for category_id, category in self.vocabulary.categories.items():
            if self.any_phrase(category.keywords, norm):
                return category_id
        return None

    def category_evidence(self, text: Folded, caption: str) -> dict[str, CategoryEvidence]:
        """For each sensitive category a caption talks about, the words that showed it (as written
        in ``caption``, in order of appearance) and whether it is certain (see :class:`Category`)."""
        handles = _handle_words(caption)
        found: dict[str, CategoryEvidence] = {}
        cued_only: set[str] = set()
        for category_id, category in self.vocabulary.categories.items():
            if not category.detect_in_caption or (category.not_if and self.any_phrase(category.not_if, text)):
                continue
            harmless = self._harmless_spans(category, text)
            strong = self._spans(category.keywords, text, caption, harmless) + self._compound_spans(category, text)
            in_handles = [
                handle
                for start, handle, words in handles
                if self.any_phrase(category.in_handles, words)
                and not any(start <= s < start + len(handle) for s, _ in strong)  # "#vape" is already a keyword
            ]
            ambiguous = self._spans(category.ambiguous, text, caption, harmless)
            needs_cue = self._spans(category.needs_cue, text, caption, harmless)
            cued = bool(category.cues) and self.any_phrase(category.cues, text)
            if not (strong or in_handles or ambiguous or (needs_cue and cued)):
                continue
            certain = bool(strong or in_handles or (cued and (ambiguous or needs_cue)))
            spans = sorted(strong + ambiguous + (needs_cue if cued else []))
            softened = not in_handles and self._all_described(spans, category.softened_by, text, caption)
            words: list[str] = []
            for word in [caption[start:end] for start, end in spans] + in_handles:
                if word.casefold() not in {w.casefold() for w in words}:
                    words.append(word)
            found[category_id] = CategoryEvidence(words, certain and not softened, reported_only=softened)
            if not (strong or in_handles or ambiguous):
                cued_only.add(category_id)
        # Words shown only with a cue yield to a category shown for certain ("mise", "argent" in a bet).
        for category_id in cued_only:
            yields = self.vocabulary.categories[category_id].yields_to
            if any(other in found and found[other].certain for other in yields):
                del found[category_id]
        return found

    def _harmless_spans(self, category: Category, text: Folded) -> set[tuple[int, int]]:
        """Spans (in the caption) of the category's words read in a harmless sense (see :class:`Sense`)."""
        spans: set[tuple[int, int]] = set()
        for sense in category.senses:
            anywhere = bool(sense.with_words) and self.any_phrase(sense.with_words, text)
            after = self.phrase_patterns(sense.after) if sense.after else []
            for pattern in self.phrase_patterns(sense.words):
                for match in pattern.finditer(text.text):
                    following = _SPACE.match(text.text, match.end()).end()
                    if anywhere or any(p.match(text.text, following) for p in after):
                        spans.add((text.original_offset(match.start()), text.original_offset(match.end() - 1) + 1))
        return spans

    def _all_described(self, spans: list[tuple[int, int]], descriptions: list[str], text: Folded, caption: str) -> bool:
        """Whether each span (offsets in the caption) follows a description phrase closely: at most
        ``DESCRIBED_WITHIN`` words later, with no sentence end between ("notes de cuir et de whisky")."""
        if not spans or not descriptions:
            return False
        ends = [
            text.original_offset(match.end() - 1) + 1
            for pattern in self.phrase_patterns(descriptions)
            for match in pattern.finditer(text.text)
        ]
        return all(
            any(end <= start and _close_after(caption[end:start]) for end in ends) for start, _ in spans
        )

    def _compound_spans(self, category: Category, text: Folded) -> list[tuple[int, int]]:
        exceptions = tuple(category.compound_exceptions)
        return [
            (text.original_offset(match.start()), text.original_offset(match.end() - 1) + 1)
            for part in category.compound_parts
            for match in compound_pattern(part, exceptions).finditer(text.text)
        ]

    def _spans(self, phrases: list[str], text: Folded, caption: str,
               harmless: set[tuple[int, int]] = frozenset()) -> list[tuple[int, int]]:
        spans = []
        for pattern in self.phrase_patterns(phrases) if phrases else ():
            for match in pattern.finditer(text.text):
                span = (text.original_offset(match.start()), text.original_offset(match.end() - 1) + 1)
                if span not in harmless:
                    spans.append(span)
        return spans

    @cached_property
    def lexicon(self) -> list[LexiconLabel]:
        """Every accepted label of every jurisdiction, once per spelling and language."""
        seen: dict[tuple[str, str], LexiconLabel] = {}
        for rules in self.jurisdictions.values():
            for label in rules.labels:
                seen.setdefault((fold(label.text), label.language), LexiconLabel(label.text, label.language))
        return list(seen.values())


_WORD_SET = re.compile(r"\{@(\w+)\}")


def fill_word_sets(phrase: str, sets: dict[str, list[str]]) -> str:
    """A "re:" phrase with each ``{@name}`` replaced by an alternation of that set's words, so that
    lists a regular expression needs (number words, verb tenses, illnesses) stay readable data:
    "re:(lost|perdu)\\W+({@number_words}|\\d+)\\W+kg". Words are normalised and escaped, longest
    first; an unknown set is a KeyError (checked when the rules load)."""
    if not phrase.startswith("re:") or "{@" not in phrase:
        return phrase

    def words(match: re.Match[str]) -> str:
        alternatives = sorted({re.escape(fold(word)) for word in sets[match.group(1)]}, key=len, reverse=True)
        return "(?:" + "|".join(alternatives) + ")"

    return _WORD_SET.sub(words, phrase)


# A negation right before a claim, give or take an article or an adverb of degree ("not a
# guarantee", "n'est pas toujours garanti"), on normalised text.
_DENIAL = re.compile(
    r"(?:(?<!\w)(?:not|no|never|non|pas|jamais|aucune?|sans|without|nicht|nie|keine?[nmrs]?|geen|niet|nooit|sin|ni)|n't)"
    r"\W+(?:(?:a|an|any|always|fully|necessarily|un|une|de|d'|toujours|forcement|immer|altijd|siempre)\W*)?$"
)


# The subject denied rather than the verb: a risk warning says nothing is promised ("nothing in
# investing is guaranteed", "no return is guaranteed", "none of it is risk-free", « rien n'est
# garanti », « aucun rendement n'est jamais garanti », "keine Rendite ist garantiert", "niets is
# gegarandeerd"). The subject ("no" and one word), then at most a place or a complement ("in
# investing", "of the returns on these ETFs", "an der Börse") and the verb, with no punctuation
# or "and" between: "no fees and returns are guaranteed" and "no kidding, it's guaranteed" still
# promise.
_DENIED_SUBJECT = re.compile(
    r"(?<!\w)(?:(?:nothing|nobody|none|no one|rien|personne|nichts|niemand|niets|nada|nadie)"
    r"|(?:no|not one|not a single|aucune?|pas une?|keine?[nmrs]?|geen|ningun[oa]?)\s+[\w'-]+)"
    r"(?:\s+(?:here|there|ici|hier|da))?"
    r"(?:\s+(?:in|of|on|from|at|about|with|en|de|du|des|dans|sur|a|au|aux|an|auf|bei|von|im|am|beim|op|van|bij|met|del)"
    r"(?:\s+(?!(?:and|but|so|yet|et|mais|donc|und|aber|doch|maar|y|pero)(?!\w))[\w'-]+){1,5}?)?"
    r"(?:'s|\s+(?:is|are|was|were|ist|sind|war|wird|kann|zijn|wordt|kan|esta|estan|es|son"
    r"|n'est|ne sont|n'etait|ne sera|ne seront|ne peut|ne peuvent"
    r"|(?:can|could|will|would|may)(?:\s+ever)?(?:\s+be)?))"
    r"(?:\s+(?:ever|really|truly|jamais|vraiment|etre|je|jemals|wirklich|ooit|echt|nunca|realmente))*\s+$"
)


def denied(text: str, start: int) -> bool:
    """Whether the words right before ``start`` in normalised ``text`` deny what follows: the verb
    ("not guaranteed") or its subject ("nothing is guaranteed")."""
    return (
        _DENIAL.search(text, max(0, start - 40), start) is not None
        or _DENIED_SUBJECT.search(text, max(0, start - 80), start) is not None
    )


DESCRIBED_WITHIN = 6  # words between a description ("notes de") and the word it describes
_CLAUSE_END = re.compile(r"[.!?;\n]")  # not ":": "notes de tête : rhum, vanille"


def _close_after(between: str) -> bool:
    return not _CLAUSE_END.search(between) and len(re.findall(r"[^\W_]+", between)) <= DESCRIBED_WITHIN


_SPACE = re.compile(r"\W*")  # what separates a word read in one sense from what follows it

_HANDLE = re.compile(r"[@#]([^\W_][\w.]*)")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ0-9])(?=[A-ZÀ-Þ])|[_.]+")


def _handle_words(caption: str) -> list[tuple[int, str, Folded]]:
    """Each @handle and #hashtag (offset, as written) with its name cut into words
    ("@ChampagneDupont" -> "champagne dupont"): brand names that say what is sold. All-lower-case
    names stay whole."""
    found = []
    for match in _HANDLE.finditer(caption):
        words = _CAMEL.sub(" ", match.group(1)).strip()
        found.append((match.start(), match.group(), fold_with_offsets(words)))
    return found


# Loading ----------------------------------------------------------------------------------------


def load_rules(directory: Path = RULES_DIR) -> RuleBook:
    """Read and validate every rule file in ``directory``; raise RuleDataError on the first problem."""
    directory = Path(directory)
    platforms = {
        name: _validate(Platform, data, directory / "platforms.toml", name)
        for name, data in _read(directory / "platforms.toml").items()
    }
    vocabulary = _validate(Vocabulary, _read(directory / "vocabulary.toml"), directory / "vocabulary.toml")
    jurisdictions = {}
    for code in JURISDICTIONS:
        path = directory / f"{code}.toml"
        rules = _validate(JurisdictionRules, _read(path), path)
        if rules.jurisdiction != code:
            raise RuleDataError(f"{path.name}: jurisdiction: is {rules.jurisdiction!r}, expected {code!r} (the file name)")
        jurisdictions[code] = rules
    book = RuleBook(jurisdictions, platforms, vocabulary)
    _check_vocabulary(book, directory / "vocabulary.toml")
    for code, rules in jurisdictions.items():
        _check_consistency(book, rules, directory / f"{code}.toml")
    return book


@lru_cache(maxsize=1)
def default_rules() -> RuleBook:
    """The shipped rules, loaded once per process."""
    return load_rules(RULES_DIR)


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise RuleDataError(f"{path.name}: missing rule file (expected in {path.parent})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleDataError(f"{path.name}: not valid TOML: {exc}") from None


def _validate(model: type[BaseModel], data: object, path: Path, prefix: str = ""):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # Union members show up in locations as "literal['fr',...]": they name no field, drop them.
        fields = [".".join(str(p) for p in error["loc"] if not (isinstance(p, str) and "[" in p)) for error in exc.errors()]
        first = exc.errors()[0]
        where = ".".join(part for part in (prefix, fields[0]) if part)
        others = len(set(fields)) - 1
        more = f" (and {others} more field{'s' if others > 1 else ''})" if others else ""
        raise RuleDataError(f"{path.name}: {where or 'file'}: {first['msg']}{more}") from None


def _fail(path: Path, where: str, message: str) -> None:
    raise RuleDataError(f"{path.name}: {where}: {message}")


def _check_phrases(book: RuleBook, phrases: list[str], path: Path, where: str) -> None:
    for phrase in phrases:
        if phrase.startswith("@"):
            if phrase[1:] not in book.vocabulary.phrase_sets:
                _fail(path, where, f"unknown phrase set {phrase!r}")
            continue
        for name in _WORD_SET.findall(phrase) if phrase.startswith("re:") else ():
            if name not in book.vocabulary.phrase_sets:
                _fail(path, where, f"unknown phrase set {{@{name}}} in {phrase!r}")
            if any(word.startswith(("re:", "@")) for word in book.vocabulary.phrase_sets[name]):
                _fail(path, where, f"phrase set {name!r} is used as words in {phrase!r}: plain words only")
        try:
            phrase_pattern(fill_word_sets(phrase, book.vocabulary.phrase_sets))
        except (re.error, ValueError) as exc:
            _fail(path, where, f"bad phrase {phrase!r}: {exc}")


def _check_vocabulary(book: RuleBook, path: Path) -> None:
    for name, phrases in book.vocabulary.phrase_sets.items():
        _check_phrases(book, phrases, path, f"phrase_sets.{name}")
    for index, sense in enumerate(book.vocabulary.label_senses):
        _check_phrases(book, sense.with_words, path, f"label_senses[{index}]")
    for category_id, category in book.vocabulary.categories.items():
        words = category.keywords + category.ambiguous + category.needs_cue + category.cues
        _check_phrases(book, words + category.in_handles + category.softened_by + category.not_if, path,
                       f"categories.{category_id}")
        for sense in category.senses:
            _check_phrases(book, sense.words + sense.after + sense.with_words, path, f"categories.{category_id}.senses")
            if not (sense.after or sense.with_words):
                _fail(path, f"categories.{category_id}.senses", "needs after or with_words")
        for other in category.yields_to:
            if other not in book.vocabulary.categories or other == category_id:
                _fail(path, f"categories.{category_id}.yields_to", f"unknown category {other!r}")
        if category.needs_cue and not category.cues:
            _fail(path, f"categories.{category_id}.needs_cue", "needs cues to confirm it")
        for part in category.compound_parts:
            try:
                compound_pattern(part, tuple(category.compound_exceptions))
            except (re.error, ValueError) as exc:
                _fail(path, f"categories.{category_id}.compound_parts", str(exc))


def _check_consistency(book: RuleBook, rules: JurisdictionRules, path: Path) -> None:
    """Cross-field checks pydantic cannot express: references resolve, suggestions are accepted."""

    def check_sources(where: str, ids: list[str]) -> None:
        for source_id in ids:
            if source_id not in rules.sources:
                _fail(path, f"{where}.sources", f"unknown source {source_id!r} (define it under [sources.{source_id}])")

    for name in ("disclosure", "language", "placement", "platform_tool", "contract", "minors"):
        if getattr(rules, name) is not None:
            check_sources(name, getattr(rules, name).sources)
    missing = set(COMPENSATIONS) - set(rules.compensation)
    if missing:
        _fail(path, "compensation", f"missing {', '.join(sorted(missing))}")
    for name, item in rules.compensation.items():
        check_sources(f"compensation.{name}", item.sources)
    for name, image in rules.image_labels.items():
        check_sources(f"image_labels.{name}", image.sources)
        if fold(image.suggestion) not in {fold(text) for text in image.accepted}:
            _fail(path, f"image_labels.{name}.suggestion", "must be one of the accepted labels")
    for platform in rules.platform_tool.sufficient_on:
        if platform not in book.platforms:
            _fail(path, "platform_tool.sufficient_on", f"unknown platform {platform!r}")
    for parent in rules.inherits:
        if parent not in book.jurisdictions or parent == rules.jurisdiction:
            _fail(path, "inherits", f"unknown jurisdiction {parent!r}")
    for kind in ("prohibited", "restricted"):
        for index, rule in enumerate(getattr(rules, kind)):
            where = f"{kind}[{index}]"
            check_sources(where, rule.sources)
            if not (rule.categories or rule.phrases or rule.requires_any):
                _fail(path, where, "needs categories, phrases or requires_any")
            for category in rule.categories + rule.unless_categories:
                if category not in book.vocabulary.categories:
                    _fail(path, f"{where}.categories", f"unknown category {category!r} (see vocabulary.toml)")
            _check_phrases(book, rule.phrases + rule.with_phrases + rule.requires_any + rule.unless_phrases, path, where)
            if rule.with_phrases and not rule.phrases:
                _fail(path, f"{where}.with_phrases", "only counts beside phrases")
            if rule.fix_append and rule.requires_any and not book.any_phrase(rule.requires_any, fold_with_offsets(rule.fix_append)):
                _fail(path, f"{where}.fix_append", "does not contain any of requires_any, so it would not fix the caption")
    for index, label in enumerate(rules.labels):
        try:
            label_pattern(label.text)
        except ValueError as exc:
            _fail(path, f"labels[{index}].text", str(exc))
    # Each suggested label must itself be an accepted label for its language and compensation,
    # so a caption fixed with it passes the checker.
    needed = [rules.label_language] if rules.label_language != "post" else rules.caption_languages
    for language in needed:
        if language not in rules.suggestion:
            _fail(path, "suggestion", f"missing [suggestion.{language}]")
    for language, by_compensation in rules.suggestion.items():
        for compensation in COMMERCIAL:
            where = f"suggestion.{language}.{compensation}"
            if compensation not in by_compensation:
                _fail(path, where, "missing")
            text = fold_with_offsets(by_compensation[compensation])
            accepted = [
                label
                for label in rules.labels
                if label.language == language and (not label.compensations or compensation in label.compensations)
            ]
            if not any(_starts_with(label.text, text) for label in accepted):
                _fail(path, where, f"must start with an accepted {language} label for {compensation}")


def _starts_with(label: str, text: Folded) -> bool:
    pattern = label_pattern(label)
    match = pattern.search(text.text) if pattern else None
    return bool(match) and match.start() == 0
