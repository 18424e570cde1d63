"""Check a caption against a jurisdiction's disclosure rules, and suggest a caption that passes.

``check_caption`` never calls a caption compliant while an error-level issue remains. What it
checks, for commercial content (any compensation but ``none``; with the presumed ``paid``, not
where the caption says how it came by what it shows with nothing from a brand, "nobody sent me
anything, I paid full price", and shows no sign of a tie: then only what it promotes):

- a disclosure label accepted there, for that compensation, in the required language
  (fixed per jurisdiction, or the post's own language where the rules say so);
- that it is upfront on the platform: within the characters and lines shown before "more"
  (see ``rules/platforms.toml``), not buried after two or more hashtags, and in Germany among
  the very first words;
- that it is not only inside an image description pasted into the caption ("[Image description:
  a lamp on a desk #ad]"): that describes the picture, it flags nothing (``image_description`` in
  ``rules/vocabulary.toml`` says how one opens);
- that it is not only in a later post of a numbered thread ("1/4 ... 2/4 ... 4/4 #ad"): each post
  is seen on its own, the first one first, so the posts before it carry no label;
- that it is on every frame of a series of stories ("[story 1/3 · text: Ad] ... [story 2/3] ..."),
  as every jurisdiction's ``placement.story`` asks, and not only said in a voice-over pasted into
  the caption ("[voix off, à 0:48 : « ... »]": ``sound_description`` in ``rules/vocabulary.toml``);
- a hashtag label's word set apart as a line's heading ("[Annonce]", "Annonce |" where
  "#annonce" is accepted) is that label; "Annonce :" announces something and is none;
- France's « Images retouchées » / « Images virtuelles » when the image is retouched or
  AI-generated;
- banned promotions and restricted claims (product category given, or shown by the caption's
  words, hashtags, emoji and brand words in @handles; see ``Category`` in rules.py). A category
  given with ``product_category`` wins. Words that show a category for certain ("whisky", "pronos"
  sold in a VIP channel) keep a rule's severity; an ambiguous word alone ("champagne" may be a
  colour) only warns; drink or tobacco words right after a scent's description ("un parfum,
  accord de vin chaud") are reported and trigger no rule, while a drink named before its own
  tasting notes still counts. ``CheckResult.findings`` names each inferred category, its words,
  certainty and the rules it triggered. A claim denied right before it ("returns are not
  guaranteed", "rendement non garanti") or through its subject ("nothing in investing is
  guaranteed") is a risk warning and fires no rule. Where the words fire no rule about what is
  promoted (they may still show a category), an optional reading by meaning (``meaning``, see
  bot/briefs/meaning.py) may show the caption's best signal; the same rules then apply, the
  nearest labelled example standing for the words;
- without ``brand``, a capitalised "#AcmePartner" / "#AcmeAmbassador" / "#AcmeSponsored" counts
  where the rules accept "#{brand}partner" (US); with ``brand`` the name must be that brand, and
  a partner hashtag naming another one is reported as such.

What is promoted is read on the caption with digits written for letters inside words read as
letters ("pr0nos", "b0t0x"; see ``matching.unleet``), offsets unchanged; labels are read as written.

Messages are plain text (they are also sent by the Telegram bot), in French for FR, for QC
unless the post is plainly in another language, and for French posts elsewhere, in English
otherwise. The suggested caption fixes what wording can fix and is re-checked before it is
returned; it is None when nothing needs fixing or when an error remains that no wording fixes (a
prohibited promotion, a restricted claim to remove).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from bot.briefs.matching import (
    find,
    fold,
    hashtags_right_before,
    heading_pattern,
    label_pattern,
    tokens_before,
    unleet,
    unleet_folded,
)
from bot.briefs.models import (
    CaptionCheckRequest,
    CategoryFinding,
    CheckResult,
    ComplianceIssue,
    IssueCode,
)
from bot.briefs.rules import (
    LANGUAGES,
    CategoryEvidence,
    JurisdictionRules,
    Platform,
    PromotionRule,
    RuleBook,
    default_rules,
)
from bot.briefs.wording import wording
from knowledge.text import Folded, fold_with_offsets, language_identifier

if TYPE_CHECKING:
    from bot.briefs.meaning import MeaningDetector

log = logging.getLogger(__name__)

# Codes a better caption can fix; anything else (a banned product...) cannot be worded away.
FIXED_BY_WORDING: frozenset[str] = frozenset(
    {
        "missing_disclosure",
        "ambiguous_disclosure",
        "disclosure_not_prominent",
        "disclosure_wrong_language",
        "platform_tool_only",
        "missing_retouched_label",
        "missing_virtual_label",
    }
)
VISUAL_MEDIA = {"story": "story", "reel": "video", "video": "video", "live": "live"}
PLATFORM_ALIASES = {"twitter": "x", "ig": "instagram", "insta": "instagram", "yt": "youtube", "fb": "facebook"}
LANGUAGE_CONFIDENCE = 0.9  # below this, a post counts as mixed-language and any language's label is accepted
MIN_WORDS_FOR_LANGUAGE = 3
IMAGE_DESCRIPTION = "@image_description"  # the phrase set of an image description's openers
SOUND_DESCRIPTION = "@sound_description"  # the phrase set of a voice-over's openers
NO_COMMERCIAL_TIE = "@no_commercial_tie"  # the phrase set of a caption saying it got nothing from a brand
COMMERCIAL_TIE_SIGNS = "@commercial_tie_signs"  # the phrase set of what shows a tie all the same
UNASKED_GIFT = "@unasked_gift"  # the phrase set of a gift said to come with nothing asked in return
AGREEMENT_SIGNS = "@agreement_signs"  # the phrase set of what shows an agreement beyond a gift
_NEGATION = re.compile(r"(?:\b(?:pas de|pas une?|sans|not an?|not|no|non|kein\w*|geen|isn't an?)\W*)$")


class UnknownPlatformError(ValueError):
    """The platform is not one the rules know; the message lists those they do."""


@dataclass
class LabelHit:
    text: str  # as written in the caption
    start: int  # offsets in the caption
    end: int
    kind: str  # "accepted", "ambiguous" or "foreign" (accepted in another jurisdiction)
    languages: set[str]  # "#réclame" and "#reclame" fold alike: French and Dutch
    hashtag: bool
    why: Callable[[str], str] | None = None  # language -> why it is not enough (a rule's Text, or a wording)


@dataclass
class _Analysis:
    issues: list[ComplianceIssue] = field(default_factory=list)
    message_language: str = "en"
    post_language: str | None = None
    needs_label: bool = False  # the disclosure label must be (re)placed upfront
    removable: list[LabelHit] = field(default_factory=list)  # hashtags the fixed caption drops
    image_labels: list[str] = field(default_factory=list)  # image labels the fixed caption adds
    appends: dict[str, str] = field(default_factory=dict)  # rule id -> wording that fixes it
    evidence: dict[str, CategoryEvidence] = field(default_factory=dict)  # inferred category -> what showed it
    triggered: dict[str, list[str]] = field(default_factory=dict)  # inferred category -> rules it triggered


def check_caption(
    request: CaptionCheckRequest, rules: RuleBook | None = None, language: str | None = None,
    meaning: MeaningDetector | None = None,
) -> CheckResult:
    """Check one caption; ``language`` ("fr"/"en") forces the messages' language; ``meaning``
    (optional) also reads what the caption promotes by meaning where the words fire no rule."""
    book = rules or default_rules()
    analysis = _analyse(request, book, language, meaning)
    compliant = not any(issue.severity == "error" for issue in analysis.issues)
    suggested = None if compliant else _suggest(request, analysis, book)
    return CheckResult(
        compliant=compliant,
        issues=analysis.issues,
        suggested_caption=suggested,
        detected_categories={category: found.words for category, found in analysis.evidence.items()},
        findings=[
            CategoryFinding(
                category=category,
                name=book.vocabulary.categories[category].name(analysis.message_language),
                words=found.words,
                certain=found.certain,
                rules=analysis.triggered.get(category, []),
            )
            for category, found in analysis.evidence.items()
        ],
    )


def resolve_platform(name: str, book: RuleBook | None = None) -> str:
    """The rules' id for a platform name ("Instagram", "twitter" -> "instagram", "x")."""
    book = book or default_rules()
    key = name.strip().casefold()
    key = PLATFORM_ALIASES.get(key, key)
    if key not in book.platforms:
        raise UnknownPlatformError(f"unknown platform {name!r}; known: {', '.join(book.platforms)}")
    return key


