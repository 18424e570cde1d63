"""One sentence per factor for a shortlisted creator, and the reason a creator was left out."""

from __future__ import annotations

import math

import numpy as np

from scoring.config import FACTORS
from scoring.factors import SIGNALS, Scores
from scoring.frame import RosterFrame
from scoring.models import PLATFORMS, TIERS, Creator, ShortlistRequest
from scoring.relevance import NicheMatch, closest_tag, niche_evidence
from scoring.rows import FORMULA_PER_FOLLOWER, FORMULA_PER_VIEW
from scoring.topics import TopicVectors
from scoring.wording import Wording


def factor_reasons(frame: RosterFrame, scores: Scores, i: int, creator: Creator | None, match: NicheMatch | None,
                   reference: int | None, lookalike: np.ndarray | None, request: ShortlistRequest,
                   topics: TopicVectors) -> list[str]:
    """The six sentences, in the order of FACTORS."""
    say = Wording(request.reasons_language)
    row = int(scores.rows[i])
    sentences = {
        "relevance": _relevance(say, frame, row, creator, match, reference, lookalike, topics),
        "engagement": _engagement(say, frame, scores, i, creator),
        "authenticity": _authenticity(say, frame, scores, i),
        "audience_fit": _audience(say, scores, i, request),
        "cost_efficiency": _cost(say, scores, i, request.currency),
        "activity": _activity(say, scores, i),
    }
    return [sentences[name] for name in FACTORS]


def _relevance(say: Wording, frame: RosterFrame, row: int, creator: Creator | None, match: NicheMatch | None,
               reference: int | None, lookalike: np.ndarray | None, topics: TopicVectors) -> str:
    if match is not None and creator is not None:
        evidence = niche_evidence(match, creator.topics, creator.bio, creator.recent_captions, creator.language)
        if evidence is not None:
            where = say.say(f"where_{evidence.field}", phrase=evidence.phrase)
            key = "relevance_synonym" if evidence.synonym else "relevance_found"
            return say.say(key, niche=match.query.text, where=where)
        if match.semantic[row] > 0:
            tag = closest_tag(frame, row, topics.query(match.query.text))
            if tag:
                return say.say("relevance_semantic", niche=match.query.text, tag=tag)
    if reference is None or lookalike is None:
        return say.say("relevance_partial", niche=match.query.text if match else "")
    ratio = frame.followers[row] / max(frame.followers[reference], 1)
    if 0.8 <= ratio <= 1.25:
        size = say.say("size_same")
    elif ratio > 1:
        size = say.say("size_bigger", ratio=say.ratio(ratio))
    else:
        size = say.say("size_smaller", ratio=say.ratio(1 / ratio))
    return say.say("relevance_lookalike", reference=frame.handles[reference], overlap=say.percent(float(lookalike[row])),
                   size=size)


def _engagement(say: Wording, frame: RosterFrame, scores: Scores, i: int, creator: Creator | None) -> str:
    er = scores.er[i]
    if not math.isfinite(er):
        return say.say("engagement_unknown")
    row = int(scores.rows[i])
    if scores.likes_only[i]:
        per_view = frame.er_per_view[row] and frame.views[row] > 0
        formula = say.say("formula_likes_only", base=say.say("base_views" if per_view else "base_followers"))
    else:
        stated = creator.engagement_formula if creator else None
        formula = say.say({FORMULA_PER_FOLLOWER: "formula_per_follower", FORMULA_PER_VIEW: "formula_per_view"}.get(
            stated or "", "formula_imported"))
    benchmark = float(scores.benchmark[i])
    return say.say(
        "engagement", er=say.percent(er), formula=formula, ratio=say.ratio(er / benchmark),
        platform=say.platform(PLATFORMS[frame.platform[row]]), tier=say.tier(TIERS[frame.tier[row]]),
        benchmark=say.percent(benchmark),
    )


