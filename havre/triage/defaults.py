"""The built-in lexicons, used by every program until it edits its own.

Written for Havre, one term per line as in the console's editor. They follow
what crisis lines have published about texts that end in an active rescue:
the means and their doses ("ibuprofen", "800 mg", "Excedrin", "antifreeze",
the pill emoji) and farewell phrasing ("say goodbye", "won't be here
tomorrow") predict risk better than the word "suicide" itself, which is kept
too. The danger lists describe what is happening now (he is here, at the
door, has a knife, is hitting me), not what happened before, and threats to
kill, which count even when the texter quotes them.

Suicide terms are written in the first person where the words could also
describe someone else ("kill myself", "vais me tuer"); "il va me tuer" is
danger, "je vais me tuer" suicide risk. See docs/triage.md.
"""

from __future__ import annotations

from havre.triage.matcher import DANGER, SUICIDE

SUICIDE_EN = """
suicid*
kill myself
killing myself
end my life
ending my life
end it all
ending it all
end it tonight
going to end it
end it now
tonight is the night
take my own life
take my life
want to die
want to be dead
wish i was dead
wish i were dead
wish i was never born
better off dead
better off without me
rather be dead
would rather die
do not want to live
do not want to be alive
do not want to be here anymore
do not want to wake up
no reason to live
nothing to live for
nothing left to live for
can not go on
tired of living
tired of being alive
done with life
give up on life
never wake up
sleep forever
hurt myself
harm myself
self harm
cut myself
cutting myself
slit my wrists
cut my wrists
hang myself
hanging myself
noose
rope
jump off
jump in front of
going to jump
throw myself off
throw myself in front of
bridge
train tracks
rooftop
shoot myself
gun
pistol
razor blade
overdos*
od
pills
# pills
whole bottle
bottle of pills
sleeping pills
painkillers
saving up my meds
saving up my pills
stockpil*
all my meds
how many pills
lethal dose
painless way
# mg
ibuprofen
advil
motrin
excedrin
tylenol
acetaminophen
paracetamol
aspirin
naproxen
aleve
benadryl
nyquil
xanax
valium
ativan
klonopin
ambien
seroquel
lithium
oxycodone
oxy
percocet
vicodin
fentanyl
tramadol
insulin
antifreeze
bleach
rat poison
poison
say goodbye
saying goodbye
said my goodbyes
this is goodbye
goodbye forever
final goodbye
won't be here tomorrow
not be here tomorrow
won't be around much longer
last message
my last text
my last words
wrote a note
left a note
when i'm gone
after i'm gone
once i'm gone
by the time you read this
take care of my kids
tell my kids i love them
giving away my
gave away my
no one will miss me
nobody will miss me
no one would care if i
nobody would care if i
everyone would be better off
i'm a burden
see you on the other side
💊
🪢
⚰️
🪦
"""

SUICIDE_FR = """
suicid*
me suicider
vais me tuer
veux me tuer
voudrais me tuer
envie de me tuer
pense à me tuer
me foutre en l'air
veux en finir
vais en finir
sert à rien de continuer
sert à rien de vivre
que tout s'arrête
en peux plus de cette vie
marre de cette vie
envie d'en finir
en finir avec la vie
en finir une bonne fois
mettre fin à mes jours
mettre fin à ma vie
mettre fin à tout
me donner la mort
envie de mourir
veux mourir
voudrais mourir
aimerais mourir
préfère mourir
préférerais mourir
veux plus vivre
plus envie de vivre
pas envie de vivre
aucune envie de vivre
plus de raison de vivre
aucune raison de vivre
rien ne me retient
plus la force
peux plus continuer
marre de vivre
fatiguée de vivre
fatigué de vivre
mieux sans moi
mieux si j'étais plus là
mieux morte
mieux mort
disparaître pour toujours
veux disparaître
dormir pour toujours
plus me réveiller
jamais me réveiller
me fai* du mal
me scarifi*
m'ouvrir les veines
me couper les veines
me taillader
me pendre
corde
sauter du pont
sauter d'un pont
sauter par la fenêtre
me jeter sous un train
me jeter du
me jeter par
sauter du
sauter de la
sauter par
vais sauter
pont
voie ferrée
me tirer une balle
fusil
pistolet
lame de rasoir
surdose
overdose
cachets
# cachets
comprimés
# comprimés
médocs
tous mes médicaments
boîte de médicaments
somnifères
antidépresseurs
anxiolytiques
# mg
doliprane
dafalgan
efferalgan
paracétamol
ibuprofène
nurofen
aspirine
lexomil
temesta
stilnox
imovane
seresta
codéine
morphine
insuline
antigel
javel
mort aux rats
dose mortelle
dose létale
dire au revoir
dire adieu
adieu
lettre d'adieu
dernier message
serai plus là demain
serai pas là demain
quand je serai partie
quand je serai parti
prenez soin de mes enfants
dites à mes enfants que je les aime
personne ne me regrettera
personne va me regretter
personne ne remarquera
personne ne le remarquera
suis un fardeau
un poids pour tout le monde
💊
🪢
⚰️
🪦
"""

