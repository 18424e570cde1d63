"""The extractive answer: the most relevant sentences of the best passages, verbatim, cited.

No model writes anything here, so nothing can be invented: each sentence is copied from a
passage and followed by the number of the source it came from. When the best passages are
not relevant enough (see :func:`is_relevant`), the answer says plainly that the knowledge
base does not cover the question, with no sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.models import Answer, Language, Source
from knowledge.retrieval import Passage, term_match
from knowledge.text import QueryTerm, detect_language, lexical_tokens, query_terms, split_sentences

# Relevance: an answer needs one passage that is both close in meaning (dense cosine) and
# shares the question's words (idf-weighted coverage, translations via the glossary,
# cognates at half weight). e5 gives every pair of texts a high cosine: in-scope best
# passages reach 0.81-0.93, out-of-scope ones 0.78-0.85 ("tarte tatin" 0.853), so cosine
# alone cannot decide; out-of-scope questions share few words with any close passage
# ("spot publicitaire à la télévision" 0.824 / 0.22, "impôts en ligne" 0.815 / 0.26,
# "roue de vélo" 0.80 / 0.31). Calibrated (relais eval + 18 extra out-of-scope questions,
# over the shipped corpus + seeds and over the test corpus: 65 in scope, 48 out): every
# pair with cosine in [0.815, 0.83] and coverage in [0.225, 0.375] refused all 48 and
# answered 64 of 65; the centre of that box is used.
DENSE_MIN = 0.82
COVERAGE_MIN = 0.30
# A passage this close is relevant whatever its words (a paraphrase in another language);
# no out-of-scope question came within 0.04 of it.
DENSE_SURE = 0.90

# Sentence selection.
SENTENCE_PASSAGES = 5  # passages whose sentences compete
MAX_SENTENCES = 3
MAX_ANSWER_CHARS = 700
MIN_SENTENCE_CHARS = 15
LIST_ITEMS = 4  # items quoted after a sentence that announces a list
KEEP_RATIO = 0.5  # a further sentence must score at least this share of the best one
EXCERPT_CHARS = 280

LEAD_IN = {
    "en": "Here is what the knowledge base says:",
    "fr": "Voici ce que dit la base de connaissances :",
}
LEAD_IN_OTHER_LANGUAGE = {
    "en": "Here is what the knowledge base says (the passages quoted are in French):",
    "fr": "Voici ce que dit la base de connaissances (les passages cités sont en anglais) :",
}
LEAD_IN_SOME_OTHER_LANGUAGE = {
    "en": "Here is what the knowledge base says (some passages quoted are in French):",
    "fr": "Voici ce que dit la base de connaissances (certains passages cités sont en anglais) :",
}
NOT_COVERED = {
    "en": (
        "The knowledge base does not cover this question, so I will not guess. "
        "Try rephrasing it, or add documents that cover the topic."
    ),
    "fr": (
        "La base de connaissances ne couvre pas cette question : je préfère ne pas inventer de réponse. "
        "Reformulez-la, ou ajoutez des documents qui traitent du sujet."
    ),
}


# Sections that list references: they name sources, they do not answer questions.
REFERENCE_SECTIONS = {"sources", "source", "references", "références", "bibliography", "bibliographie",
                      "further reading", "pour aller plus loin"}
REFERENCE_WEIGHT = 0.3
# Quote the reader's language when the evidence is comparable.
OTHER_LANGUAGE_WEIGHT = 0.6


@dataclass
class _Candidate:
    passage_rank: int
    position: int
    text: str
    score: float
    same_language: bool = True
    list_item: bool = False  # quoted because the sentence before announced a list


def is_relevant(passages: list[Passage]) -> bool:
    """Whether any retrieved passage answers the question at all (see the thresholds above)."""
    return any(
        (p.dense or 0.0) >= DENSE_SURE or ((p.dense or 0.0) >= DENSE_MIN and p.coverage >= COVERAGE_MIN)
        for p in passages
    )


def not_covered(language: Language) -> Answer:
    return Answer(answer=NOT_COVERED[language], language=language, found=False, sources=[])


def extractive_answer(
    question: str, passages: list[Passage], language: Language, weights: dict[QueryTerm, float] | None = None
) -> Answer:
    """``weights`` gives each question word its importance (idf); equal weights without it."""
    if not is_relevant(passages):
        return not_covered(language)
    chosen = _choose_sentences(question, passages, weights or {})
    numbers: dict[int, int] = {}  # passage rank -> citation number, in order of first use
    for candidate in chosen:
        numbers.setdefault(candidate.passage_rank, len(numbers) + 1)
    paragraphs = []
    for rank, n in numbers.items():
        paragraph = ""
        for c in sorted((c for c in chosen if c.passage_rank == rank), key=lambda c: c.position):
            if c.list_item:
                paragraph += f"\n- {c.text}"
            elif c.position < 0:  # a section heading stands on its own line
                paragraph += f"\n{c.text} [{n}]\n"
            else:
                paragraph += f" {c.text} [{n}]"
        paragraphs.append("\n".join(line.strip() for line in paragraph.strip().splitlines()))
    translated = [passages[rank].language not in ("", language) for rank in numbers]
    leads = LEAD_IN_OTHER_LANGUAGE if all(translated) else LEAD_IN_SOME_OTHER_LANGUAGE if any(translated) else LEAD_IN
    lead = leads[language]
    sources = [source_of(passages[rank], n) for rank, n in numbers.items()]
    return Answer(answer=lead + "\n\n" + "\n\n".join(paragraphs), language=language, found=True, sources=sources)


def source_of(passage: Passage, n: int) -> Source:
    return Source(
        n=n,
        title=passage.title,
        source=passage.source,
        excerpt=shorten(passage.text, EXCERPT_CHARS),
        score=round(float(passage.dense or 0.0), 4),
    )


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _choose_sentences(
    question: str, passages: list[Passage], weights: dict[QueryTerm, float]
) -> list[_Candidate]:
    """The best sentences by the question's words they contain, weighted by passage rank.

    Re-embedding sentences would cost ~0.2 ms per character on 2 cores, far over the
    latency budget; words (stemmed both ways, with cognates) and the passage's own rank
    are cheap and pick the sentence carrying the asked-for figure or name well enough.
    """
    terms = query_terms(question)
    question_language = detect_language(question)
    total = sum(weights.get(term, 1.0) for term in terms) or 1.0
    top_score = passages[0].score
    candidates: list[_Candidate] = []
    for rank, passage in enumerate(passages[:SENTENCE_PASSAGES]):
        if rank and passage.score < 0.8 * top_score:
            continue  # clearly weaker passages only dilute the answer
        weight = 1.0 / (1.0 + 0.35 * rank)
        if passage.section.strip().lower() in REFERENCE_SECTIONS:
            weight *= REFERENCE_WEIGHT
        across = passage.language != question_language
        if across:
            weight *= OTHER_LANGUAGE_WEIGHT
        # A section heading often states the passage's answer in one line ("Micro-influencers:
        # from 5,000 or 10,000 to 50,000 or 100,000 followers"): it competes as a quotable line.
        heading = passage.section.rsplit(" › ", 1)[-1].strip()
        lines = [(-1, heading)] if heading else []
        for position, sentence in lines + list(enumerate(split_sentences(passage.text))):
            if len(sentence) < MIN_SENTENCE_CHARS:
                continue
            tokens = frozenset(lexical_tokens(sentence, passage.language or None))
            match = sum(weights.get(term, 1.0) * term_match(term, tokens, across) for term in terms) / total
            # A passage's first sentences usually state its point: a small prior keeps them
            # ahead when no word matches (a question in the other language).
            prior = 0.1 / (2 + position)
            candidates.append(_Candidate(rank, position, sentence, (match + prior) * weight, not across))
    if not candidates:  # a passage with no sentence long enough: quote it whole
        return [_Candidate(0, 0, shorten(passages[0].text, MAX_ANSWER_CHARS), 1.0)]
    candidates.sort(key=lambda c: c.score, reverse=True)
    if candidates[0].same_language:
        # The knowledge base often holds the same facts in both languages: once the best
        # sentence is in the reader's language, the other language would only repeat it.
        candidates = [c for c in candidates if c.same_language]
    chosen = [candidates[0]]
    seen = {_sentence_key(candidates[0].text)}
    length = len(candidates[0].text)
    for candidate in candidates[1:]:
        if len(chosen) >= MAX_SENTENCES or candidate.score < KEEP_RATIO * chosen[0].score:
            break
        key = _sentence_key(candidate.text)
        if key in seen or length + len(candidate.text) > MAX_ANSWER_CHARS:
            continue  # overlapping passages repeat sentences
        chosen.append(candidate)
        seen.add(key)
        length += len(candidate.text)
    return _with_announced_lists(chosen, candidates, passages, seen)


def _with_announced_lists(
    chosen: list[_Candidate], candidates: list[_Candidate], passages: list[Passage], seen: set[str]
) -> list[_Candidate]:
    """A chosen sentence that ends with ':' announces a list: quote the next items too, from
    the next passage of the document when the list starts after a cut."""
    result = list(chosen)
    for candidate in chosen:
        if not candidate.text.rstrip().endswith(":"):
            continue
        passage = passages[candidate.passage_rank]
        sentences = split_sentences(passage.text)
        after = sentences[candidate.position + 1 :] or split_sentences(passage.following)
        for offset, item in enumerate(after[:LIST_ITEMS], start=1):
            if _sentence_key(item) in seen:
                continue
            result.append(_Candidate(candidate.passage_rank, candidate.position + offset, item, 0.0,
                                     candidate.same_language, list_item=True))
            seen.add(_sentence_key(item))
    return result


def _sentence_key(sentence: str) -> str:
    return " ".join(sentence.lower().split())
