"""What a caption promotes, named by families of words rather than one word each (rules/vocabulary.toml).

Each row is written for this test, in wording the eval parts do not use: a product named by its
technique, its form or its slang (injections by syringe, millilitre or units; nicotine by a puff
count, a disposable or a pouch under the lip; tips by their record of slips; returns by a multiple
per period or a month never lost), with the rule it must trigger and its severity. Beside them, the
harmless senses of the same words (a lip balm's "injection d'hydratation", a lipstick's wine
shade, a rose-water mist, cashback every month) must raise no error and, where said, nothing.
Words only: no reading by meaning here (see test_meaning.py).
"""

from __future__ import annotations

import pytest

from bot.briefs.checker import check_caption
from bot.briefs.matching import unleet
from bot.briefs.models import CaptionCheckRequest


def issues(caption: str, jurisdiction: str) -> set[tuple[str, str]]:
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction))
    return {(issue.rule, issue.severity) for issue in result.issues if issue.code in ("prohibited_promotion", "restricted_claim")}


CAUGHT = [
    # Aesthetic injections by technique (loi 2023-451 art. 4; botulinum toxin is prescription-only).
    ("FR", "Publicité · 0,5 ml dans les lèvres chez @DrNora, le gonflement est parti en deux jours", "FR.ban.cosmetic_surgery"),
    ("FR", "Publicité · Une seringue dans les pommettes chez @Nova, zéro douleur", "FR.ban.cosmetic_surgery"),
    ("FR", "Publicité · Skinbooster injecté chez @Nora, peau glowy", "FR.ban.cosmetic_surgery"),
    ("FR", "Publicité · Séance chez @InjectLucie, on a retravaillé ma bouche", "FR.ban.cosmetic_surgery"),
    ("UK", "Ad | 20 units in my forehead at @SkinLab, no more frown lines", "UK.ban.prescription_medicine"),
    ("UK", "Ad | Baby tox before the wedding at @SkinLab", "UK.ban.prescription_medicine"),
    # Nicotine by its form, in four languages (TPD art. 20(5), CAP 22, loi 2023-451 art. 4).
    ("FR", "Publicité · La nouvelle @Cloud 800 taffes goût pastèque", "FR.ban.nicotine"),
    ("UK", "Ad | The @Blaze disposable, 6000 puffs of mango ice", "UK.ban.nicotine"),
    ("DE", "Werbung | Die neue Einweg-Vape von @Dunst mit Erdbeer-Geschmack", "EU.ban.nicotine"),
    ("BE", "#reclame De nieuwe wegwerpvape van @Mist, watermeloen smaak", "EU.ban.nicotine"),
    ("FR", "Publicité · Mes petits sachets @Polar glissés sous la lèvre avant le sport", "FR.ban.nicotine"),
    # Betting tips by their record and their sport (loi 2023-451 art. 4).
    ("FR", "Publicité · Mes tips NBA partent chaque soir aux membres VIP, 9 tickets validés sur 10", "FR.ban.betting_tips"),
    ("FR", "Publicité · +21 unités ce mois-ci, le groupe VIP à 15 €/mois t'attend", "FR.ban.betting_tips"),
    # Financial promises: never a loss, a win rate, a multiple or a fixed rate per period.
    ("FR", "Publicité · Le bot @Alpha fait x2 chaque mois sur mon capital, zéro perte", "EU.claims.financial"),
    ("UK", "Ad | @PipMaster gold signals, 90% win rate, join the VIP", "UK.claims.financial"),
    ("US", "#ad This $PEPE token is a lock to 100x, aped in via @Swapr", "US.claims.guaranteed_returns"),
    ("DE", "Werbung | Mit der App @Zins verdiene ich jeden Monat fest 3 % auf meine Kryptos", "EU.claims.financial"),
    ("BE", "#reclame Elke week 2 % op mijn bitcoin met @Munt, gegarandeerd", "EU.claims.financial"),
    # Alcohol: festive scenes (loi Evin), success and daring (CAP 18).
    ("FR", "Publicité · Le rosé @DomaineBleu a coulé à flots avec les copines 🥂 L'abus d'alcool est dangereux pour la santé", "FR.alcohol.associations"),
    ("UK", "Ad | A few @Barrel ciders and I had the guts to chat up the bartender", "UK.alcohol.success"),
    # Children told to ask or show their parents (UCPD Annex I point 28; Quebec CPA ss. 248-249).
    ("BE", "#reclame Hoi kinderen! Vraag het aan je ouders: de nieuwe @Bouwdoos!", "EU.children.exhortation"),
    ("QC", "#pub Montre cette vidéo à ta mère, la poupée @Lila t'attend", "QC.children.appeal"),
    # A cure told illness first, a treatment given up (US: the latter is an error).
    ("UK", "Ad | My eczema completely cleared up with @Oat balm", "UK.claims.disease"),
    ("US", "#ad We ditched the steroid cream thanks to @Oat balm", "US.claims.therapeutic_substitute"),
    ("US", "#publicidad Ya no tomo mis pastillas gracias a @Calma", "US.claims.therapeutic_substitute"),
    # Digits written for letters ("pr0n0s", "b0t0x"), and tips sold in slang ("en abo", "20 balles le mois").
    ("FR", "Publicité · Mes pr0n0s foot en abo privé, 20 balles le mois", "FR.ban.betting_tips"),
    ("UK", "Ad | My b0t0x top-up at @SkinLab", "UK.ban.prescription_medicine"),
    # German and Dutch compounds and verbs: "Nikotinpouches", "Glühwein", "ik damp".
    ("DE", "Werbung | Die Nikotinpouches von @Frost, Minze extra stark", "EU.ban.nicotine"),
    ("BE", "#reclame Ik damp elke dag met @Wolk, 12 mg mango 💨", "EU.ban.nicotine"),
    ("FR", "Publicité · Un verre de Glühwein @Sonne au marché de Noël", "FR.alcohol.health_message"),
    # An injection by its mechanism, whatever is injected: under the skin, by micro-pricks.
    ("FR", "Publicité · Cocktail de vitamines injecté sous la peau chez @Eclat", "FR.ban.cosmetic_surgery"),
    ("FR", "Publicité · Des micro-piqûres de polynucléotides sur le front chez @Eclat", "FR.ban.cosmetic_surgery"),
    # Alcohol with sport and effort (loi Evin), with motor sport (CAP 18.11: activities where drinking is unsafe).
    ("FR", "Publicité · Une bière @Col après le trail, parfait pour récupérer · L'abus d'alcool est dangereux pour la santé", "FR.alcohol.associations"),
    ("UK", "Ad | A cold @Hops lager at the karting track before my last race", "UK.alcohol.success"),
    # Income or earnings guaranteed, whatever the scheme.
    ("UK", "Ad | My @Cashly side hustle: guaranteed earnings of £300 a week", "UK.claims.financial"),
    # An illness told first, then where it was, then that it is gone.
    ("UK", "Ad | The psoriasis on my elbows has gone since @Oat balm", "UK.claims.disease"),
    # Aesthetic medicine by product name, by its blood or scalp mechanism, by a needle and a product
    # put into a hollow of the face.
    ("FR", "Publicité · Deux seringues de Juvéderm chez @Nora pour l'ovale", "FR.ban.cosmetic_surgery"),
    ("FR", "Publicité · Skin booster Jalupro chez @Iris, trois séances et la peau repulpée", "FR.ban.cosmetic_surgery"),
    ("FR", "Publicité · Séance de PRP chez @Derma : prise de sang, puis mon propre plasma sur le visage", "FR.ban.cosmetic_surgery"),
    ("FR", "Publicité · Mésothérapie capillaire : réinjection de vitamines dans le cuir chevelu chez @Capi", "FR.ban.cosmetic_surgery"),
    ("FR", "Publicité · Une aiguille très fine chez @Iris, un peu de produit dans les tempes et le visage est reposé", "FR.ban.cosmetic_surgery"),
    ("FR", "Publicité · Mon rendez-vous Restylane chez @Glow avant le mariage", "FR.ban.cosmetic_surgery"),
    ("UK", "Ad | My Letybo top-up at @SkinLab, no more frown", "UK.ban.prescription_medicine"),
    # Nicotine by its form or brand: heated tobacco sticks, "une puff", a pouch brand.
    ("FR", "Publicité · Je suis passée aux heets @Braise, goût menthe", "FR.ban.nicotine"),
    ("FR", "Publicité · Ma puff @Nuage tient trois jours", "FR.ban.nicotine"),
    ("UK", "Ad | A Zyn under the lip on the morning commute with @Chill", "UK.ban.nicotine"),
    # Betting tips by what a tipster sells: paid analyses with the stake advised, odds with a value.
    ("FR", "Publicité · Mes analyses payantes de Ligue 1 avec la mise conseillée, 15 € le mois chez @Stade", "FR.ban.betting_tips"),
    ("FR", "Publicité · Canal premium @Tip : cote moyenne 2.05, accès 10 €/mois", "FR.ban.betting_tips"),
    # A medicine dropped in everyday words, in France, the UK and the EU (CAP 12.2; Reg. 1169/2011 art. 7(3)).
    ("FR", "Publicité · J'ai laissé tomber le Doliprane depuis le roll-on @Menthe", "FR.ban.therapeutic_abstention"),
    ("FR", "Publicité · Plus de somnifères depuis la tisane @Nuit", "FR.ban.therapeutic_abstention"),
    ("UK", "Ad | Haven't touched my inhaler since I started @Breathe shots", "UK.claims.treatment_dropped"),
    ("DE", "Werbung | Keine Schmerzmittel mehr dank @Kraut Tropfen", "EU.claims.treatment_dropped"),
    # Weight lost at a rate, the word of losing before it.
    ("UK", "Ad | Losing a steady 2 lbs a week on the @Trim plan", "UK.claims.weight_loss"),
    ("FR", "Publicité · Je perds un kilo par semaine avec les repas @Mince", "EU.claims.weight_loss"),
    ("FR", "Publicité · Trois tailles de pantalon en moins avec les sachets @Mince", "EU.claims.weight_loss"),
    ("UK", "Ad | 12lbs gone since January on the @Trim plan", "UK.claims.weight_loss"),
    # Alcohol with seduction, driving or success (loi Evin), performance, driving and popularity (CAP 18).
    ("FR", "Publicité · Premier rencard, un verre de vin @Clos et il me trouvait irrésistible · L'abus d'alcool est dangereux pour la santé", "FR.alcohol.associations"),
    ("FR", "Publicité · Une bière @Col avant de reprendre la route · L'abus d'alcool est dangereux pour la santé", "FR.alcohol.associations"),
    ("UK", "Ad | Two @Hop ales before leg day and my squats have never felt stronger", "UK.alcohol.success"),
    ("UK", "Ad | A pale ale from @Hop at the services, then back behind the wheel", "UK.alcohol.success"),
    ("UK", "Ad | Brought @Orchard cider and suddenly the whole group chat wanted me at every party", "UK.alcohol.success"),
    ("UK", "Ad | A few @Brew beers and I was finally brave enough to sing karaoke", "UK.alcohol.success"),
    # Returns paid at a rate on a given day, with no loss possible.
    ("UK", "Ad | Put £500 into the @Pool liquidity pool, it pays 1.5% every Friday, can't lose", "UK.claims.financial"),
    # A child told to charm a grandparent into buying (Quebec CPA s. 248).
    ("QC", "#pub Fais un câlin à ta grand-maman pour qu'elle te l'achète, le toutou @Doux t'attend", "QC.children.appeal"),
    ("QC", "#ad Hey kiddos! The @Zoom race track is on sale, tell your grown-ups", "QC.children.appeal"),
    ("QC", "#pub Dites à votre maman que le nouveau jeu @Bloc est en magasin", "QC.children.appeal"),
]


