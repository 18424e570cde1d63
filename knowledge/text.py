"""Language detection and lexical tokenisation for French and English text.

Shared by retrieval (BM25), answer extraction and creator matching, so that the same
words match the same way everywhere: lower-cased, accents folded, stop words dropped,
Snowball-stemmed in the text's language ("influenceuses" and "influenceur" meet).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

from knowledge.models import Language

_stem_lock = threading.Lock()

# Words that carry no topic; kept short on purpose (stemming handles the rest).
_STOP_WORDS = {
    "fr": set(
        "a au aux avec ce ces cet cette dans de des du elle en est et etre eux il ils je la le les leur "
        "leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se "
        "ses son sont sur ta te tes toi ton tu un une vos votre vous y d l j n s t c qu quel quelle "
        "quels quelles combien pourquoi quoi quand comment faut peut doit ont avoir fait faire plus tres".split()
    ),
    "en": set(
        "a an and are as at be by for from has have how i in is it its of on or that the their them "
        "they this to was what when where which who why will with you your do does can should would "
        "much many there about into than then these those we our us my me had been were did if not but "
        "so any all some also more most".split()
    ),
}
_ALL_STOP_WORDS = _STOP_WORDS["fr"] | _STOP_WORDS["en"]
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


@lru_cache(maxsize=4)
def language_identifier(languages: tuple[str, ...] = ("fr", "en")):
    """A py3langid classifier restricted to ``languages`` (normalised probabilities), loaded once."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def detect_language(text: str, default: Language = "en") -> Language:
    """'fr' or 'en' for a piece of text; ``default`` when there is nothing to judge by."""
    if not any(ch.isalpha() for ch in text):
        return default
    label, _confidence = language_identifier().classify(text)
    return "fr" if label == "fr" else "en"


def fold_accents(text: str) -> str:
    """'Cosmétiques Naturels' -> 'cosmetiques naturels' (lower case, no diacritics)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=2)
def _stemmer(language: Language):
    return snowballstemmer.stemmer("french" if language == "fr" else "english")


# The vocabulary is small and the same words recur in every passage and question:
# caching stems makes sentence scoring several times faster.
@lru_cache(maxsize=100_000)
def stem(word: str, language: Language) -> str:
    with _stem_lock:  # a Snowball stemmer keeps state while it works: one word at a time
        return _stemmer(language).stemWord(word)


def words(text: str) -> list[str]:
    """Lower-cased, accent-folded words, elisions split ("l'engagement" -> "engagement")."""
    found = []
    for match in _WORD.findall(fold_accents(text)):
        found.append(re.split(r"['’]", match)[-1])
    return found


def content_words(text: str) -> list[str]:
    """Words that carry a topic: stop words of both languages and lone letters dropped."""
    return [w for w in words(text) if w not in _ALL_STOP_WORDS and (len(w) > 1 or w.isdigit())]


def tokenize(text: str, language: Language | None = None) -> list[str]:
    """Stemmed content words for lexical matching. Both languages' stop words are dropped,
    because questions and documents mix French and English vocabulary."""
    lang = language or detect_language(text)
    return [stem(word, lang) for word in content_words(text)]


# Stems sharing their first letters usually name the same thing across French and English
# ("influenceur"/"influencer", "recommandation"/"recommendation", "produit"/"product").
_COGNATE_LETTERS = 5


def cognate_key(stem: str) -> str | None:
    """A coarse key that French and English forms of one word tend to share; None for short words."""
    if len(stem) < _COGNATE_LETTERS or stem.isdigit():
        return None
    return "~" + stem[:_COGNATE_LETTERS]


def lexical_tokens(text: str, language: Language | None = None) -> list[str]:
    """Stems plus their cognate keys: what passages are indexed and matched by."""
    stems = tokenize(text, language)
    return stems + [key for key in map(cognate_key, stems) if key]


class QueryTerm(NamedTuple):
    """One content word of a question, in every form a passage may contain it."""

    stems: frozenset[str]  # the word stemmed as French and as English
    translations: frozenset[str]  # stems of its translations (knowledge.glossary)


@lru_cache(maxsize=256)
def query_terms(text: str) -> tuple[QueryTerm, ...]:
    """The question's content words, each stemmed both ways and with its translations.

    Passages are stemmed in their own language, so an English question meets a French
    passage only where stems coincide ("budget", "2019") or through the glossary
    ("parcel" -> "colis"); stemming the question both ways gives every passage its chance.
    """
    from knowledge.glossary import translations

    table = translations()
    found = content_words(text)
    french, english = [stem(w, "fr") for w in found], [stem(w, "en") for w in found]
    terms: list[QueryTerm] = []
    for stems in map(frozenset, zip(french, english)):
        translated = frozenset().union(*(table.get(stem, frozenset()) for stem in stems)) - stems
        term = QueryTerm(stems, translated)
        if term not in terms:
            terms.append(term)
    return tuple(terms)


# Sentence boundaries: end punctuation (and a closing quote), then a capital, digit or opening quote.
_SENTENCE_END = re.compile(r"[.!?…][\"”»)]?(?=\s+[\"“«(\[]?\s?[A-ZÀ-ÖØ-Þ0-9])")
# Words that end with a period without ending the sentence ("art. L. 121-1", "e.g. TikTok").
_ABBREVIATIONS = {"art", "arts", "al", "e.g", "i.e", "cf", "vs", "no", "n°", "st", "mr", "mrs", "ms", "dr", "m",
                  "mme", "p", "pp", "ex", "env", "fig", "inc", "ltd", "co", "u.s", "approx"}
_LINE_MARKER = re.compile(r"^(?:#{1,6}|[-*+•]|\d{1,2}[.)])\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences and list items of ``text``, verbatim but for list markers and heading hashes."""
    sentences: list[str] = []
    for line in text.split("\n"):
        line = _LINE_MARKER.sub("", line.strip())
        start = 0
        for match in _SENTENCE_END.finditer(line):
            last_word = line[start : match.start()].rsplit(None, 1)[-1:] or [""]
            last_word = last_word[0].rstrip(".").lower()
            if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
                continue
            sentences.append(line[start : match.end()].strip())
            start = match.end()
        sentences.append(line[start:].strip())
    return [s for s in sentences if s]