def find_labels(
    text: str, jurisdiction: str, compensation: str = "paid", brand: str | None = None, rules: RuleBook | None = None
) -> list[LabelHit]:
    """Every disclosure-like label in ``text``, as the jurisdiction classifies it."""
    book = rules or default_rules()
    request = CaptionCheckRequest(caption=text, jurisdiction=jurisdiction, compensation=compensation, brand=brand)
    return _find_labels(text, fold_with_offsets(text), book[jurisdiction], book, request)


# Analysis ---------------------------------------------------------------------------------------


def _analyse(
    request: CaptionCheckRequest, book: RuleBook, language: str | None = None, meaning: MeaningDetector | None = None
) -> _Analysis:
    rules = book[request.jurisdiction]
    request = request.model_copy(update={"platform": resolve_platform(request.platform, book)})
    platform = book.platforms[request.platform]
    result = _Analysis()
    if request.compensation == "none" or not rules.compensation[request.compensation].required:
        return result  # organic content: no label, and the influencer rules do not apply
    caption = request.caption
    norm = fold_with_offsets(caption)
    if _says_unasked_gift(request, norm, book):
        request = request.model_copy(update={"compensation": "gifted"})
    hits = _find_labels(caption, norm, rules, book, request)
    hits = _without_ordinary_words(caption, norm, rules, book, hits)
    if rules.label_language == "post":
        result.post_language = detect_post_language(caption, hits)
    # French where the label must be, for French posts, and in Quebec unless the post is plainly another language.
    french = rules.label_language == "fr" or result.post_language == "fr" or (result.post_language is None and rules.caption_languages == ["fr"])
    result.message_language = language or ("fr" if french else "en")
    if not _says_no_tie(request, norm, book, hits):
        _check_disclosure(request, rules, platform, book, hits, result)
        _check_visual_media(request, rules, book, result)
    _check_image_labels(request, rules, norm, book, result)
    # What is promoted is read with digits written for letters read as letters ("pr0nos").
    _check_promotions(request, rules, unleet_folded(norm), book, result, meaning)
    return result