DANGER_EN = """
he's here
she's here
they're here
he is back
he's outside
she's outside
at the door
at my door
outside my door
outside my house
outside my window
out front
waiting outside
waiting for me outside
coming up the stairs
in my house
in the house with me
banging on the door
pounding on the door
kicking the door
kicking in the door
kicking down the door
breaking the door
breaking down the door
broke down the door
broke in
breaking in
trying to get in
trying to break in
he's coming
she's coming
on his way
on her way
coming for me
coming to get me
he found me
she found me
followed me
following me
looking for me
has a knife
has a gun
got a knife
got a gun
with a knife
with a gun
holding a knife
pointing a gun
pulled a knife
pulled a gun
is hitting me
hitting me
beating me
punching me
kicking me
choking me
strangling me
is hurting me
dragging me
just hit me
just punched me
just attacked me
throwing things
going to kill me
will kill me
wants to kill me
trying to kill me
threatening to kill me
threatened to kill me
kill you
kill the kids
kill my kids
kill the children
kill us
hurt the kids
help now
help me now
need help now
need help right now
please hurry
hurry please
send help
send someone
send the police
please call the police
call the police for me
call 911
call 999
call 112
locked me in
locked in the
won't let me leave
won't let me out
hiding in the
i'm hiding
hiding from him
hiding from her
not safe right now
i'm not safe
scared for my life
fear for my life
afraid for my life
i'm bleeding
can't breathe
🔪
🔫
"""

DANGER_FR = """
il est là
elle est là
il est ici
elle est ici
ils sont là
il est revenu
il est dehors
elle est dehors
devant la porte
devant chez moi
devant ma porte
en bas de chez moi
en bas de l'immeuble
il m'attend
monte l'escalier
remonte l'escalier
à la porte
est dans la maison
frappe à la porte
tape à la porte
cogne à la porte
défonce la porte
enfonce la porte
casse la porte
essaie d'entrer
essaye d'entrer
essaie de rentrer
essaye de rentrer
il arrive
elle arrive
il est en route
elle est en route
vient me chercher
m'a retrouvée
m'a retrouvé
me suit
me cherche
a un couteau
a une arme
a un fusil
a un flingue
a un pistolet
avec un couteau
avec une arme
avec un fusil
sorti un couteau
sorti une arme
sorti son arme
il me frappe
elle me frappe
me frappe
me tape dessus
me bat
me tabasse
me cogne
m'étrangle
m'étouffe
me serre le cou
me traîne
vient de me frapper
va me tuer
veut me tuer
menace de me tuer
menacée de mort
menaces de mort
te tuer
vais te tuer
te buter
te crever
tuer les enfants
tuer les petits
nous tuer
aidez moi vite
aide moi vite
au secours
à l'aide
venez vite
vite svp
appelez la police
appelez le 17
appelez le 112
appelez le 911
appelez les flics
envoyez la police
envoyez quelqu'un
m'a enfermée
m'a enfermé
suis enfermée
suis enfermé
peux pas sortir
me laisse pas sortir
je me cache
cachée dans
caché dans
pas en sécurité
en danger
peur pour ma vie
je saigne
peux plus respirer
🔪
🔫
"""

TEXTS: dict[tuple[str, str], str] = {
    (SUICIDE, "en"): SUICIDE_EN,
    (SUICIDE, "fr"): SUICIDE_FR,
    (DANGER, "en"): DANGER_EN,
    (DANGER, "fr"): DANGER_FR,
}


def terms(category: str, language: str) -> list[str]:
    """The built-in terms of one list, in their written order."""
    return [line.strip() for line in TEXTS[(category, language)].splitlines() if line.strip()]
