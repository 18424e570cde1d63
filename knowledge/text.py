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

import snowballstemmer

from knowledge.models import Language

_identifier = None
_identifier_lock = threading.Lock()

# Words that carry no topic; kept short on purpose (stemming handles the rest).
_STOP_WORDS = {
    "fr": set(
        "a au aux avec ce ces cet cette dans de des du elle en est et etre eux il ils je la le les leur "
        "leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se "
        "ses son sont sur ta te tes toi ton tu un une vos votre vous y d l j n s t c qu quel quelle "
        "quels quelles combien pourquoi quoi faut peut doit ont avoir fait faire plus tres".split()
    ),
    "en": set(
        "a an and are as at be by for from has have how i in is it its of on or that the their them "
        "they this to was what when where which who why will with you your do does can should would "
        "much many there about into than then these those we our us my me".split()
    ),
}
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def _language_identifier():
    global _identifier
    with _identifier_lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            identifier.set_languages(["fr", "en"])
            _identifier = identifier
        return _identifier


def detect_language(text: str, default: Language = "en") -> Language:
    """'fr' or 'en' for a piece of text; ``default`` when there is nothing to judge by."""
    if not any(ch.isalpha() for ch in text):
        return default
    label, _confidence = _language_identifier().classify(text)
    return "fr" if label == "fr" else "en"


def fold_accents(text: str) -> str:
    """'Cosmétiques Naturels' -> 'cosmetiques naturels' (lower case, no diacritics)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=2)
def _stemmer(language: Language):
    return snowballstemmer.stemmer("french" if language == "fr" else "english")


def words(text: str) -> list[str]:
    """Lower-cased, accent-folded words, elisions split ("l'engagement" -> "engagement")."""
    found = []
    for match in _WORD.findall(fold_accents(text)):
        found.append(re.split(r"['’]", match)[-1])
    return found


def tokenize(text: str, language: Language | None = None) -> list[str]:
    """Stemmed content words for lexical matching. Both languages' stop words are dropped,
    because questions and documents mix French and English vocabulary."""
    lang = language or detect_language(text)
    stop = _STOP_WORDS["fr"] | _STOP_WORDS["en"]
    stemmer = _stemmer(lang)
    return stemmer.stemWords([w for w in words(text) if w not in stop and (len(w) > 1 or w.isdigit())])