def _find_labels(
    caption: str, norm: Folded, rules: JurisdictionRules, book: RuleBook, request: CaptionCheckRequest
) -> list[LabelHit]:
    """Every label-like span, classified once: this jurisdiction's view wins over the lexicon's."""
    found: dict[tuple[int, int], LabelHit] = {}
    brand = request.brand

    def add(text: str, kind: str, language: str | None, why: Callable[[str], str] | None = None) -> None:
        pattern = label_pattern(text, brand)
        if pattern is None:
            spans = _camel_case_spans(text, caption) if not brand else []
        else:
            spans = find(pattern, norm)
        for start, end in spans:
            hashtag = text.lstrip().startswith("#")
            if _negated(caption, start):
                continue  # "pas de publicité", "not an ad", "Not #sponsored"
            hit = found.setdefault((start, end), LabelHit(caption[start:end], start, end, kind, set(), hashtag, why))
            if hit.kind == kind and language:
                hit.languages.add(language)

    for label in rules.labels:
        if not label.compensations or request.compensation in label.compensations:
            add(label.text, "accepted", label.language)
    for label in rules.labels:
        if label.compensations and request.compensation not in label.compensations:
            add(label.text, "ambiguous", label.language, partial(_only_for, label.compensations))
    for ambiguous in rules.ambiguous:
        add(ambiguous.text, "ambiguous", None, ambiguous.why)
    for label in book.lexicon:
        add(label.text, "foreign", label.language)
    # A hashtag label's word set apart as a line's heading ("[Annonce]", "Annonce |" for
    # "#annonce") is that label: there it can only be a tag. Added after the labels as written,
    # so that a jurisdiction's own word label keeps its own classification.
    for label in rules.labels:
        for start, end in _heading_spans(label.text, norm):
            if label.compensations and request.compensation not in label.compensations:
                hit = found.setdefault((start, end), LabelHit(caption[start:end], start, end, "ambiguous", set(), False,
                                                              partial(_only_for, label.compensations)))
            else:
                hit = found.setdefault((start, end), LabelHit(caption[start:end], start, end, "accepted", set(), False))
                if hit.kind == "accepted":
                    hit.languages.add(label.language)
    # A label inside an image description ("[Image description: a lamp on a desk #ad]") is read
    # as part of what the picture shows, by those who cannot see it: it discloses nothing upfront.
    for start, end in _description_spans(caption, norm, book, IMAGE_DESCRIPTION):
        for hit in found.values():
            if start <= hit.start < end:
                hit.kind, hit.languages, hit.why = "ambiguous", set(), partial(wording, "check.label_in_image_description")
    # The same for a label only said in a video's voice-over ("[voix off, à 0:48 : « ... »]"): the
    # caption carries none, and a spoken mention is not on screen for the whole promotion.
    for start, end in _description_spans(caption, norm, book, SOUND_DESCRIPTION):
        for hit in found.values():
            if start <= hit.start < end:
                hit.kind, hit.languages, hit.why = "ambiguous", set(), partial(wording, "check.label_in_voice_over")
    # A series of story frames ("[story 1/3 · text: Ad] ... [story 2/3] ..."): each frame is seen on
    # its own, and every jurisdiction asks for the label on every frame (``placement.story``), so a
    # label on some frames only leaves the others unlabelled. A label before the first frame is
    # read as covering the series.
    _check_story_frames(caption, found, lambda: request.media == "story" or book.any_phrase([STORY_MARKS], norm))
    # A numbered thread ("1/4 ... 2/4 ... 4/4 #ad"): each post is seen on its own, the first one
    # first, so a label only in a later post leaves the posts before it unlabelled.
    for start, post in reversed(_later_posts(caption)):
        for hit in found.values():
            if hit.start >= start and hit.kind in {"accepted", "foreign"}:
                hit.kind, hit.languages, hit.why = "ambiguous", set(), partial(wording, "check.label_in_later_post", post=post)
    if brand:
        # "#OrbitAmbassador" when the brand is Lumi: a partner hashtag, but for another brand.
        def other_brand(lang: str) -> str:
            return wording("check.label_other_brand", lang, brand=brand)

        for label in rules.labels:
            for start, end in _camel_case_spans(label.text, caption):
                found.setdefault((start, end), LabelHit(caption[start:end], start, end, "ambiguous", set(), True, other_brand))
    return sorted(found.values(), key=lambda hit: hit.start)


