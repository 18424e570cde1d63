"""Table-driven caption checks across the eight jurisdictions.

The captions are written for these tests, after the situations the official guides illustrate
(FTC "Disclosures 101", ASA/CMA influencers' guide, Ad Standards guidelines, ARPP sheet, Bercy
guide, FPS Economy guidelines, Landesmedienanstalten guide). Each row gives the exact set of
error codes and of warning codes the checker must report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot.briefs.checker import check_caption
from bot.briefs.models import CaptionCheckRequest

LONG = "Trois semaines de test, matin et soir, sur une peau mixte qui tiraille souvent en hiver, et voici enfin mon avis complet et détaillé : "
LONG_EN = "Three weeks of testing, morning and night, on combination skin that gets tight in winter, and here is my full and detailed review: "


@dataclass
class Case:
    id: str
    caption: str
    jurisdiction: str
    errors: set[str] = field(default_factory=set)
    warnings: set[str] = field(default_factory=set)
    platform: str = "instagram"
    media: str = "post"
    compensation: str = "paid"
    retouched: bool = False
    ai_generated: bool = False
    product_category: str | None = None
    platform_tool: bool = False
    brand: str | None = None

    def request(self, caption: str | None = None) -> CaptionCheckRequest:
        return CaptionCheckRequest(
            caption=self.caption if caption is None else caption,
            jurisdiction=self.jurisdiction,
            platform=self.platform,
            media=self.media,
            compensation=self.compensation,
            retouched=self.retouched,
            ai_generated=self.ai_generated,
            product_category=self.product_category,
            platform_tool=self.platform_tool,
            brand=self.brand,
        )


MISSING, AMBIGUOUS, HIDDEN, LANGUAGE = "missing_disclosure", "ambiguous_disclosure", "disclosure_not_prominent", "disclosure_wrong_language"
RETOUCHED, VIRTUAL, BANNED, CLAIM = "missing_retouched_label", "missing_virtual_label", "prohibited_promotion", "restricted_claim"
VIDEO, TOOL = "video_disclosure", "platform_tool_only"

CASES = [
    # France: loi 2023-451 art. 5, ARPP sheet, Bercy guide -----------------------------------------
    Case("fr-publicite-upfront", "Publicité – Ma routine du soir avec le sérum @lunabeauty, trois semaines de test.", "FR"),
    Case("fr-collaboration-commerciale", "Collaboration commerciale avec @lunabeauty 🌙 Mon avis honnête sur leur sérum.", "FR"),
    Case("fr-hashtag-publicite", "#Publicité Mon avis honnête sur le sérum de @lunabeauty", "FR"),
    Case("fr-uppercase-colon", "PUBLICITÉ : nouvelle routine 🌙✨ avec @lunabeauty", "FR"),
    Case("fr-no-accent", "Publicite - nouvelle routine avec @lunabeauty", "FR"),
    Case("fr-glued-punctuation", "Ma routine du soir…#pub. Tout est dans la vidéo", "FR"),
    Case("fr-emoji-line-breaks", "✨🌙\nPublicité\nMa routine du soir avec @lunabeauty", "FR"),
    Case("fr-mixed-languages", "Publicité – my new go-to sérum, honestly obsessed 😍 @lunabeauty", "FR"),
    Case("fr-missing", "Ma routine du soir avec le sérum @lunabeauty 🌙", "FR", {MISSING}),
    Case("fr-english-hashtag", "Ma routine du soir avec le sérum @lunabeauty #ad", "FR", {LANGUAGE}),
    Case("fr-sponsored-english", "Sponsored – ma routine du soir avec @lunabeauty", "FR", {LANGUAGE}),
    Case("fr-sp", "Ma routine du soir avec @lunabeauty #sp", "FR", {AMBIGUOUS}),
    Case("fr-merci", "Merci à @lunabeauty pour ce sérum, je l'adore", "FR", {AMBIGUOUS}),
    Case("fr-propose-de-tester", "On m'a proposé de tester le sérum de @lunabeauty", "FR", {AMBIGUOUS}),
    Case("fr-en-partenariat", "En partenariat avec @lunabeauty : ma routine du soir", "FR", {AMBIGUOUS}),
    Case("fr-buried-hashtags", "Ma routine du soir avec @lunabeauty 🌙 #skincare #routine #glow #pub", "FR", {HIDDEN}),
    Case("fr-after-fold", LONG + "le sérum de @lunabeauty me plaît beaucoup. Publicité", "FR", {HIDDEN}),
    Case("fr-after-lines", "Ma routine\n\n\nTout est dans la vidéo\nPublicité", "FR", {HIDDEN}),
    Case("fr-adventure-not-ad", "Ma routine #adventure avec @adidas", "FR", {MISSING}),
    Case("fr-public-not-pub", "Un sérum pour un public exigeant avec @lunabeauty", "FR", {MISSING}),
    Case("fr-negated-label", "Pas de publicité ici, juste mon avis sur @lunabeauty", "FR", {MISSING}),
    Case("fr-retouched-missing", "Publicité – ma nouvelle campagne avec @lunabeauty", "FR", {RETOUCHED}, retouched=True),
    Case("fr-retouched-singular", "Publicité · Image retouchée – ma campagne avec @lunabeauty", "FR", retouched=True),
    Case("fr-retouched-plural", "Publicité\nImages retouchées\nma campagne avec @lunabeauty", "FR", retouched=True),
    Case("fr-virtual-missing", "Publicité – mon avatar porte la collection @maisonlin", "FR", {VIRTUAL}, ai_generated=True),
    Case("fr-virtual-ok", "Publicité – Images virtuelles : mon avatar porte la collection @maisonlin", "FR", ai_generated=True),
    Case("fr-both-image-labels-missing", "Ma campagne avec @maisonlin", "FR", {MISSING, RETOUCHED, VIRTUAL}, retouched=True, ai_generated=True),
    Case("fr-gifted-ok", "Publicité – produit offert par @lunabeauty. Mon avis après 10 jours.", "FR", compensation="gifted"),
    Case("fr-gifted-cadeau", "Un joli #cadeau de @lunabeauty", "FR", {AMBIGUOUS}, compensation="gifted"),
    Case("fr-affiliate-code-only", "Mon code promo LUNA10 pour -10 % chez @lunabeauty", "FR", {AMBIGUOUS}, compensation="affiliate"),
    Case("fr-event-missing", "Lancement @lunabeauty à Paris, tellement de belles rencontres", "FR", {MISSING}, compensation="event"),
    Case("fr-organic", "Ma routine du soir, rien de sponsorisé, juste mes favoris", "FR", compensation="none"),
    Case("fr-tool-only", "Ma routine du soir avec @lunabeauty", "FR", {TOOL}, platform_tool=True),
    Case("fr-tool-and-label", "Publicité – routine avec @lunabeauty", "FR", platform_tool=True),
    Case("fr-reel", "Publicité – ma routine en vidéo avec @lunabeauty", "FR", warnings={VIDEO}, media="reel"),
    Case("fr-story-missing", "Ma routine avec @lunabeauty", "FR", {MISSING}, {VIDEO}, media="story"),
    Case("fr-rhinoplastie", "Publicité – ma rhinoplastie chez @cliniquex, je recommande", "FR", {BANNED}),
    Case("fr-category-surgery", "Publicité – découvrez cette clinique", "FR", {BANNED}, product_category="cosmetic_surgery"),
    Case("fr-puff", "Publicité – la nouvelle puff jetable goût mangue de @vapeco", "FR", {BANNED}),
    Case("fr-bitcoin", "Publicité – j'investis en bitcoin avec @cryptoapp", "FR", {BANNED}),
    Case("fr-bitcoin-amf", "Publicité – j'investis en bitcoin avec @cryptoapp", "FR", product_category="crypto_authorised"),
    Case("fr-cfd", "Publicité – je trade des CFD avec @brokerx", "FR", {BANNED}),
    Case("fr-therapeutic", "Publicité – cette tisane remplace votre traitement contre la tension", "FR", {BANNED}),
    Case("fr-betting-tips", "Publicité – rejoins mon groupe VIP pronos pour 29 € par mois", "FR", {BANNED}),
    Case("fr-wild-animal", "Publicité – mon bébé singe adore ce nouveau collier", "FR", {BANNED}),
    Case(
        "fr-alcohol-evin-ok",
        "Publicité – Champagne brut de @maisonx, 12 % vol., assemblage de pinot noir.\nL'abus d'alcool est dangereux pour la santé.",
        "FR",
        product_category="alcohol",
    ),
    Case("fr-alcohol-no-message", "Publicité – Champagne brut de @maisonx, 12 % vol.", "FR", {CLAIM}, product_category="alcohol"),
    Case(
        "fr-alcohol-festive",
        "Publicité – le champagne parfait pour vos soirées ! L'abus d'alcool est dangereux pour la santé.",
        "FR",
        {CLAIM},
        product_category="alcohol",
    ),
    # "whisky" shows the category for certain: the Loi Evin health message is required.
    Case("fr-alcohol-inferred", "Publicité – mon whisky préféré de @distillerie", "FR", {CLAIM}),
    # "champagne" alone may be a colour: a warning only.
    Case("fr-alcohol-maybe", "Publicité – ma robe champagne préférée de @maisonlin", "FR", warnings={CLAIM}),
    Case("fr-alcohol-free", "Publicité – ma bière sans alcool préférée de @brasserie", "FR"),
    Case("fr-weight-loss-figure", "Publicité – j'ai perdu 5 kg en 3 semaines avec ce thé @slimtea", "FR", {CLAIM}),
    Case("fr-fashion-cigarette-cut", "Publicité – mon pantalon cigarette préféré de @maisonlin", "FR"),
    Case("fr-perfume-tobacco-notes", "Publicité – un parfum aux notes de tabac et de vanille signé @maisonlin", "FR"),
    Case("fr-ad-in-url", "Ma routine du soir, tout est sur https://lunabeauty.fr/routine#ad", "FR", {MISSING}),
    Case("fr-gambling", "Publicité – mes paris sportifs du week-end sur @betx", "FR", warnings={CLAIM}),
    # United States: 16 CFR 255, Disclosures 101 ----------------------------------------------------
    Case("us-hashtag-ad", "#ad Loving my new running shoes from @stridefit", "US"),
    Case("us-ad-colon-free", "Ad: Acme sent me this blender for free, here is my honest review", "US", compensation="gifted"),
    Case("us-sponsored-by", "Sponsored by @acme – my morning smoothie routine", "US"),
    Case("us-thanks-free-product", "Thanks to Acme for the free product! My smoothie routine this week", "US", compensation="gifted"),
    Case("us-thanks-sp", "Thanks @acme for the blender! #sp", "US", {AMBIGUOUS}, compensation="gifted"),
    Case("us-buried-sponsored", "Loving my new shoes #running #fitness #sponsored", "US", {HIDDEN}),
    Case("us-missing", "Loving my new running shoes from @stridefit", "US", {MISSING}),
    Case("us-brand-partner", "Acme Partner – my honest take on the new blender", "US", brand="Acme"),
    Case("us-brand-ambassador-hashtag", "#AcmeAmbassador loving the new blender", "US", brand="Acme"),
    Case("us-ambassador-alone", "#ambassador loving the new blender", "US", {AMBIGUOUS}),
    Case("us-adventure-adidas", "#adventure time with @adidas", "US", {MISSING}),
    Case("us-spanish-ok", "Publicidad – mi nueva rutina de mañana con @acme, me encanta", "US"),
    Case("us-spanish-with-ad", "Mi nueva rutina de mañana con @acme, me encanta muchísimo #ad", "US", {LANGUAGE}),
    # Portuguese posts take a Portuguese label, as Spanish ones a Spanish label.
    Case("us-portuguese-ok", "Publicidade: meu novo tênis de corrida da @passada é leve e confortável", "US"),
    Case("us-portuguese-publi", "#publi Meu novo tênis de corrida da @passada é leve e confortável para domingo", "US"),
    Case("us-portuguese-with-ad", "Meu novo tênis de corrida da @passada é leve e confortável para domingo #ad", "US", {LANGUAGE}),
    Case("eu-portuguese-ok", "Publicidade | A minha nova mochila da @trilha é impermeável e tem bolsos para tudo", "EU"),
    Case("us-video", "#ad my review of the Acme blender", "US", warnings={VIDEO}, platform="youtube", media="video"),
    Case("us-live", "#ad cooking live with the Acme blender", "US", warnings={VIDEO}, platform="tiktok", media="live"),
    Case("us-after-fold", LONG_EN + "the new serum from @glowco really works for me. #ad", "US", {HIDDEN}),
    Case("us-tool-only", "Loving my new running shoes from @stridefit", "US", {TOOL}, platform_tool=True),
    Case("us-weight-loss", "#ad I lost 10 pounds in 4 weeks with @slimtea", "US", warnings={CLAIM}),
    # United Kingdom: CAP Code 2.1/2.3, ASA/CMA influencers' guide -------------------------------------
    Case("uk-ad-gifted", "Ad – Gifted: my new skincare routine with @glowco", "UK", compensation="gifted"),
    Case("uk-gifted-alone", "Gifted by @glowco – my new skincare routine", "UK", {AMBIGUOUS}, compensation="gifted"),
    Case("uk-sponsored", "#sponsored my new skincare routine with @glowco", "UK", {AMBIGUOUS}),
    Case("uk-in-collaboration", "In collaboration with @glowco – my skincare routine", "UK", {AMBIGUOUS}),
    Case("uk-affiliate-ad", "#ad my skincare routine with @glowco, links below", "UK", compensation="affiliate"),
    Case("uk-advertisement-feature", "Advertisement feature: a week in Lisbon with @sunhotels", "UK", compensation="event"),
    Case("uk-pr-trip", "PR trip to Lisbon with @sunhotels 🌞", "UK", {AMBIGUOUS}, compensation="event"),
    Case("uk-discount-code", "Use code GLOW20 for 20% off @glowco", "UK", {AMBIGUOUS}, compensation="affiliate"),
    Case("uk-weight-loss", "Lost 7kg in 2 weeks with this tea! #ad", "UK", {CLAIM}),
    Case("uk-french-label", "Publicité – my new routine with @glowco", "UK", {LANGUAGE}),
    Case("uk-botox", "#ad Botox injections at @skinclinic, 20% off this month", "UK", {BANNED}),
    Case("uk-ad-free-is-not-ad", "My ad-free morning routine with @glowco", "UK", {MISSING}),
    # Canada: Ad Standards guidelines -------------------------------------------------------------
    Case("ca-ad", "#ad My new favourite winter boots from @northwear", "CA"),
    Case("ca-pub-french", "#pub Mes nouvelles bottes d'hiver préférées de @northwear, super chaudes", "CA"),
    Case("ca-gifted", "#gifted Cozy new boots from @northwear, they kept my feet warm all week", "CA", compensation="gifted"),
    Case("ca-gifted-on-paid", "#gifted Cozy new boots from @northwear, they kept my feet warm all week", "CA", {AMBIGUOUS}),
    Case("ca-brand-partner", "#NorthWear_Partner my new winter boots, warm and comfy all week", "CA"),
    Case("ca-french-post-english-tag", "Mes nouvelles bottes d'hiver préférées de @northwear, super chaudes #ad", "CA", {LANGUAGE}),
    Case("ca-collab", "My new winter boots from @northwear #collab", "CA", {AMBIGUOUS}),
    Case("ca-buried", "My new winter boots from @northwear #winter #boots #ad", "CA", {HIDDEN}),
    Case("ca-invited-guest", "#invitedguest at the @northwear launch in Toronto, what a night", "CA", compensation="event"),
    Case("ca-cannabis", "#ad my favourite cannabis gummies from @leafco", "CA", {BANNED}),
    # Quebec: Ad Standards, French wording; Consumer Protection Act -------------------------------------
    Case("qc-pub", "#pub Mes nouvelles bottes d'hiver de @nordique, bien chaudes", "QC"),
    Case("qc-commandite", "#commandité Mes nouvelles bottes de @nordique", "QC"),
    Case("qc-publicite-word", "Publicité – le nouveau jeu de @jeuxplus", "QC"),
    Case("qc-english-ad", "#ad Mes nouvelles bottes de @nordique", "QC", {LANGUAGE}),
    Case("qc-partenariat", "Mes nouvelles bottes de @nordique #partenariat", "QC", {AMBIGUOUS}),
    Case("qc-toys-children", "#pub Le nouveau jeu de société de @jeuxplus, parfait en famille", "QC", warnings={CLAIM}, product_category="toys"),
    # Belgium: FPS Economy guidelines, CSA -----------------------------------------------------------
    Case("be-publicite", "#publicité Ma nouvelle routine soin avec @belgicare, testée pendant un mois", "BE"),
    Case("be-reclame-dutch", "#reclame Mijn nieuwe favoriete crème van @belgicare, echt een aanrader", "BE"),
    Case("be-reclame-word", "Réclame : nouvelle routine avec @belgicare", "BE"),
    Case("be-ad-not-enough", "#ad Ma nouvelle routine soin avec @belgicare", "BE", {AMBIGUOUS}),
    Case("be-sponsorise-gift", "#sponsorisé Un colis surprise de @belgicare, merci", "BE", compensation="gifted"),
    Case("be-sponsorise-paid", "#sponsorisé Un colis surprise de @belgicare, merci", "BE", {AMBIGUOUS}),
    Case("be-dutch-post-french-tag", "#publicité Mijn nieuwe favoriete crème van @belgicare, echt een aanrader", "BE", {LANGUAGE}),
    Case("be-pp", "pp Ma nouvelle routine soin avec @belgicare", "BE", {AMBIGUOUS}),
    # Germany: UWG §5a(4), BGH 2021, Landesmedienanstalten --------------------------------------------
    Case("de-werbung", "Werbung | Meine neue Lieblingscreme von @hautgut, seit drei Wochen im Test", "DE"),
    Case("de-anzeige", "Anzeige: Meine neue Lieblingscreme von @hautgut", "DE"),
    Case("de-hashtag-werbung", "#werbung Meine neue Lieblingscreme von @hautgut", "DE"),
    Case("de-ad-not-recommended", "#ad Meine neue Lieblingscreme von @hautgut", "DE", {AMBIGUOUS}),
    Case("de-werbung-at-end", "Meine neue Lieblingscreme von @hautgut ist einfach großartig. Werbung", "DE", {HIDDEN}),
    Case("de-tool-instagram", "Meine neue Lieblingscreme von @hautgut", "DE", platform_tool=True),
    Case("de-tool-tiktok", "Meine neue Lieblingscreme von @hautgut", "DE", {TOOL}, platform="tiktok", platform_tool=True),
    Case("de-organic", "Meine Lieblingscreme, selbst gekauft", "DE", compensation="none"),
    Case("de-french-label", "Publicité – meine neue Lieblingscreme von @hautgut", "DE", {LANGUAGE}),
    Case("de-weight-loss", "Werbung | Mit diesem Tee habe ich 4 kg in 2 Wochen abgenommen", "DE", {CLAIM}),
    # EU default: UCPD, Commission guidance ------------------------------------------------------------
    Case("eu-ad", "#ad My new favourite sunglasses from @solare", "EU"),
    Case("eu-publicite", "Publicité – mes nouvelles lunettes de soleil préférées de @solare", "EU"),
    Case("eu-werbung", "Werbung – meine neue Lieblingssonnenbrille von @solare", "EU"),
    Case("eu-french-post-ad", "Mes nouvelles lunettes de soleil préférées de @solare, je les adore #ad", "EU", warnings={LANGUAGE}),
    Case("eu-partner", "#partner My new sunglasses from @solare", "EU", {AMBIGUOUS}),
    Case("eu-missing", "My new sunglasses from @solare", "EU", {MISSING}),
    Case("eu-botulinum", "#ad Toxine botulique à prix réduit chez @clinique", "EU", {BANNED}, {LANGUAGE}),
]


def test_the_table_is_broad_enough() -> None:
    assert len(CASES) >= 80
    assert sum(1 for case in CASES if not case.errors) >= 25
    assert {case.jurisdiction for case in CASES} == {"FR", "US", "UK", "CA", "QC", "BE", "DE", "EU"}
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_caption(case: Case) -> None:
    result = check_caption(case.request())
    errors = {issue.code for issue in result.issues if issue.severity == "error"}
    warnings = {issue.code for issue in result.issues if issue.severity == "warning"}
    assert (errors, warnings) == (case.errors, case.warnings), [issue.message for issue in result.issues]
    assert result.compliant is (not case.errors)
    for issue in result.issues:
        assert issue.message and "\n" not in issue.message and "<" not in issue.message  # plain text
        assert issue.rule.split(".")[0] in {"FR", "US", "UK", "CA", "QC", "BE", "DE", "EU"}
        assert "https://" in issue.reference


@pytest.mark.parametrize("case", [c for c in CASES if c.errors], ids=lambda case: case.id)
def test_suggested_caption_passes_its_own_check(case: Case) -> None:
    result = check_caption(case.request())
    unfixable = case.errors & {BANNED, CLAIM}
    fixed_by_appending = case.id in {"fr-alcohol-no-message", "fr-alcohol-inferred"}
    if unfixable and not fixed_by_appending:
        assert result.suggested_caption is None
        return
    assert result.suggested_caption
    again = check_caption(case.request(result.suggested_caption))
    assert again.compliant, [issue.message for issue in again.issues]
    assert again.suggested_caption is None


def test_compliant_captions_get_no_suggestion() -> None:
    for case in CASES:
        if not case.errors:
            assert check_caption(case.request()).suggested_caption is None, case.id


def test_suggestion_moves_the_label_upfront_and_drops_weak_hashtags() -> None:
    result = check_caption(CaptionCheckRequest(caption="Ma routine du soir avec @lunabeauty #glow #skin #pub #sp", jurisdiction="FR"))
    assert result.suggested_caption == "Publicité\nMa routine du soir avec @lunabeauty #glow #skin"


def test_suggestion_uses_the_posts_language_where_the_rules_ask_for_it() -> None:
    french = check_caption(CaptionCheckRequest(caption="Mes nouvelles bottes d'hiver préférées, super chaudes #ad", jurisdiction="CA"))
    english = check_caption(CaptionCheckRequest(caption="My favourite new winter boots, really warm", jurisdiction="CA", compensation="gifted"))
    assert french.suggested_caption.startswith("#pub")
    assert english.suggested_caption.startswith("#ad #gifted")


def test_suggestion_adds_french_image_labels_and_the_loi_evin_message() -> None:
    result = check_caption(
        CaptionCheckRequest(caption="Champagne brut, 12 % vol.", jurisdiction="FR", retouched=True, product_category="alcohol")
    )
    assert result.suggested_caption == "Publicité · Images retouchées\nChampagne brut, 12 % vol.\nL'abus d'alcool est dangereux pour la santé."


def test_messages_follow_the_jurisdiction_language() -> None:
    fr = check_caption(CaptionCheckRequest(caption="Ma routine", jurisdiction="FR")).issues[0].message
    us = check_caption(CaptionCheckRequest(caption="My routine", jurisdiction="US")).issues[0].message
    assert "ajoutez « Publicité »" in fr
    assert 'add "Ad"' in us
    forced = check_caption(CaptionCheckRequest(caption="Ma routine", jurisdiction="FR"), language="en").issues[0].message
    assert "Commercial content" in forced


def test_unknown_platform_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown platform 'myspace'; known: instagram"):
        check_caption(CaptionCheckRequest(caption="x", jurisdiction="FR", platform="myspace"))