@pytest.mark.parametrize(("jurisdiction", "caption", "rule"), CAUGHT, ids=[row[1][:48] for row in CAUGHT])
def test_a_family_member_is_caught_with_the_rule_and_its_severity(jurisdiction, caption, rule):
    assert (rule, "error") in issues(caption, jurisdiction)


def test_a_stake_on_a_team_with_a_deposit_bonus_is_gambling_and_warns_in_france():
    caption = "Publicité · Ce soir je mise tout sur Lens avec @Malin ⚽ 20 € offerts sur ton premier dépôt"
    assert issues(caption, "FR") == {("FR.gambling", "warning")}


def test_an_instant_lottery_is_gambling_and_warns_in_france():
    assert issues("Publicité · Trois tickets à gratter @Luckee ce matin", "FR") == {("FR.gambling", "warning")}


def test_an_injection_under_the_skin_is_a_procedure_wherever_it_is_put():
    result = check_caption(CaptionCheckRequest(caption="Ad | Tiny needles under the skin with salmon DNA at @Glow", jurisdiction="UK"))
    assert [(f.category, f.certain) for f in result.findings] == [("cosmetic_surgery", True)]


def test_digits_are_read_as_letters_only_inside_words():
    assert unleet("mes pr0nos, c0de v4pe") == "mes pronos, code vape"
    assert unleet("20mg, x10, 4x4, PS5, covid19, B12") == "20mg, x10, 4x4, PS5, covid19, B12"