def _without_ordinary_words(
    caption: str, norm: Folded, rules: JurisdictionRules, book: RuleBook, hits: list[LabelHit]
) -> list[LabelHit]:
    """The hits less those that are an ordinary word of the post's language, shown in that sense
    elsewhere in the caption (``label_senses`` in ``rules/vocabulary.toml``: "#pub" on an English
    post that ends at the pub). Where the jurisdiction fixes the labels' language to another one,
    the label stays one."""
    dropped: set[int] = set()
    language: str | None = None
    for sense in book.vocabulary.label_senses:
        if rules.label_language not in ("post", sense.language):
            continue
        texts = {fold(label).strip() for label in sense.labels}
        candidates = [i for i, hit in enumerate(hits) if fold(hit.text).strip() in texts]
        if not candidates or not book.any_phrase(sense.with_words, norm):
            continue
        if language is None:
            language = detect_post_language(caption, hits) or (
                rules.caption_languages[0] if len(rules.caption_languages) == 1 else ""
            )
        if language == sense.language:
            dropped.update(candidates)
    return [hit for i, hit in enumerate(hits) if i not in dropped]


def _says_no_tie(request: CaptionCheckRequest, norm: Folded, book: RuleBook, hits: list[LabelHit]) -> bool:
    """Whether the caption says in its own words how it came by what it shows, with nothing from a
    brand ("nobody sent me anything, I paid full price"), and shows no sign of a tie: no label-like
    words, no code, affiliate link, gift or partnership (``no_commercial_tie`` and
    ``commercial_tie_signs`` in ``rules/vocabulary.toml``; a bare "not sponsored" is no such
    statement). Then no label is owed, as for organic content; what it promotes is still checked.
    Only for the presumed "paid": a gift or an affiliation the user names is not undone by words."""
    return (
        request.compensation == "paid"
        and not hits
        and book.any_phrase_said([NO_COMMERCIAL_TIE], norm)
        and not book.any_phrase_said([COMMERCIAL_TIE_SIGNS], norm)
    )


def _says_unasked_gift(request: CaptionCheckRequest, norm: Folded, book: RuleBook) -> bool:
    """Whether the caption says what it shows was given with nothing asked in return (« m'a envoyé
    cette lampe sans rien me demander en échange », "no strings attached") and shows no sign of an
    agreement beyond it: no code, discount, affiliate link, commission, contract or ambassadorship
    (``unasked_gift`` and ``agreement_signs`` in ``rules/vocabulary.toml``). Then it is read as a
    gift, and a label kept for gifts (Belgium's « #sponsorisé ») is the right one. Only for the
    presumed "paid": a compensation the user names is not undone by words."""
    return (
        request.compensation == "paid"
        and book.any_phrase_said([UNASKED_GIFT], norm)
        and not book.any_phrase_said([AGREEMENT_SIGNS], norm)
    )


def _description_spans(caption: str, norm: Folded, book: RuleBook, openers: str) -> list[tuple[int, int]]:
    """Where the caption holds a description of its picture or its sound (its openers: the
    ``image_description`` or ``sound_description`` phrase set): from the opener to its closing
    bracket when it is bracketed, else to the end of the line."""
    spans = []
    for pattern in book.phrase_patterns([openers]):
        for match in pattern.finditer(norm.text):
            start = norm.original_offset(match.start())
            bracket = caption[start] if caption[start] in "[(" else caption[:start].rstrip()[-1:]
            closing = {"[": "]", "(": ")"}.get(bracket)
            end = caption.find(closing, start) if closing else caption.find("\n", start)
            spans.append((start, len(caption) if end == -1 else end))
    return spans


# A thread's post number: "1/4", "(2/4)", "[3/4]", or "1/" with no total when a line opens with it.
_FIRST_POST = re.compile(r"(?<![\w/.,])[(\[]?1\s?/\s?(\d{1,2})[)\]]?(?![\w/.,])|(?m:^)[ \t]*1/(?=[ \t])")
_POST_AT_LINE_START = re.compile(r"(?m)^[ \t]*([(\[]?)(\d{1,2})\s?/(?:\s?(\d{1,2})[)\]]?(?![\w/.,])|(?=[ \t]))")


def _later_posts(caption: str) -> list[tuple[int, str]]:
    """Where the posts after the first of a numbered thread start, with their numbers ("2/4"):
    "1/n" somewhere, then "2/n" ... "n/n" each opening a line, every number from 1 to n there (a
    recipe's "1/3 cup" and "2/3 cup" are no thread); or lines opening "1/", "2/", "3/" ... in
    order. Empty when the caption is no such thread."""
    for first in _FIRST_POST.finditer(caption):
        total = int(first.group(1)) if first.group(1) else None
        if total is not None and total < 2:
            continue
        later = [
            match for match in _POST_AT_LINE_START.finditer(caption, first.end())
            if (int(match.group(3)) if match.group(3) else None) == total and int(match.group(2)) >= 2
        ]
        numbers = [int(match.group(2)) for match in later]
        if total:
            complete = numbers == list(range(2, total + 1))
        else:
            complete = bool(numbers) and numbers == list(range(2, len(numbers) + 2))
        if complete:
            return [(match.start(2) - len(match.group(1)), f"{number}/{total}" if total else str(number))
                    for match, number in zip(later, numbers, strict=True)]
    return []


