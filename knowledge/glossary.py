"""A small English-French glossary of influencer-marketing vocabulary, for matching words.

Dense vectors carry meaning across languages, but words do not: "parcel" never meets
"colis". Lexical search (BM25), the relevance check and the choice of sentences to quote
all count shared words, so each question word is also looked for under its translations
here. Only single words; general vocabulary of the field and of everyday questions
(time, money, quantities), never phrasing taken from the documents.
"""

from __future__ import annotations

# "english words = french words": one concept per line; every word of a line stands for
# every other (translations, and synonyms on the same side).
_PAIRS = """
advertising advert ads ad advertisement = publicité pub publicitaire réclame
advertiser = annonceur
sponsored sponsor sponsorship = sponsorisé sponsoriser parrainage sponsor
partnership partner = partenariat partenaire
collaboration collab = collaboration
commercial = commercial commerciale
label labelling disclosure disclose = mention signaler signalement indiquer
hide hides hidden conceal undisclosed = cacher caché cachée dissimuler dissimulé masquer
misleading deceptive = trompeur trompeuse
law act = loi
rule rules regulation = règle règlement réglementation
guide guidelines guides = guide recommandations lignes
ban banned forbidden prohibited = interdire interdit interdite interdiction
allowed permitted = autorisé autorisée permis
fine fines penalty penalties sanction = amende amendes sanction pénalité peine peines
prison jail imprisonment = prison emprisonnement
regulator authority = régulateur autorité
court = tribunal justice
consumer consumers = consommateur consommateurs consommatrice
customer customers client = client clients clientèle
brand brands = marque marques
company business firm = entreprise société
agency = agence
creator creators = créateur créatrice créateurs
influencer influencers = influenceur influenceuse influenceurs
follower followers subscriber subscribers = abonné abonnés abonnée
audience = audience public
community = communauté
fake bought = faux faux acheté achetés
fraud = fraude
bot bots = robot bots
growth = croissance
spike jump = pic bond
engagement = engagement
rate = taux
reach = portée couverture
impressions = impressions
view views = vue vues
like likes = j'aime like likes
comment comments = commentaire commentaires
share shares = partage partages part
post posts publication = publication publications post
story stories = story stories
video videos = vidéo vidéos
photo picture image = photo image
screenshot screenshots = capture captures
statistics stats analytics = statistiques stats
content = contenu
caption = légende
hashtag hashtags = hashtag hashtags mot-dièse
link = lien
click clicks = clic clics
platform platforms = plateforme plateformes
network networks = réseau réseaux
search find = chercher rechercher trouver recherche
tool tools = outil outils
database = base
recruit recruiting recruitment = recruter recrutement
approach method = approche méthode
campaign campaigns = campagne campagnes
brief briefs = brief briefs
message messages = message messages
script = script
contract contracts = contrat contrats
fee fees pay paid payment = rémunération rémunérer payer payé paiement cachet
free = gratuit gratuite gratuitement
gift gifts gifted gifting = cadeau cadeaux offert offerts
product products = produit produits
sample samples = échantillon échantillons
parcel package box = colis boîte paquet
ship shipping send sent = envoyer envoi expédier expédition
event events = événement événements évènement
invitation invite = invitation inviter
trip travel = voyage
discount promo = réduction promo remise
code = code
sales sale sell = ventes vente vendre
buy purchase = acheter achat
price prices cost costs rate-card = prix coût coûts tarif tarifs grille
budget budgets = budget budgets
money = argent
return investment = retour investissement
measure measurement = mesurer mesure
calculate calculation compute formula = calculer calcul formule
result results = résultat résultats
conversion conversions = conversion conversions
benchmark benchmarks = référence repère repères
average = moyenne moyen
percentage percent share = pourcentage pourcent part
million millions = million millions
billion = milliard milliards
thousand = mille milliers
number count = nombre compte
small = petit petite petits
large big = grand grande gros
trust = confiance
advantage advantages benefit benefits pro pros = avantage avantages bénéfice bénéfices atout atouts
drawback drawbacks disadvantage disadvantages downside downsides con cons = inconvénient inconvénients désavantage limite limites
risk risks = risque risques
mandatory required compulsory require = obligatoire obligatoires requis exiger imposer
threshold limit = seuil plafond
example examples = exemple exemples
difference = différence écart
honest honesty authentic authenticity = honnête honnêteté authentique authenticité
recommendation recommendations recommend = recommandation recommandations recommander
review reviews opinion = avis
word-of-mouth = bouche-à-oreille
niche niches = niche niches
fashion = mode
beauty = beauté
food cooking = cuisine alimentation
health = santé
sport sports = sport sports
children child kids minors minor = enfants enfant mineurs mineur
alcohol = alcool
gambling betting = jeux
cosmetic cosmetics = cosmétique cosmétiques
surgery = chirurgie
retouched edited = retouchée retouché
filter filters = filtre filtres
virtual = virtuelle virtuel
warning = avertissement
contest contests giveaway giveaways competition = concours jeu-concours
winner winners = gagnant gagnants
draw = tirage
prize prizes = lot lots prix
rights = droits
usage use reuse = utilisation utiliser réutiliser
organic = organique
day days = jour jours
week weeks = semaine semaines
month months = mois
year years = année années an ans
hour hours = heure heures
time = temps
deadline = échéance délai
duration period length = durée période
window = fenêtre
before = avant
after = après
first = premier première
new = nouveau nouvelle nouveaux
country = pays
france french = france français française
english british uk = anglais britannique royaume-uni
belgium belgian = belgique belge
germany german = allemagne allemand
canada canadian = canada canadien
quebec = québec québécois
europe european = europe européen européenne
united states american = états-unis américain
offer offers provide propose = proposer offrir fournir offre
ask request = demander demande
receive get = recevoir obtenir
choose select pick = choisir sélectionner
check verify = vérifier contrôler vérification
remove delete = supprimer retirer
sign signed signature = signer signé signature
approve approval validate validation = valider validation approuver approbation
revision revisions edit edits correction corrections change changes = modification modifications modif correction corrections retouche
round rounds = tour tours série
negotiate negotiation = négocier négociation
commission commissions = commission commissions
affiliate affiliates affiliation = affilié affiliés affiliation
ambassador ambassadors = ambassadeur ambassadeurs ambassadrice
churn cancel cancellation termination leave quit = résiliation résilier annuler annulation quitter départ attrition
delay late = retard
invoice bill = facture facturer facturé
tax vat = taxe tva impôt
deliverable deliverables = livrable livrables
goal objective = objectif but
report reporting = rapport bilan
indicator metric metrics kpi = indicateur indicateurs métrique
track tracking = suivre suivi
increase rise higher = hausse augmenter augmentation
decrease drop lower cheaper = baisse baisser diminuer diminution
start begin = commencer début débuter
end = fin terminer
register registration = inscrire inscription enregistrer
browse scroll = parcourir
mistake error = erreur
survey surveys poll questionnaire = sondage sondages enquête questionnaire
guest guests invitee invitees = invité invités invitée invitées
criterion criteria = critère critères
targeted target = ciblé ciblée cibler cible
open = ouvert ouverte
expensive = cher chère coûteux coûteuse
awareness = notoriété
in-house internal = interne internaliser
january = janvier
february = février
march = mars
april = avril
june = juin
july = juillet
august = août
september = septembre
october = octobre
november = novembre
december = décembre
"""


def concepts() -> list[tuple[list[str], list[str]]]:
    """(English words, French words) per concept, as written above: data only, so that
    knowledge.text (which stems and folds them) depends on this module and not the reverse."""
    pairs = []
    for line in _PAIRS.strip().splitlines():
        left, right = line.split("=")
        pairs.append((left.split(), right.split()))
    return pairs