def test_a_cold_knocked_out_is_a_health_claim_in_the_us():
    assert issues("#ad @Zinco lozenges knock out a cold in two days flat", "US") == {("US.claims.health", "warning")}


def test_a_denied_guarantee_is_a_risk_warning_but_a_guarantee_beside_a_denial_is_not():
    assert issues("Ad | @Fund returned 4% a year, no fees, returns guaranteed", "UK") == {("UK.claims.financial", "error")}
    assert issues("Ad | @Fund returned 4% a year, though returns are not guaranteed", "UK") == set()


def test_a_cure_told_illness_first_in_the_us_warns():
    assert issues("#ad My rosacea faded after two weeks of @Calm cream", "US") == {("US.claims.health", "warning")}


# Harmless senses the former word lists failed or warned on: make-up shades, the rose flower, a
# topical hyaluronic acid, a lip plumper sold "like an injection".
HARMLESS = [
    ("FR", "Publicité · Mon baume @Lumi à l'acide hyaluronique, une vraie injection d'hydratation pour les lèvres"),
    ("FR", "Publicité · Le sérum @Lumi repulpe la peau grâce à l'acide hyaluronique, matin et soir"),
    ("FR", "Publicité · Le repulpeur @Lumi effet injection sur les lèvres"),
    ("FR", "Publicité · Le rouge à lèvres @Velvet teinte prune, un rouge vin pour les soirées d'automne"),
    ("FR", "Publicité · Le highlighter @Lumi teinte champagne illumine les pommettes"),
    ("FR", "Publicité · La brume @Florale à l'eau de rose, deux pschitts et c'est frais"),
    ("FR", "Publicité · Le rose poudré du blush @Lumi, parfait pour la fête des mères"),
    # Compounds that only look like a drink or nicotine, English "damp", numbers beside letters.
    ("DE", "Werbung | Wildschwein-Ragout mit @Gewürz, dazu ein Kleid in Weinrot"),
    ("DE", "Werbung | Nikotinfreie Kaugummis? Nein: zuckerfreie Minzbonbons von @Frisch"),
    ("UK", "Ad | Spray on damp hair and let @Mist do the rest 💨"),
    ("UK", "Ad | Covid19 kits, a PS5 and a 4x4 from @Shop, 20mg caffeine"),
    ("FR", "Publicité · Le sérum @Lumi aux polynucléotides, matin et soir"),
    # The city of Paris is no bet; a spritz of mist is no drink; a risk warning is no promise.
    ("FR", "Publicité · Soirée au salon privé de l'hôtel @Lutèce à Paris, accès VIP 🥂 #paris"),
    ("FR", "Publicité · Le brunch du @ParisBistro, 29 € par personne le dimanche"),
    ("UK", "Ad | My @Velvet body mist spritz before heading out, smells like peaches"),
    ("UK", "Ad | A quick spritz of @Dew setting spray and my make-up lasts all day"),
    ("UK", "Ad | My @Penny stocks and shares ISA: returns aren't guaranteed and your capital is at risk"),
    ("UK", "Ad | Our @Pot index fund: past performance doesn't guarantee future returns, 0.2% fees a year"),
    # Savings injected into a business, a reminder to take medicines, the weather's cold, a food box.
    ("US", "#ad We injected our savings into our café this year and @Brew's machine was worth every cent"),
    ("FR", "Publicité · Avec le pilulier @Rappel, plus jamais d'oubli de médicaments"),
    ("UK", "Ad | Never forget my meds again with the @PillPal organiser"),
    ("UK", "Ad | The @Heat patio heater knocks out the cold in minutes"),
    ("UK", "Ad | Our @Green veg box: 5 kg a week of seasonal produce"),
    ("FR", "Publicité · La cote de ma vieille voiture en deux clics sur @Argus"),
    ("FR", "Publicité · Un concealer @Teinte : un peu de produit dans mes cernes au pinceau"),
    ("FR", "Publicité · Le gloss @Lippa, lèvres pleines et aucune aiguille"),
    ("FR", "Publicité · Mon complément @Flore pour le confort digestif, une gélule le matin"),
    ("UK", "Ad | The @Fit jeans run small, go a size up, or two sizes down for a slouchy look"),
    ("UK", "Ad | Our @Ginger ale mocktail kit, three flavours for the summer"),
    ("FR", "Publicité · Cet hiver je mise tout sur le confort avec les pulls @Laine"),
]


