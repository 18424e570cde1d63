"""Caption round 15 (issue 14): a story series scripted "Frame 1: … Frame 2: …", and a return
told as a rate per year on the price paid.

Found on held_out_21: UK story frames written "Frame 1: Ad | … / Frame 2: … [link sticker]" with
the label on the first frame only passed, because only frames named "story" were read one by one;
and a Canadian rental scheme promising owners a yearly rate on the purchase price, "guaranteed"
and "zero risk", was never read as an investment ("side-income" hyphenated, "get 10% a year on the
purchase price").

Fail before the round (7): the bare-frame series with a story's marks or the story media,
labelled on some frames only (4 cases); a yearly rate on the purchase price (CA) or on the sum put
in (FR) and the hyphenated side income, each with a guarantee (3 cases). Guards, which pass before
and after (8): the German yearly rate on the purchase price and the UK rental yield (already read
by "Rendite"/"Invest" and "yield" with a rate; kept as guards of the same promise); a film
photographer's "Frame 1: … Frame 2: …" with the label upfront and no story's mark, every frame
labelled, a label before the frames; a discount on the purchase price beside a risk-free trial or
a warranty, a side income with no promise. The real checker and rules; every caption is written for these tests,
none is a held_out_21 sentence.
"""

from __future__ import annotations

import pytest

from bot.briefs.checker import check_caption
from bot.briefs.models import CaptionCheckRequest
from tests.briefs.caption_checks import CLAIM, categories, issues, promotion

AMBIGUOUS = ("ambiguous_disclosure", "error")


# A story series scripted "Frame 1: … Frame 2: …" -----------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Frame 1: Ad | my autumn candle edit from @Wickhaven 🍂\nFrame 2: the fig and cedar one [link sticker]\nFrame 3: 3 for 2 till Sunday [link sticker]", "UK"),
    ("Frame 1: Werbung | Herbstdeko von @Moosgrün\nFrame 2: die Kürbislichterkette, 20 % günstiger [Link-Sticker]", "DE"),
    ("Frame 1: #ad my picnic set from @Fernbrook, all linked in my stories\nFrame 2: the insulated basket\nFrame 3: code PICNIC10", "US"),
])
def test_frames_with_a_story_s_marks_are_labelled_each(caption, jurisdiction):
    found = issues(caption, jurisdiction)
    assert AMBIGUOUS in found
    assert ("disclosure_not_prominent", "error") not in found


def test_frames_of_a_story_by_its_media_are_labelled_each():
    caption = "Frame 1: Ad | new trail shoes from @Screecraft\nFrame 2: 15% off with SCREE15"
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction="UK", media="story"))
    assert AMBIGUOUS in {(issue.code, issue.severity) for issue in result.issues}


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("Frame 1: Ad | a roll of @Halide Film 400 through my old Pentax, the harbour at dawn\nFrame 2: the fish market\nFrame 3: my dog on the pier", "UK"),
    ("Frame 1: Ad | autumn candles from @Wickhaven [link sticker]\nFrame 2: Ad | the fig and cedar one [link sticker]", "UK"),
    ("Ad | autumn candles from @Wickhaven\nFrame 1: the fig and cedar one [link sticker]\nFrame 2: 3 for 2 till Sunday [link sticker]", "UK"),
])
def test_a_photo_dump_every_frame_labelled_or_a_label_before_the_frames_is_compliant(caption, jurisdiction):  # guards
    assert not issues(caption, jurisdiction)


# A return told as a rate on the price paid, a rental yield, a side income ------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#ad We bought a cabin in the @Pinecrest holiday scheme: buyers receive 7% a year on the purchase price, guaranteed for ten years.", "CA"),
    ("Publicité · Avec @Vignoble Partagé, les associés touchent 6 % par an sur leur apport, garanti par contrat, zéro risque.", "FR"),
    ("Werbung | Mit @Parkhaus Invest bekommen Käufer 5 % jährlich auf den Kaufpreis, garantiert.", "DE"),
    ("Ad | A 9% rental yield on a studio flat with @Harbourlet, guaranteed for five years.", "UK"),
    ("#ad My side-income from the @Lakeview condo program: $500 a month, guaranteed, zero risk.", "US"),
])
def test_a_rate_on_the_price_paid_or_a_side_income_promised_safe_is_a_financial_claim(caption, jurisdiction):
    assert "financial" in categories(caption, jurisdiction)
    assert CLAIM in promotion(caption, jurisdiction)


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    ("#ad 10% off the purchase price of any @Sleepwell mattress this week, with a risk-free 100-night trial.", "US"),
    ("Ad | Save 10% on the purchase price of the @Kettleworks range, guaranteed for two years.", "UK"),
])
def test_a_discount_on_the_price_is_no_return(caption, jurisdiction):  # guards
    assert "financial" not in categories(caption, jurisdiction)
    assert CLAIM not in promotion(caption, jurisdiction)


def test_a_side_income_without_a_promise_is_no_claim():  # guard
    caption = "#ad My pottery shop on @Makerly became a nice side-income, about $300 a month."
    assert CLAIM not in promotion(caption, "US")