# A story frame's marker opening a line: "[story 2/3]", "Story 2 :", "(story frame 3/3 · sticker ...)";
# not a carousel's slides or a film's frames, which share one caption.
_STORY_FRAME = re.compile(
    r"(?im)^[^\w\n]*[\[(]?[ \t]*(?:ig[ \t]+|insta[ \t]+)?(?:stor(?:y|ie|ies)(?:[ \t]*(?:frame|slide))?|slide[ \t]+de[ \t]+story)"
    r"[ \t]*(\d{1,2})(?:[ \t]*/[ \t]*(\d{1,2}))?(?!\d)"
)
# A bare "Frame 2:" opening a line, as a story series is scripted ("Frame 1: Ad | ... Frame 2: ...");
# a story's frame only where the caption shows a story's marks (``story_marks`` in
# ``rules/vocabulary.toml``: a link sticker, a swipe-up) or the media is a story: a film
# photographer's "Frame 1: Portra 400" names the photos of one post.
_BARE_FRAME = re.compile(r"(?im)^[^\w\n]*[\[(]?[ \t]*frame[ \t]*(\d{1,2})(?:[ \t]*/[ \t]*(\d{1,2}))?(?!\d)")
STORY_MARKS = "@story_marks"  # the phrase set of what only a story carries


def _story_frames(caption: str, marker: re.Pattern[str] = _STORY_FRAME) -> list[tuple[int, int, str]]:
    """The frames of a series of stories written one after another (start, end, "2/3"): at least
    two, numbered from 1 in order, each opening a line with ``marker``. Empty when the caption is
    no such series."""
    markers = list(marker.finditer(caption))
    numbers = [int(match.group(1)) for match in markers]
    if len(markers) < 2 or numbers != list(range(1, len(markers) + 1)):
        return []
    frames = []
    for index, match in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(caption)
        name = f"{match.group(1)}/{match.group(2)}" if match.group(2) else match.group(1)
        frames.append((match.start(), end, name))
    return frames


def _check_story_frames(
    caption: str, found: dict[tuple[int, int], LabelHit], story: Callable[[], bool] = lambda: False
) -> None:
    """Labels on some story frames only: each of them becomes ambiguous, naming the bare frames.
    ``story``: whether the caption is known to be a story's (its media, or a story's marks), which
    lets frames marked "Frame 2" alone count."""
    frames = _story_frames(caption)
    if not frames and _BARE_FRAME.search(caption) and story():
        frames = _story_frames(caption, _BARE_FRAME)
    if not frames:
        return
    labels = [hit for hit in found.values() if hit.kind in {"accepted", "foreign"}]
    if any(hit.start < frames[0][0] for hit in labels):
        return
    bare = [name for start, end, name in frames if not any(start <= hit.start < end for hit in labels)]
    if not bare or len(bare) == len(frames):
        return
    labelled = [name for start, end, name in frames if name not in bare]
    why = partial(wording, "check.label_on_some_story_frames", labelled=", ".join(labelled), bare=", ".join(bare))
    for hit in labels:
        hit.kind, hit.languages, hit.why = "ambiguous", set(), why


def _heading_spans(label: str, norm: Folded) -> list[tuple[int, int]]:
    """Spans of a hashtag label's word set apart as a line's heading: "[Annonce]", "(annonce)",
    "Annonce |", "Annonce ·" for "#annonce". Not before a colon: "Annonce : je déménage" announces."""
    pattern = heading_pattern(label)
    if pattern is None:
        return []
    spans = []
    for match in pattern.finditer(norm.text):
        group = "bracketed" if match.group("bracketed") else "tagged"
        spans.append((norm.original_offset(match.start(group)), norm.original_offset(match.end(group) - 1) + 1))
    return spans


def _only_for(compensations: list[str], lang: str) -> str:
    """Why a label reserved for other compensations is not enough: "only for: gifted, affiliate"."""
    names = ", ".join(wording(f"compensation.{c}", lang) for c in compensations)
    return wording("check.label_only_for", lang, compensations=names)