def _signal_phrases(say: Wording, frame: RosterFrame, scores: Scores, i: int) -> list[str]:
    row = int(scores.rows[i])
    phrases = []
    for signal in SIGNALS:
        if not scores.signals[signal][i]:
            continue
        if signal == "low_er":
            phrases.append(say.say("signal_low_er", er=say.percent(float(scores.er[i])),
                                   ratio=say.ratio(float(scores.er[i] / scores.benchmark[i])),
                                   benchmark=say.percent(float(scores.benchmark[i]))))
        elif signal == "growth":
            phrases.append(say.say("signal_growth", growth=say.percent(float(frame.growth[row]) / 100, signed=True)))
        elif signal == "mass_following":
            phrases.append(say.say("signal_mass_following", following=say.number(frame.following[row]),
                                   followers=say.number(frame.followers[row])))
        elif signal == "pod":
            per_hundred = 100 * frame.comments[row] / max(frame.likes[row], 1)
            phrases.append(say.say("signal_pod", per_hundred=say.number(per_hundred)))
        elif signal == "sponsored":
            phrases.append(say.say("signal_sponsored", share=say.percent(float(frame.sponsored[row]))))
    return phrases


def _authenticity(say: Wording, frame: RosterFrame, scores: Scores, i: int) -> str:
    phrases = _signal_phrases(say, frame, scores, i)
    if not phrases:
        return say.say("authenticity_clean")
    return say.say("authenticity_signals", signals="; ".join(phrases))


def _audience(say: Wording, scores: Scores, i: int, request: ShortlistRequest) -> str:
    if not request.country:
        return say.say("audience_not_judged")
    country = request.country.upper() if len(request.country) == 2 else request.country
    share = scores.audience_share[i]
    if math.isfinite(share):
        return say.say("audience_share", share=say.percent(float(share)), country=country)
    if scores.factors["audience_fit"][i] > 0:
        return say.say("audience_unknown_split", country=country)
    return say.say("audience_elsewhere", country=country)


def _cost(say: Wording, scores: Scores, i: int, currency: str) -> str:
    cost = float(scores.cost[i])
    expected = float(scores.expected[i])
    per_engagement = cost / expected if expected > 0 else float("inf")
    return say.say(
        "cost", cost=say.money(cost, currency),
        estimate=say.say("cost_estimate_note") if scores.cost_is_estimate[i] else "",
        engagements=say.number(expected),
        per_engagement=say.money(per_engagement, currency) if math.isfinite(per_engagement) else "—",
    )


def _activity(say: Wording, scores: Scores, i: int) -> str:
    days = scores.days_since_post[i]
    if not math.isfinite(days):
        return say.say("activity_unknown")
    if days < 1:
        return say.say("activity_today")
    return say.say("activity_days", days=say.number(days))


def exclusion_reason(frame: RosterFrame, scores: Scores, i: int, suspect: bool, flagged: bool,
                     request: ShortlistRequest) -> str:
    say = Wording(request.reasons_language)
    row = int(scores.rows[i])
    if flagged:
        wanted = {f.strip().lower() for f in request.exclude_flags}
        columns = frame.flags.indices[frame.flags.indptr[row] : frame.flags.indptr[row + 1]]
        names = [frame.flag_names.names[c] for c in columns if frame.flag_names.names[c] in wanted]
        return say.say("excluded_flag", flags=", ".join(n for n in names if n))
    if suspect:
        details = "; ".join(_signal_phrases(say, frame, scores, i))
        fired = {s for s in SIGNALS if scores.signals[s][i]}
        if "low_er" in fired:
            key = "excluded_bought"
        elif "pod" in fired:
            key = "excluded_pod"
        elif "growth" in fired:
            key = "excluded_growth"
        elif "mass_following" in fired:
            key = "excluded_mass_following"
        else:
            key = "excluded_other"
        return say.say(key, details=details)
    return say.say("excluded_over_budget", cost=say.money(float(scores.cost[i]), request.currency),
                   budget=say.money(float(request.budget or 0), request.currency))
