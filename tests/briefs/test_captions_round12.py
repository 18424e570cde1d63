"""Caption round 12 (issue 14): claims told as a before and after (a drink between shyness and
social ease, weight told as "down" an amount, an illness gone since the product was started, an
amount of revenue promised to the reader and guaranteed), an employee's role at the brand as a
disclosure, and how a buried label is scored.

Found on held_out_18: a UK gin read where the shy guest of networking evenings turns, a few
glasses in, into the one working the room (CAP 18: no link with social success); weight "down a
whole stone" in four weeks (CAP 13); a US heartburn that "used to" keep someone up and, since the
tablets, "it's just gone" (a US health claim); "you WILL add $10k in monthly revenue ...
Guaranteed" (FTC Act §5); a US employee's "Disclosure: I lead the support team at @..." read as no
label. And four labels placed late (the last seconds of on-screen text, below "… see more", a
panel below a stream, a carousel's last slide), which the checker reports as
``disclosure_not_prominent`` where the parts' headers count a buried label "as
ambiguous_disclosure and missing_disclosure": the evaluation now counts the checker's code for
such a case (see ``bot.briefs.evaluation.BURIED_LABEL_CODES``).

Guards, which pass before and after the round: a factual drink with a responsibility line, a
drink poured at home after leaving an event early; weight loss named with no amount, a price
"down", a walk "down a stone path"; an illness named with no cure, a dish "gone" since it was
put out; a refund guarantee beside revenue figures, revenue told as one's own result; an employee
post with no disclosure, a regular at a café, the same role line in the UK; a vague label that
the checker reads as buried still counts as missed. The real checker and rules; every caption is
written for these tests, none is a held_out_18 sentence.
"""

from __future__ import annotations

import pytest

from bot.briefs.evaluation import CaptionCase, evaluate_part
from tests.briefs.caption_checks import CLAIM, WARNED, issues, promotion

MISSING = ("missing_disclosure", "error")


# A drink between shyness and social ease (CAP 18.3, 18.4) -------------------------------------------


@pytest.mark.parametrize("caption", [
    "Ad | I was always the wallflower at work mixers, hovering near the snacks. These days I grab a @Brightmoor rum and cola as I walk in, and two glasses later I'm mingling with everyone in the place.",
    "#ad Weddings used to mean hiding at the back table for me. Now it's one @Tallowgate gin and tonic and I'm chatting to strangers I'd never have dared approach.",
    "Ad · Shy me at the office party: tongue-tied in a corner. With a @Fenwold cider in hand, by the second glass I was working the room like a pro.",
])
def test_a_drink_that_turns_shyness_into_social_ease_is_a_cap18_breach(caption):
    assert CLAIM in promotion(caption, "UK")


@pytest.mark.parametrize("caption", [
    "Ad | Tasting notes for the @Brightmoor spiced rum: vanilla, toffee and a long warm finish. 18+ · Please drink responsibly.",
    "Ad | Networking evenings wear me out, so I leave early and pour a @Brightmoor rum at home with a book. 18+ · Please drink responsibly.",
])
def test_a_factual_drink_or_one_at_home_is_no_social_success(caption):  # guards
    assert CLAIM not in promotion(caption, "UK")


# Weight told as "down" an amount, or a "whole" amount lost (CAP 13) ---------------------------------


@pytest.mark.parametrize("caption", [
    "Ad | Month two of swapping lunch for a @Ladlewell soup and I'm down nearly 9 lbs",
    "Ad | Six weeks on the @Ladlewell plan: lost a whole stone before my sister's wedding",
    "Ad | Weigh-in day with my @Ladlewell shakes: down a full stone since January 📉",
])
def test_weight_told_as_down_an_amount_is_a_stated_loss(caption):
    assert CLAIM in promotion(caption, "UK")


@pytest.mark.parametrize("caption", [
    "Ad | The @Ladlewell soups keep me full at lunch, part of my weight loss journey, no numbers here",
    "Ad | The @Ladlewell soup bundle is down £5 this week, stock up",
    "Ad | We walked down a stone path to the cove and had @Ladlewell soup from a flask",
])
def test_weight_loss_without_an_amount_a_price_or_a_path_is_no_stated_loss(caption):  # guards
    assert CLAIM not in promotion(caption, "UK")