def _camel_case_spans(label: str, caption: str) -> list[tuple[int, int]]:
    """Without a brand, "#{brand}partner" still matches "#AcmePartner": a capitalised name glued
    to a capitalised suffix, as written in the caption ("#lifepartner" or "#mypartner" do not).
    "#{brand}_partner" matches "#Acme_Partner" and "#Acme_partner"."""
    label = label.strip()
    if not label.startswith("#") or not label.lower().startswith("#{brand}") or label.count("{brand}") != 1:
        return []
    suffix = label[len("#{brand}") :]
    underscore = suffix.startswith("_")
    suffix = suffix.lstrip("_")
    if not suffix[:1].isalpha() or not suffix.isalnum():
        return []
    first = f"[{suffix[0].upper()}{suffix[0].lower()}]" if underscore else suffix[0].upper()
    glue = "_" if underscore else ""
    pattern = re.compile(rf"(?<![\w&/#])#[A-Z0-9][^\W_]*?{glue}{first}{re.escape(suffix[1:].lower())}(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(caption)]


def _negated(caption: str, start: int) -> bool:
    return bool(_NEGATION.search(fold_with_offsets(caption[max(0, start - 24) : start]).text))


def detect_post_language(caption: str, hits: list[LabelHit] = ()) -> str | None:
    """The post's language, or None when it is too short or too mixed to say."""
    kept = []
    position = 0
    for hit in sorted(hits, key=lambda h: h.start):
        kept.append(caption[position : hit.start])
        position = max(position, hit.end)
    kept.append(caption[position:])
    text = re.sub(r"https?://\S+|[#@][\w.]+", " ", " ".join(kept))
    words = re.findall(r"[^\W\d_]{2,}", text)
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    language, confidence = language_identifier(LANGUAGES).classify(" ".join(words))
    return language if confidence >= LANGUAGE_CONFIDENCE else None


def _check_disclosure(
    request: CaptionCheckRequest,
    rules: JurisdictionRules,
    platform: Platform,
    book: RuleBook,
    hits: list[LabelHit],
    result: _Analysis,
) -> None:
    lang = result.message_language
    code = rules.jurisdiction
    label = rules.suggested_label(request.compensation, result.post_language)
    if request.platform_tool and request.platform in rules.platform_tool.sufficient_on:
        return  # the tool's own label is accepted there (e.g. "Bezahlte Werbepartnerschaft")

    accepted, wrong_language, ambiguous = [], [], []
    for hit in hits:
        if hit.kind == "accepted":
            if rules.label_language == "post" and result.post_language and result.post_language not in hit.languages:
                wrong_language.append(hit)
            else:
                accepted.append(hit)
        elif hit.kind == "ambiguous":
            ambiguous.append(hit)
        elif _is_wrong_language(hit, rules, result.post_language):
            wrong_language.append(hit)
        else:
            hit.why = partial(wording, "check.label_not_accepted_here")
            ambiguous.append(hit)

    if wrong_language and rules.wrong_language_severity == "warning":
        # Where the language is only expected (EU default), a foreign label still discloses.
        first = wrong_language[0]
        result.issues.append(_wrong_language_issue(first, rules, result, label, book, "warning"))
        accepted = sorted(accepted + wrong_language, key=lambda hit: hit.start)
        wrong_language = []

    removable = [hit for hit in ambiguous + wrong_language if hit.hashtag]
    if accepted:
        problems = [_prominence_problem(hit, request.caption, platform, rules) for hit in accepted]
        if not all(problems):
            return
        first = accepted[0]
        removable += [hit for hit in accepted if hit.hashtag or _standalone(request.caption, hit)]
        issue_code, section = "disclosure_not_prominent", rules.placement
        problem = _describe(problems[0], platform, rules, lang)
        message = wording("check.not_prominent", lang, found=first.text, problem=problem, label=label)
    elif wrong_language:
        result.needs_label = True
        result.removable += removable
        result.issues.append(_wrong_language_issue(wrong_language[0], rules, result, label, book, "error"))
        return
    elif ambiguous:
        first = ambiguous[0]
        why = first.why(lang) if first.why else ""
        issue_code, section = "ambiguous_disclosure", rules.disclosure
        message = wording("check.ambiguous_disclosure", lang, found=first.text, why=why, label=label)
    elif request.platform_tool:
        tool = platform.tool(lang) if platform.tool else wording("check.paid_partnership_tool", lang)
        issue_code, section = "platform_tool_only", rules.platform_tool
        message = wording("check.platform_tool_only", lang, tool=tool, platform=platform.name, label=label)
    else:
        issue_code, section = "missing_disclosure", rules.disclosure
        message = wording(
            "check.missing_disclosure",
            lang,
            compensation=wording(f"compensation.{request.compensation}", lang),
            label=label,
            fold_chars=platform.fold_chars,
            platform=platform.name,
        )
    result.needs_label = True
    result.removable += removable
    result.issues.append(_issue(issue_code, "error", section.rule, message, book.reference(code, section.sources, lang)))


def _check_visual_media(request: CaptionCheckRequest, rules: JurisdictionRules, book: RuleBook, result: _Analysis) -> None:
    """Stories, reels, videos and lives: the label belongs in the picture and the sound too."""
    lang = result.message_language
    media = VISUAL_MEDIA.get(request.media)
    if media:
        what = getattr(rules.placement, media)(lang)
        result.issues.append(
            _issue(
                "video_disclosure",
                "warning",
                rules.placement.rule,
                wording("check.visual_media", lang, media=wording(f"media.{request.media}", lang), what=what),
                book.reference(rules.jurisdiction, rules.placement.sources, lang),
            )
        )


def _standalone(caption: str, hit: LabelHit) -> bool:
    """A word label on its own ("... so gut! Werbung"), which a fixed caption can drop."""
    before = caption[: hit.start].rstrip(" \t")
    after = caption[hit.end :].lstrip(" \t")
    return (not before or not before[-1].isalnum()) and (not after or after[0] in "\n.!|·-–—")


def _is_wrong_language(hit: LabelHit, rules: JurisdictionRules, post_language: str | None) -> bool:
    if rules.label_language == "post":
        return post_language is not None and post_language not in hit.languages
    return rules.label_language not in hit.languages


def _wrong_language_issue(
    hit: LabelHit, rules: JurisdictionRules, result: _Analysis, label: str, book: RuleBook, severity: str
) -> ComplianceIssue:
    lang = result.message_language
    required = rules.label_language if rules.label_language != "post" else result.post_language
    name = wording(f"language.{required}", lang) if required in LANGUAGES else wording("check.the_post_language", lang)
    return _issue(
        "disclosure_wrong_language",
        severity,
        rules.language.rule,
        wording("check.wrong_language", lang, found=hit.text, language=name, label=label),
        book.reference(rules.jurisdiction, rules.language.sources, lang),
    )


def _prominence_problem(hit: LabelHit, caption: str, platform: Platform, rules: JurisdictionRules) -> str | None:
    if hit.start >= platform.fold_chars:
        return "after_fold"
    if caption.count("\n", 0, hit.start) >= platform.fold_lines:
        return "after_lines"
    if hashtags_right_before(caption, hit.start) >= 2:
        return "buried"
    limit = rules.placement.max_words_before
    if limit is not None and len(tokens_before(caption, hit.start)) > limit:
        return "not_first"
    return None


def _describe(problem: str, platform: Platform, rules: JurisdictionRules, lang: str) -> str:
    """Why a label is not upfront, for a problem from :func:`_prominence_problem`."""
    if problem == "after_fold":
        return wording("check.placement.after_fold", lang, fold_chars=platform.fold_chars, platform=platform.name)
    if problem == "after_lines":
        return wording("check.placement.after_lines", lang, fold_lines=platform.fold_lines, platform=platform.name)
    if problem == "buried":
        return wording("check.placement.buried", lang)
    if problem == "not_first":
        return wording("check.placement.not_first", lang, words=rules.placement.max_words_before)
    raise ValueError(f"unknown prominence problem {problem!r}")


def _check_image_labels(
    request: CaptionCheckRequest, rules: JurisdictionRules, norm: Folded, book: RuleBook, result: _Analysis
) -> None:
    lang = result.message_language
    wanted = (("retouched", request.retouched, "missing_retouched_label"), ("virtual", request.ai_generated, "missing_virtual_label"))
    for kind, applies, code in wanted:
        image = rules.image_labels.get(kind)
        if not (applies and image):
            continue
        if any(find(label_pattern(text), norm) for text in image.accepted):
            continue
        result.image_labels.append(image.suggestion)
        what = wording("check.image.retouched" if kind == "retouched" else "check.image.virtual", lang)
        result.issues.append(
            _issue(
                code,
                "error",
                image.rule,
                wording("check.missing_image_label", lang, image=what, label=image.suggestion),
                book.reference(rules.jurisdiction, image.sources, lang),
            )
        )


def _check_promotions(
    request: CaptionCheckRequest, rules: JurisdictionRules, norm: Folded, book: RuleBook, result: _Analysis,
    meaning: MeaningDetector | None = None,
) -> None:
    """Banned promotions and restricted claims.

    A category given with ``product_category`` wins. Otherwise the caption's words show it: for
    certain (a rule keeps its severity, and the message names the words) or only possibly (an
    ambiguous word such as "champagne": a warning, never an error). Bans also apply to a category
    the words show for certain when another one was given: "fashion" does not make a vape lawful.

    Where the words fire no rule (they may still show a category), ``meaning`` may show the
    caption's best signal by meaning (see bot.briefs.meaning): its categories count as shown for
    certain, with the nearest example as the words, and its phrase sets as present, so the same
    rules apply with the same severity ("ce robot d'investissement, jamais perdu un centime": the
    words show finance, the meaning the promise). Where the words fire a rule, they decide.
    """
    lang = result.message_language
    explicit = book.resolve_category(request.product_category)
    evidence = book.category_evidence(norm, request.caption)
    meant: set[str] = set()
    if meaning is not None and not explicit and not _firing(rules, book, norm, evidence, explicit):
        hit = meaning.detect(unleet(request.caption))
        if hit is not None:
            example = f"≈ {hit.example}"
            for category in hit.signal.categories:
                shown = evidence.get(category)
                # Words that showed the category stay first; the example says what the meaning added.
                evidence[category] = CategoryEvidence((shown.words if shown and not shown.reported_only else []) + [example], certain=True)
            meant = set(hit.signal.phrase_sets)
    if not explicit:
        result.evidence = evidence
    for firing in _firing(rules, book, norm, evidence, explicit, meant):
        rule, inferred, message = firing.rule, firing.inferred, firing.rule.message(lang)
        if inferred:
            key = "check.category_detected" if firing.sure else "check.caption_seems_about"
            message = _detected(book, evidence, inferred, lang, key) + message
            for category in inferred:
                result.triggered.setdefault(category, []).append(rule.rule)
        if firing.severity == "error" and rule.fix_append and (not inferred or firing.sure):
            result.appends[rule.rule] = rule.fix_append
        code = "prohibited_promotion" if firing.kind == "prohibited" else "restricted_claim"
        result.issues.append(_issue(code, firing.severity, rule.rule, message, book.reference(firing.origin, rule.sources, lang)))


@dataclass(frozen=True)
class _Firing:
    kind: str  # "prohibited" or "restricted"
    origin: str  # the jurisdiction whose rule it is
    rule: PromotionRule
    severity: str
    inferred: set[str]  # the rule's categories that the caption showed (none when given or not about one)
    sure: bool  # whether one of them is shown for certain


def _firing(
    rules: JurisdictionRules, book: RuleBook, norm: Folded, evidence: dict[str, CategoryEvidence], explicit: str | None,
    meant: set[str] = frozenset(),
) -> list[_Firing]:
    """The promotion rules a caption fires, with their severity: prohibitions are errors; a rule
    fired only by an ambiguous word ("champagne") warns, never fails the caption on a guess."""
    certain = {category for category, found in evidence.items() if found.certain}
    # Words that only describe something else (a perfume's "accord de vin chaud") are reported, not ruled on.
    shown = {explicit} if explicit else {category for category, found in evidence.items() if not found.reported_only}
    found = []
    for kind in ("prohibited", "restricted"):
        categories = ({explicit} | certain) if kind == "prohibited" and explicit else shown
        for origin, rule in book.promotion_rules(rules.jurisdiction, kind):
            if not _fires(rule, categories, norm, book, meant):
                continue
            severity = "error" if kind == "prohibited" else rule.severity
            inferred = set(rule.categories) & (categories - {explicit}) if rule.categories else set()
            sure = bool(inferred & certain)
            if inferred and not sure:
                severity = "warning"
            found.append(_Firing(kind, origin, rule, severity, inferred, sure))
    return found


def _detected(book: RuleBook, evidence: dict[str, CategoryEvidence], wanted: set[str], lang: str, key: str) -> str:
    """ "Category detected: nicotine (words: « vapoteuse »). " for the categories a rule is about."""
    parts = []
    for category in sorted(set(evidence) & wanted):
        words = ", ".join(f"« {word} »" for word in evidence[category].words[:3])
        parts.append(wording("check.category_words", lang, category=book.vocabulary.categories[category].name(lang), words=words))
    if not parts:
        return ""
    return wording(key, lang, categories="; ".join(parts)) + " "


def _fires(rule: PromotionRule, categories: set[str | None], norm: Folded, book: RuleBook, meant: set[str] = frozenset()) -> bool:
    """``meant``: phrase sets shown by meaning, counted as present where a rule names them ("@slimming")."""
    if rule.unless_categories and categories & set(rule.unless_categories):
        return False
    if rule.categories and not categories & set(rule.categories):
        return False
    # A claim denied right before it ("returns are not guaranteed") is no claim.
    if rule.phrases and not (_meant(rule.phrases, meant) or book.any_phrase_said(rule.phrases, norm)):
        return False
    if rule.with_phrases and not (_meant(rule.with_phrases, meant) or book.any_phrase_said(rule.with_phrases, norm)):
        return False
    if rule.requires_any and book.any_phrase(rule.requires_any, norm):
        return False
    if rule.unless_phrases and book.any_phrase(rule.unless_phrases, norm):
        return False
    return True


def _meant(phrases: list[str], meant: set[str]) -> bool:
    return any(phrase.startswith("@") and phrase[1:] in meant for phrase in phrases)


# Suggestion -------------------------------------------------------------------------------------


def _suggest(request: CaptionCheckRequest, analysis: _Analysis, book: RuleBook) -> str | None:
    appends = []
    for issue in analysis.issues:
        if issue.severity != "error" or issue.code in FIXED_BY_WORDING:
            continue
        if issue.rule not in analysis.appends:
            return None  # a banned product or a claim to remove: no wording makes it compliant
        appends.append(analysis.appends[issue.rule])
    rules = book[request.jurisdiction]
    head = []
    if analysis.needs_label:
        head.append(rules.suggested_label(request.compensation, analysis.post_language))
    head += analysis.image_labels
    body = _remove_spans(request.caption, analysis.removable) if analysis.needs_label else request.caption.strip()
    lines = [" · ".join(head)] if head else []
    lines += [body] if body else []
    lines += appends
    suggestion = "\n".join(lines)
    # The promise: a suggestion passes the checker itself. Re-check rather than trust the recipe.
    recheck = _analyse(request.model_copy(update={"caption": suggestion}), book, analysis.message_language)
    left = [issue.code for issue in recheck.issues if issue.severity == "error"]
    if left:
        log.error("suggested caption for %s failed its own check (%s); not offered", request.jurisdiction, ", ".join(left))
        return None
    return suggestion


def _remove_spans(caption: str, hits: list[LabelHit]) -> str:
    """The caption without the given hashtags, tidied (no doubled spaces, no emptied lines)."""
    spans = sorted({(hit.start, hit.end) for hit in hits})
    out, position = [], 0
    for start, end in spans:
        if start < position:
            continue
        out.append(caption[position:start])
        position = end
    out.append(caption[position:])
    before = caption.split("\n")
    after = "".join(out).split("\n")
    kept = []
    for index, line in enumerate(after):
        tidy = re.sub(r"[ \t]{2,}", " ", line).strip()
        emptied = not tidy and index < len(before) and before[index].strip()
        if not emptied:
            kept.append(tidy)
    return "\n".join(kept).strip()


# Helpers ----------------------------------------------------------------------------------------


def _issue(code: IssueCode, severity: str, rule: str, message: str, reference: str) -> ComplianceIssue:
    return ComplianceIssue(code=code, severity=severity, message=message, rule=rule, reference=reference)
