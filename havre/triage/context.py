"""What the rest of a text says about a match: a joke, a story, or danger long past.

Three readings set a match aside, besides denial and reported speech
(speech.py). Each is driven by a built-in list of markers, written like
lexicon terms (pattern.py) and matched the same way, in both languages:

- **Joke.** A laughter marker ("lol", "mdr", "haha", 😂, 🙄...) in the same
  sentence: "this traffic makes me want to shoot myself lmao".
- **Story.** Someone else's words in a sentence that names a film, a song, a
  show or a book: "in the movie the villain says 'I will kill you'". (Words
  of a suicide-risk term in someone else's mouth never count anyway.)
- **Everyday phrase.** The match overlaps a phrase of everyday life that
  shares its words ("he's coming over for dinner", "quand il est là", "mal
  à la gorge", "choked on a grape"), or its clause tells a mishap ("I cut
  myself shaving", "en faisant la cuisine"), for suicide risk only: "he
  pulled a knife on me in the kitchen" is danger.
- **Agreement.** Someone else's words about the texter become hers when
  the text says he is right ("he's right", "il a raison", "lui donner
  raison"): "my bf says I'm a waste of oxygen and honestly he's right".
- **Past and resolved.** The text says the danger is over ("he's in prison",
  "we divorced", "I'm in a better place now"), or the clause of the match
  puts it long ago ("years ago", "used to", "when I was 17"), and nothing
  says it is happening again ("again", "last night", "de nouveau", "ce
  soir"). A marker that is denied ("he's not in prison anymore") says
  nothing. A threat told in the future ("il va me tuer") is not resolved
  by a marker elsewhere; "encore" that tells the texter's own present in
  another sentence ("je pense encore à lui") does not undo a resolution.
  A match after "a report about" in its sentence is the report's subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from havre.triage import speech
from havre.triage.normalize import Token
from havre.triage.pattern import Index, parse_term

LAUGHTER = """
lol
lool
lmao
lmfao
rofl
haha*
hehe*
hihi*
jk
just kidding
just joking
xd
mdr
mdrr
ptdr
xptdr
je rigole
je plaisante
je déconne
pour rire
😂
🤣
😆
😹
😝
😜
🙄
🤦
😄
😁
"""

STORY = """
movie
movies
film
films
show
series
episode
song
songs
lyrics
book
novel
video game
série
chanson
chansons
paroles
livre
roman
téléfilm
dessin animé
jeu vidéo
jeux vidéo
video games
fortnite
minecraft
roblox
call of duty
chante|chantait|chantonne|sings|sang|singing
(jouent|jouer|joue|jouait|play|playing|plays|played) (au loup|à chat|tag|cops and robbers|aux gendarmes et aux voleurs|à la guerre|war)
play
theatre
character
pamphlet
brochure
leaflet
flyer
poster
article
podcast
documentary
théâtre
pièce
personnage
dépliant
affiche
documentaire
reportage
reportages
émission
report on
"""

EVERYDAY = """
coming over ... for dinner|lunch|breakfast|coffee|christmas|thanksgiving|drinks
coming ... to pick|collect|drop|get|see
coming home|back|over at|around|after|before|tomorrow|later
end|ending things|it with him|her|them
end|ending the relationship|marriage
bridge club|game|night|tournament
hit me up
beats me
shot me a text|message|look|glance|email|smile
cutting back|down
cutting my hair
jump in|into the shower|pool|lake|car
on his|her way ... to pick|collect|drop|work
following me on
follows me on
monoxide detector|alarm
il arrive que
il arrive à me|te|le|la|nous|pas
me suit sur
sauter de joie
feu au barbecue|poêle
feu à la cheminée|bougie
pris froid
coup de soleil
tentative de réconciliation|médiation|conciliation|dialogue|contact|fuite
hurt me emotionally
with his|her words
hits me up
hit me back
choke*|choked|choking on
chok* on
when he|she is here|home|around
whenever he|she is here|home|around
shooting range
gun range
roof terrace
rooftop bar
quand il|elle est là|ici
il|elle est là pour
porte de le école|bureau|travail
porte de la crèche|garderie|classe
couteau suisse
swiss army knife
quand il|elle arrive|rentre
il|elle arrive à # h|heures
il|elle arrive ... pour manger|dîner|souper|déjeuner
beat me at
kicked me out
kick me out
kicks me out
mis à la porte
rather die than
plutôt mourir que
plutôt crever que
quand il|elle est à la maison
mal à la gorge
gorge serrée
traîner|traîné|traînée au tribunal
traîner|traîné|traînée en justice
tape|tapes|tapait sur les nerfs
tape|tapes|tapait sur le système
pousse|poussé|poussée|pousser à bout|partir
pousse|poussé|poussée|pousser à porter plainte
coupé|coupée|entaillé|entaillée le doigt
me couper les cheveux
me coupe les cheveux
stand de tir
toit terrasse
en finir avec lui|elle|eux
en finir avec ... relation|histoire|couple|mariage|divorce|procédure|dossier|mec|type|gars|boulot|travail|démarches
die|dying|died laughing
dying of laughter
mourir|mort|morte|crever|crevé|crevée de rire
pont (du|de le) bateau|navire|ferry
(training|workshop|class|course|presentation|poster|project|research|paper|essay|talk|lecture|leaflet) (on|about) ... suicid*|overdos*|self harm*
(stage|formation|atelier|cours|exposé|affiche|mémoire|recherche|projet|conférence|brochure) sur ... suicid*|automutil*|surdose|overdose|scarifi*
(people|someone|somebody|person|students|clients|callers|victims|patients|teens|teenagers|youth) who (are|is|feel|feels|become) suicidal
overdose|suicide (signs|prevention|awareness|materials|training)
signs of (overdose|suicide|self harm)
(prévention|signes) (du|de le|de la|des) (suicide|surdose|surdoses|automutilation)
risque suicidaire
(parler|parle|aborder|expliquer) (du|de le|de la) (automutilation|suicide|surdose|scarification)
(character|characters|personnage|héros|héroïne|hero|heroine) (who|qui) ... overdos*|suicid*|kill*|die|dies|meurt|tue
help|helping|support|supporting ~ friend|someone|somebody|person|people|sister|brother|son|daughter ~ who ~ (suicid*|overdos*|cut*|self harm*|think*)
aider|aide|soutenir|accompagner ~ (amie|ami|quelque un|personne|proche|proches|gens|soeur|frère|fils|fille) ~ qui ~ suicid*|surdose|scarifi*|automutil*|pense|pensent
(signs|sign|symptoms|signes|signe|symptômes) ~ (overdos*|surdose|suicid*|self harm*|automutil*)
(gens|personnes|jeunes|ados|patients|élèves|victimes) suicidaires
suicidal (people|teens|patients|youth|clients|students|callers)
necklace|kissed|kissing|kisses|kiss|massage|massaged|tattoo|photo|picture|selfie|hug|hugged|hugging|cuddl* ~ neck|throat
neck|throat ~ (in the photo|in the picture|for the photo|for the picture|in a hug|for a selfie)
collier|bisous|bisou|embrassé|embrasse|massage|massé|masse|tatouage|photo|selfie|câlin ~ cou|gorge
cou ~ (pour la photo|sur la photo|pour le selfie|pour un câlin)
(whole|entire|full) course
outside ~ (fixing|working on|washing|mowing|shoveling|shovelling|gardening|raking|with the dog|smoking)
dehors ~ (réparer|répare|laver|lave|tondre|tond|déneiger|déneige|jardiner|jardine|avec le chien|fumer|fume)
knot|knots|noeud|noeuds ~ (sailing|boat|scouts|scout|climbing|voile|bateau|scouts|escalade|macramé)
sharpen*|cleaned|cleaning|washed|washing ~ knife|knives ~ for ~ (dinner|thanksgiving|christmas|cooking|the roast|the turkey|the party|a barbecue|the bbq)
aiguis*|nettoy*|lavé|lave ~ couteau|couteaux ~ pour ~ (le réveillon|le repas|le dîner|le souper|noël|la cuisine|le rôti|la dinde|le barbecue|la fête)
(kicked|slammed|pushed|banged|swung) (the|a|my|our) door (shut|closed)
rope|ropes ~~ (climbing|boat|camping|swing|laundry|tent|dog|horse)
corde|cordes ~~ (escalade|grimpe|grimper|bateau|camping|balançoire|linge|tente|chien|cheval|à sauter)
antibiotic|antibiotics|antibiotique|antibiotiques
{medicine} ~~ (antibiotic|antibiotics|antibiotique|antibiotiques)
(cover letter|cover letters|application letters|lettre de motivation|lettres de motivation)
à tue tête
(on the roof|sur le toit) ~ (fixing|repairing|cleaning|réparer|répare|nettoyer|nettoie|gutter|gutters|gouttière|gouttières|antenna|antenne|shingles|tuiles)
(locked|lock|locks|fermé|ferme|verrouillé) ~ (door|porte) ~ (so the dog|so the cat|pour pas que le chien|pour pas que le chat|pour que le chien)
{weapon} ~ (at the range|au club de tir|in a gun safe|in a safe at|dans un coffre au)
(date|day) for (the|a|my|our|her|his) (party|wedding|birthday|trip|holiday|meeting|appointment|exam|move|interview)
(date|jour) pour (la|le|notre|mon|ma|son|sa) (fête|mariage|anniversaire|voyage|vacances|rendez vous|examen|déménagement|entretien)
(burden|poids|fardeau) ~ (team|colleagues|coworkers|équipe|collègues)
(door|doors|porte|portes) ~~ (my own key|ma propre clé|i have a key|i have my key|j'ai ma clé|j'ai une clé)
(ferme|fermé|verrouille|lock|locks|locked) ~ (parce que|because) ~ (quartier|neighbourhood|neighborhood|safe|sûr|burglars|cambrioleurs|voleurs)
(like|as) (the|my) (doctor|nurse|pharmacist) (said|told|prescribed|says)
comme (le|la|mon|ma) (médecin|docteur|pharmacien|pharmacienne) (a dit|me a dit|a prescrit|le a dit)
pistolet à colle|eau|clous|peinture
glue|water|nail|paint|staple gun
"""

# These make an ordinary mishap of what is said in the same clause: "I cut
# myself shaving", "je me suis coupée en faisant la cuisine". Only for
# suicide risk: what he does to her "in the kitchen" is no mishap.
MISHAP = """
shaving
cooking
panic attack
anxiety attack
asthma
crise de angoisse|panique
asthme
ironing
by accident
accidentally
in the kitchen
en cuisinant
en faisant la cuisine
en faisant à manger
en épluchant
en me rasant
en bricolant
par accident
sans faire exprès
"""

# Said anywhere in the text, these put what it tells in the past.
RESOLVED = """
in prison
in jail
behind bars
locked up now
we divorced
we are divorced
got divorced
we split up
we broke up
moved away
went to jail
went to prison
doing # years
got # years
serving # years
clean for
i moved on
no contact since
est allé en prison
a pris # ans
prend # ans
divorce prononcé
aucun contact
clean depuis
lives abroad
vit à l'étranger
habite à l'étranger
lives in another
passed away
have not seen him since
have not seen her since
clean since
better place
doing better
doing ok
doing okay
doing good
doing well
i am fine now
i am ok now
i am okay now
i am good now
i am safe now
they are gone
not anymore
do not anymore
therapy helped
en prison
derrière les barreaux
on a divorcé
on est divorcés
séparés depuis
on est séparés
on se est séparés
il a déménagé
parti ... an|année dernier|dernière
parti depuis
il est mort
il est décédé
plus revu
ça va mieux
ça va beaucoup mieux
ça va maintenant
je vais bien maintenant
je vais mieux
en sécurité maintenant
plus maintenant
ce est loin
la thérapie me a aidée
la thérapie me a aidé
long gone
been divorced
stable now
stable maintenant
doing much better
doing a lot better
ça va bien maintenant
me a beaucoup aidée
me a beaucoup aidé
divorcés depuis
ça fait ... ans que je ai arrêté
autre bout du pays
"""

# These put in the past only what is said in the same clause: "he used to
# choke me" is past, "I used to be happy, now I want to die" is not. None
# of them may read as the present: not "in college" (I am in college now),
# nor "ça fait 3 ans" (he has hit me for three years).
EARLIER = """
years ago
a long time ago
long time ago
a while back
a while ago
back in the day
used to
when i was
as a teen
as a teenager
as a kid
when we were together
when we were married
when we lived together
back when
il y a ... ans
il y a ... années
il y a longtemps
il y a quelque temps
quand je étais
quand on était
quand on vivait
quand je avais
à (quinze|seize|dix sept|dix huit|dix neuf|vingt|vingt ans|trente|#) ans
in my (teens|twenties|thirties|early twenties|late teens)
(dans ma|dans mes) (vingtaine|trentaine|adolescence|vingt ans)
ado je
je étais ado
à le époque
back then
back in
at the time
ce était en #
that was in #
"""

# An ongoing marker beside one of these (at most `FEELING_REACH` words
# apart, in its clause) tells how the past still weighs on the texter ("ça
# m'affecte encore", "it still haunts me", "I still think about it"): her
# own present, not that the danger goes on.
FEELING_REACH = 2
FEELING = """
affect*
haunt*
nightmare*
flashback*
traumati*
think about|of
thinking about|of
affecte|affectent|affecté|affectée
hante|hantent|hanté|hantée
cauchemar*
pense à|au|aux
repense*
"""

ONGOING = """
again
still
last night
tonight
this morning
this evening
yesterday
right now
started again
is back
he is back
she is back
getting worse
encore
hier
hier soir
cette nuit
ce soir
ce matin
de nouveau
à nouveau
recommenc*
il est revenu
elle est revenue
de pire en pire
de plus en plus
depuis que je suis
"""


# Said anywhere in the text, these make the texter's own what someone else
# said of her: "my bf says I'm a waste of oxygen and honestly he's right",
# "il dit que sans moi il serait heureux, je commence à lui donner raison".
AGREEMENT = """
he is right
she is right
they are right
maybe he is right
he might be right
i agree with him|her|them
il a raison
elle a raison
ils ont raison
lui donner raison
leur donner raison
il a peut être raison
je suis de accord avec lui|elle|eux
"""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@cache
def _index(text: str) -> Index:
    return Index((i, form) for i, line in enumerate(_lines(text)) for form in parse_term(line))


def _found(markers: str, tokens: Sequence[Token]) -> list[int]:
    """The starts of the markers found in the text, denied ones left out."""
    return [
        found.start
        for found in _index(markers).find(tokens)
        if not speech.denied(tokens, found.start, found.skipped)
    ]


class Context:
    """The text-wide readings, computed once per text and only when a match needs them."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self._laughter: frozenset[int] | None = None
        self._story: frozenset[int] | None = None
        self._everyday: frozenset[int] | None = None
        self._mishap: frozenset[int] | None = None
        # Sentence -> where the first "reportage sur", "a film about" in it ends.
        self._about: dict[int, int] | None = None
        # The sentences with an ongoing marker, and whether one of them tells
        # something other than the texter's own present.
        self._ongoing: frozenset[int] | None = None
        self._ongoing_danger = False
        self._resolved = False
        self._earlier: frozenset[int] = frozenset()
        self._agrees: bool | None = None

    def agrees(self) -> bool:
        """Whether the texter says that someone else's words about her are right."""
        if self._agrees is None:
            self._agrees = bool(_found(AGREEMENT, self.tokens))
        return self._agrees

    def joke(self, sentence: int) -> bool:
        if self._laughter is None:
            self._laughter = frozenset(
                self.tokens[start].sentence for start in _found(LAUGHTER, self.tokens)
            )
        return sentence in self._laughter

    def story(self, sentence: int) -> bool:
        if self._story is None:
            self._story = frozenset(
                self.tokens[start].sentence for start in _found(STORY, self.tokens)
            )
        return sentence in self._story

    def about(self, start: int, end: int) -> bool:
        """Whether the match at tokens[start:end] is what a film, a report or a
        book named before it in its sentence is about ("un reportage sur des
        femmes séquestrées"), with no word of the texter's in it."""
        if self._about is None:
            tokens = self.tokens
            self._about = {}
            for found in _index(STORY).find(tokens):
                sentence = tokens[found.start].sentence
                if (
                    found.end < len(tokens)
                    and tokens[found.end].text in speech.ABOUT
                    and tokens[found.end].sentence == sentence
                    and not speech.denied(tokens, found.start, found.skipped)
                ):
                    self._about[sentence] = min(self._about.get(sentence, found.end), found.end)
        if any(token.text in speech.TEXTER_WORDS for token in self.tokens[start:end]):
            return False
        after = self._about.get(self.tokens[start].sentence)
        return after is not None and after <= start

    def everyday(self, start: int, end: int, *, mishaps: bool = True) -> bool:
        """Whether tokens[start:end] overlap an everyday phrase, or (with
        `mishaps`) stand in a clause that tells a mishap."""
        if self._everyday is None:
            self._everyday = frozenset(
                i
                for found in _index(EVERYDAY).find(self.tokens)
                for i in range(found.start, found.end)
            )
        if any(i in self._everyday for i in range(start, end)):
            return True
        if not mishaps:
            return False
        if self._mishap is None:
            self._mishap = frozenset(
                self.tokens[start].clause for start in _found(MISHAP, self.tokens)
            )
        return self.tokens[start].clause in self._mishap

    def past(self, start: int, end: int) -> bool:
        """Whether the match at tokens[start:end] is told as past and resolved.

        A threat or an intent told in the future is not resolved by a marker
        of the text ("il va me tuer et il ira en prison s'il faut", "he'll
        kill me even if he ends up in jail"); only its own clause's "years
        ago" puts it in the past.
        """
        clause = self.tokens[start].clause
        sentence = self.tokens[start].sentence
        if self._ongoing is None:
            feeling = frozenset(_found(FEELING, self.tokens))
            ongoing = [i for i in _found(ONGOING, self.tokens) if not self._felt(i, feeling)]
            self._ongoing = frozenset(self.tokens[i].sentence for i in ongoing)
            self._ongoing_danger = any(not speech.texter_subject(self.tokens, i) for i in ongoing)
            self._resolved = bool(_found(RESOLVED, self.tokens))
            self._earlier = frozenset(
                self.tokens[start].clause for start in _found(EARLIER, self.tokens)
            )
        # "Encore" says the danger goes on, unless it tells the texter's own
        # present in another sentence ("on est divorcés depuis 2016. je pense
        # encore à lui") or how the past still weighs on her ("ça m'affecte
        # encore").
        if self._ongoing_danger or sentence in self._ongoing:
            return False
        if clause in self._earlier:
            return True
        return self._resolved and not speech.future(self.tokens, start, end)

    def _felt(self, i: int, feeling: frozenset[int]) -> bool:
        """Whether the ongoing marker at i stands beside a feeling marker of its clause."""
        clause = self.tokens[i].clause
        return any(
            j in feeling and self.tokens[j].clause == clause
            for j in range(max(0, i - FEELING_REACH), i + FEELING_REACH + 1)
        )


def marker_lists() -> dict[str, list[str]]:
    """The markers as data, for the documentation and for a port of the rules."""
    return {
        "laughter": _lines(LAUGHTER),
        "everyday": _lines(EVERYDAY),
        "mishap": _lines(MISHAP),
        "story": _lines(STORY),
        "resolved": _lines(RESOLVED),
        "earlier": _lines(EARLIER),
        "ongoing": _lines(ONGOING),
        "feeling": _lines(FEELING),
        "agreement": _lines(AGREEMENT),
    }