# An illness gone since the product was started (US health claim) ----------------------------------


@pytest.mark.parametrize("caption", [
    "#ad My heartburn would ruin every pizza night. Since switching to @Calmroot chewables after dinner, it's completely gone.",
    "#ad My eczema used to flare up every single winter. Ever since I started the @Oatlune balm, it's gone.",
])
def test_an_illness_gone_since_the_product_was_started_is_a_health_claim(caption):
    assert WARNED in promotion(caption, "US")


@pytest.mark.parametrize("caption", [
    "#ad Heartburn-friendly salsa from @Calmroot peppers. Since we started stocking it at the deli, it's gone by noon every Saturday.",
    "#ad My heartburn flares with spicy food, so I keep the @Calmroot mild salsa for taco night.",
])
def test_an_illness_named_without_a_cure_is_no_health_claim(caption):  # guards
    assert not promotion(caption, "US")


# An amount of revenue promised to the reader and guaranteed (FTC Act §5) --------------------------


@pytest.mark.parametrize("caption", [
    "#ad Six weeks inside the @Closewell sales sprint and you'll bank an extra $4k every month. Guaranteed.",
    "#ad Follow the @Shopsprout launch course step by step and your store will hit $2,000 in monthly revenue within 90 days, guaranteed.",
])
def test_revenue_promised_to_the_reader_and_guaranteed_is_an_error(caption):
    assert CLAIM in promotion(caption, "US")


@pytest.mark.parametrize("caption", [
    "#ad The @Closewell course took my agency's revenue to $9k a month. Not for you? There's a 30-day money-back guarantee.",
    "#ad I added $2k to my monthly revenue with the @Closewell playbook. Your results will vary.",
])
def test_a_refund_guarantee_or_ones_own_revenue_is_no_guaranteed_earnings(caption):  # guards
    assert CLAIM not in promotion(caption, "US")


# An employee's role at the brand, upfront (FTC §255.5; Ad Standards) -------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Full disclosure: I manage the billing team at @Ledgerly. Our new invoice templates went live today and they cut my own month-end close in half.", "US"),
    ("Heads up, I'm a product designer at @Quillboard, so take this with a grain of salt: the new whiteboard mode is the thing I'm proudest of.", "CA"),
    ("Disclosure: I'm on the data team at @Ledgerly. We rebuilt the reports page and it finally loads in under a second.", "US"),
])
def test_an_employees_role_at_the_brand_upfront_discloses(caption, jurisdiction):
    assert not issues(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("We just launched dark mode at @Quillboard and I'm so proud of everyone who shipped it.", "US"),
    ("I'm a regular at @Beanhouse and their new oat cold brew is the best in town.", "US"),
    ("Disclosure: I lead the billing team at @Ledgerly. Our new invoice templates went live today.", "UK"),
])
def test_no_role_a_customers_words_or_the_uk_still_need_a_label(caption, jurisdiction):  # guards
    assert MISSING in issues(caption, jurisdiction) or ("ambiguous_disclosure", "error") in issues(caption, jurisdiction)


# How a buried label is scored -------------------------------------------------------------------------


BURIED = (
    "Sunday pancakes with the @Griddleo cast-iron pan, golden on both sides 🥞 "
    "#brunch #pancakes #castiron #sundaymorning #breakfast #homecooking #ad"
)


def _scored(codes: list[str]) -> bool | None:
    case = CaptionCase(caption=BURIED, jurisdiction="US", verdict="non_compliant", source="ftc", codes=codes)
    evaluation = evaluate_part("probe", [case])
    assert evaluation.verdict_accuracy == 1.0
    return evaluation.code_recall == 1.0


def test_a_buried_label_reported_as_not_prominent_finds_the_buried_label_convention():
    assert ("disclosure_not_prominent", "error") in issues(BURIED, "US")
    assert _scored(["ambiguous_disclosure", "missing_disclosure"])


def test_not_prominent_does_not_stand_for_a_vague_label_alone():  # guard
    assert not _scored(["ambiguous_disclosure"])