@pytest.mark.parametrize(("jurisdiction", "caption"), HARMLESS, ids=[row[1][:48] for row in HARMLESS])
def test_the_harmless_sense_raises_nothing(jurisdiction, caption):
    assert issues(caption, jurisdiction) == set()


# Where each new family stops: the member is caught, its neighbour in everyday words is not.
BOUNDARIES = [
    ("FR", "Publicité · Skinbooster injecté chez @Nora, peau glowy", "FR", "Publicité · Le sérum Skin Booster @Lumi, matin et soir"),
    ("FR", "Publicité · 0,5 ml dans les lèvres chez @DrNora, le gonflement est parti en deux jours",
     "FR", "Publicité · Le gloss @Lumi 6 ml pour des lèvres repulpées"),
    ("FR", "Publicité · Séance chez @InjectLucie, on a retravaillé ma bouche", "FR", "Publicité · Un nettoyant injecteur @Wynns pour ta voiture"),
    ("UK", "Ad | The @Blaze disposable, 6000 puffs of mango ice", "UK", "Ad | 1000 hits on my playlist thanks to @Tunes"),
    ("DE", "Werbung | Die neue Einweg-Vape von @Dunst mit Erdbeer-Geschmack",
     "DE", "Werbung | Mein Luftbefeuchter @Nebel mit Verdampfer, ideal im Winter"),
    ("US", "#ad This $PEPE token is a lock to 100x, aped in via @Swapr", "UK", "Ad | Retro arcade night at @Pixel: 20 tokens for a fiver"),
    ("FR", "Publicité · +21 unités ce mois-ci, le groupe VIP à 15 €/mois t'attend",
     "FR", "Publicité · Abonnez-vous : 3 matchs gagnés sur 3 pour mon club avec les crampons @Kipsta"),
    ("FR", "Publicité · Le bot @Alpha fait x2 chaque mois sur mon capital, zéro perte",
     "FR", "Publicité · Carte @Banque : 1 % de cashback chaque mois sur tes achats"),
    ("BE", "#reclame Elke week 2 % op mijn bitcoin met @Munt, gegarandeerd", "UK", "Ad | 2x points every month on your @Amex credit card"),
    ("UK", "Ad | @PipMaster gold signals, 90% win rate, join the VIP",
     "UK", "Ad | Never lose your card again: freeze it in one tap in the @Monzo app"),
    ("BE", "#reclame Hoi kinderen! Vraag het aan je ouders: de nieuwe @Bouwdoos!",
     "QC", "#pub Salut les amis ! Le nouveau café @Brulerie est arrivé, courez le goûter"),
]


@pytest.mark.parametrize(("jurisdiction", "caught", "other", "harmless"), BOUNDARIES, ids=[row[1][:40] for row in BOUNDARIES])
def test_a_family_stops_at_its_everyday_neighbour(jurisdiction, caught, other, harmless):
    assert any(severity == "error" for _, severity in issues(caught, jurisdiction))
    assert issues(harmless, other) == set()
