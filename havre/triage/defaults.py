"""The built-in lexicons, used by every program until it edits its own.

Written for Havre, one term per line as in the console's editor, and tuned
on the development part of tests/triage/eval only. They follow what crisis
lines and risk assessments name as the strongest signals:

- suicide risk: the wish to be dead or not to wake up, thoughts of killing
  oneself, a plan or a date (the Columbia scale's and the ASQ's questions);
  hopelessness and feeling a burden; farewells (letters, belongings given
  away, "this is goodbye"); means and places (pills counted or taken all at
  once, a rope, a bridge, a roof); self-harm, in both languages. A medicine
  named alone is not a signal: "took 2 advil for my headache" is ordinary,
  "took 30 advil" or "toutes mes pilules" is not;
- immediate danger: threats to kill, quoted or told ("he said he'd kill
  me", "il m'a menacée de mort"); strangulation and choking in everyday
  words ("he grabbed me by the throat", "il m'a serré le cou"); a weapon;
  threats against the children; burning; being locked in or held;
  escalating violence, rape; and what is happening now (he is at the door,
  is hitting me), after Campbell's Danger Assessment.

Terms about acts are written with the texter as the one who suffers them
("he ... kill me", "me ... étrangl*"); suicide terms in the first person
where the words could describe someone else. See docs/triage.md.
"""

from __future__ import annotations

from havre.triage.matcher import DANGER, SUICIDE

SUICIDE_EN = """
suicidal
suicidal thoughts
thoughts of suicide
thinking about|of suicide
thought about|of suicide
considering suicide
commit suicide
attempt suicide
suicide note
sewer slide
unalive
kill myself
kill|killing|end|hurt|harm|cut|cutting my self
feel like dying
feel like i want to die
stop living
stop being alive
not care if i die|live
just in the way
no one needs me
nobody needs me
not need me anymore
killing myself
killed myself
kms
off myself
end my life
ending my life
end my own life
take my own life
take my life
taking my life
taking my own life
end it all
ending it all
end it tonight|now|today|soon|this|tomorrow|all
going to end it
want to end it
will end it
just end it
gonna end it
ending things
end things
want|wants|wanted to die
want 2 die
want|wants|wanted to be dead
wish i was|were dead
wish i was|were never born
wish i could die|disappear
would rather die
rather be dead
ready to die
better off dead
do not want to live|exist
do not want to be alive|here|around anymore
do not want to be alive
not want to wake up
never wake up
not wake up
sleep forever
not exist anymore
stop existing
want to disappear
disappear forever
want everything to stop
want it all to stop|end
want it all to be over
want it to be over
ctb
thinking about dying
thoughts of dying
if i ... was|were not alive|here|around
if i was|were dead|gone
tonight is the night
go through with it
decided to die|end it
picked|chosen|set the day|date
already know how
plan and a date
planning how to do it
no point in|of|to living
point of|in living
point of being alive
point in|of going on
not see the point
not see any point
not see a way out
no reason to live
no reason to keep going|living
nothing to live for
nothing left to live for
nothing left for me
nothing left in me
dark thoughts
no strength left
nothing keeping me here
last time i will write|text
can not go on
can not keep going|living
can not live like this
not see how i can go on
not see how i can live|continue
not see how i can keep going
survive another day
can not take one more day
can not take another day
feel hopeless
so hopeless
completely hopeless
everything is hopeless
given|give|giving up on life
done with life
done living
done trying to live
tired of living|life
tired of fighting life
never be missed
tired of being alive
sick of living|life
only way out
only one way out
except dying|death
no future for me
picture myself alive|living
see myself alive|living|being alive
life is pointless
death ... relief|release
dying ... relief|release
life has no meaning|point|purpose
only thing ... dying|death|die
relief ... dying|death|die
end of my rope|tether
ending|end all of this
staring|stare ... {medicine}
stab|stabbing myself
stand being alive
stand living
going|might|will|want|about ... do something|anything stupid|drastic
letting|let myself die
waiting for the end
wait to die
never have been born
it is over for me
blade on|to|against my wrist|wrists|arm|arms|skin|throat
drown|drowning myself
not think i can
everything is|feels|seems pointless|meaningless|hopeless
nothing to look forward to
rather not be here|alive|exist|around
way out but|except ... die|death|dying
no way out but|except ... die|death|dying
better off ... without me
how i am going to do it
using|use it on myself
lost all hope
give up on everything
giving up on everything
not worth living
life is not worth it
want my life to end
care if i live or die
better off gone
should just die
deserve to die
not see any reason to live|continue|go|keep
not going to be here much longer|long
not be here much longer|long
no will to live
lost the will to live
better off without me
better off if i was|were gone|dead
better off if i was|were not here|around
better without me
happier without me
happier if i was|were gone|dead
happier if i was|were not here|around
free without me
relieved if i was|were gone|dead
relieved if i was|were not here|around
i am a burden
such a burden
a burden to|on
being a burden
burden on everyone|everybody
weight on everyone|everybody
waste of space
no one would notice|care if i
nobody would notice|care if i
no one would|will miss me
nobody would|will miss me
no one would even notice
nobody would even notice
notice if i disappeared|died|was gone|vanished
world would be better without me
world would be better off without me
everyone would be better off
would be better off if i
do not deserve to live
say goodbye
saying goodbye
said my goodbyes
made my goodbyes
my goodbyes
this is goodbye
it was goodbye
goodbye forever
final goodbye
my last text|message to|ever|before
last text|message to anyone|anybody|ever
my last words
at peace with it
need ... where i am going
wrote|written|left letters to|for
wrote|written|left a note|letter for|to my
goodbye letter|letters|note
gave|giving|given away my
give away my
will not be needing
who gets my things|stuff
who gets what
tell my ... i am sorry
tell my ... i love
will not be around|here after|much|tomorrow
not be here tomorrow
not here tomorrow
my affairs in order
by the time you read this
when|after|once i am gone
i am ... on|at the bridge|roof|rooftop|ledge|cliff|tracks
i am ... by|near|at the tracks|railway|river|rails
i am ... by|near|at the train tracks
edge of the cliff|roof|bridge|building
i ... jump off|from
i ... jumping off|from
want to jump
thinking about|of jumping
going to jump
step|jump in front of
throw myself in front of
throw myself off|under
rope ready
got|found the rope
with a rope
noose
hang myself
hanging myself
shoot myself
{weapon} in my lap|hand|hands|mouth
saving|saved|stockpiling|stockpiled|hoarding ... {medicine}
{medicine} lined up
{medicine} in front of me
{medicine} in my hand|hands
{medicine} in my lap
counting ... {medicine}
how many|much {medicine} it would|will take
how many|much {medicine} it takes|took
how many|much {medicine} does|would it take
how many|much {medicine} ... to die|kill|overdose|od
painless way
how many ... to die|kill
lethal dose|doses
fatal dose
razor blade|blades
with a blade
garage ... car|engine running
car|engine running ... garage
carbon monoxide
antifreeze
drink bleach
rat poison
poison myself
overdos*
od
cut|cutting myself
cut|cutting again
started cutting
been cutting
cutting my arms|wrists|legs|thighs|skin|arm|wrist
cut my arms|wrists|legs|thighs|skin|arm|wrist
slit my wrists
self harm*
selfharm*
i sh
hurt|hurting|harm|harming myself
burn|burned|burnt|burning myself
myself on purpose
my arm|arms|skin|leg|legs ... on purpose
hit|hitting|punch|punching myself
till|til|until i|they|it bleed|bleeds
scratch* my wrists|arms|skin|legs|thighs
covered in cuts
carv* into my
want to cut
cut|cutting deep|deeper|deeply
razor ... cut
exhaust
tied|tie the|a rope|noose
rope to the|a beam|ceiling|tree|rafter
took|swallowed|taken ... every pill|tablet
took|swallowed|taken|downed|popped|necked|ate|take|taking|swallowing ... all ... {medicine}
took|swallowed|taken|downed|popped|necked|ate ## ... {medicine}
took|swallowed|taken|downed|popped|necked|ate ... ## ... {medicine}
swallowed|took everything
whole|entire bottle|box|pack|packet|strip of ... {medicine}
swallowed|took|taken ... whole|entire bottle|box|pack|packet|strip
bottle of {medicine}
bunch of ... {medicine}
took|swallowed|taken|popped|ate|downed ... lot|lots of ... {medicine}
handful of ... {medicine}
{medicine} ready
enough {medicine}
enough ... to do it|die
{medicine} to do it|die|end it
on top of the ... building|bridge|roof|garage|parking|tower|cliff
use it on myself
{weapon} on myself
drive|drove|crash|crashing ... into a tree|wall|truck|traffic
crash my car
goodbye everyone|everybody|world
final message|text|words
gave|giving|give|given ... things|stuff|belongings away
nothing matters anymore
wish i was|were not alive|here
never been born
{medicine} at once
too many {medicine}
more than i am supposed to
way more of my
everything in the medicine cabinet
swallowed|took ... medicine cabinet
💊
🪢
⚰️
🪦
thinking about|of ending it
thought it through
going to do it when|tonight|tomorrow|after|today|soon
and not come back
never coming back
stop eating and drinking
standing|sitting|stood|sat on|at the|a|this ... bridge|ledge|roof|rooftop|edge|balcony|railing|parapet|overpass|tracks
rope in the garage|basement|closet|attic|shed
looking at the beam|rope|noose
engine on|running
(collecting|collected|saving up|hiding|hid) ... {medicine}
how high does a|the ... need|have to be
how high ... to die|kill|jump
how many {medicine} is|are too many
took|swallowed|taken ... rest of ... {medicine}
{medicine} ... on purpose
took|swallowed|taken ... on purpose
whole|entire ... blister|pack|packet|box|bottle|strip|sheet
relapsed
blood on my sheets|bed|floor
hide ... cuts|scars|marks|burns
not see any|a future
see no future
do not want to keep going|living|on|trying|fighting
do not want to go on
if i (died|disappeared|vanished|was gone|were gone|killed myself)
easier ... if i (died|disappeared|was gone|were gone|was not here|were not here)
waste of oxygen|air|space|life
signing off (for good|forever)
it is goodbye
not be around to
wrote|written|made my will
leaving everything to
gave|given|giving my cat|dog|pet|pets|guitar|jacket|things|stuff|clothes|jewelry|car to
already took|swallowed|had ##
tell ... not their|your fault
burn|burned|burnt|burning my arm|arms|skin|leg|legs|wrist|wrists|thigh|thighs
cuts|scars on my|your thighs|arms|wrists|legs|stomach
(goodbye|bye|farewell) (for good|forever)
(for good|forever) (goodbye|bye)
thank you for everything
thanks for everything
take care of (yourselves|my|each other)
i love you all
tell (my|them|everyone|her|him) ... i love
(planned|planed|plan) (everything|it all|it out)
have it all planned
all planned out
when everyone is (asleep|gone|out)
my mind is made up
i have made up my mind
(tonight|tomorrow|sunday|saturday|friday|this weekend) ... (do it|is the day|is the night|it ends|it will be over)
why (bother|keep going|continue|go on|keep trying|wake up|get up|live|stay|carry on)
what is the point (anymore|of anything|of me|of trying|of it all)
no point (anymore|in anything|in trying|to anything|to any of it|in any of it)
nothing (will|is going to) ever (change|get better)
never going to get better
not going to get better
can|do not see a|any future|end
can|do not see a|any way forward|out
(wish|want) to (sleep|go to sleep) and not wake
(wish|want|like) to (disappear|vanish|be gone|fade away)
want to be with my (dad|mom|mum|father|mother|brother|sister|son|daughter|baby) again
join my (dad|mom|mum|father|mother|brother|sister|son|daughter|baby|grandma|grandpa)
(better|easier|simpler) for (everyone|everybody|all of them|them|my|her|him) ... without me
(better|easier|simpler) for (everyone|everybody|all of them|them) if i
burden|problem|weight to|for|on|in everyone
(just|only) (a|the) (burden|problem)
(all|entire|whole) (bottle|box|pack|packet|strip|blister)
{weapon} ... (thinking about it|think about it|cannot stop looking|keep looking)
keep looking at the (rope|beam|gun|pills|bridge|knife|blade|razor)
(on|at) the (ledge|edge|railing|parapet|roof|rooftop) (now|right now)
i am (on|at) (a|the|this) (ledge|edge|railing|parapet|roof|rooftop|bridge|overpass|tracks|cliff)
(jump|fall|drop) from (here|this|the)
(not|never) bring ... back alive
(not|never) (walk|get|make it|come|leave) out ... alive
nothing ever changes
nothing (will|is going to) ever change
(can not|could not) do this (anymore|any more)
(can not|could not) (take|handle|bear|stand) (it|this) (anymore|any more)
(tired|exhausted|sick) of (everything|it all)
i give up
no way out
(no one|nobody) can help me
(wrote|written|writing|leave|leaving) ... (letter|letters|note|notes) (for|to) (my|everyone|them|her|him)
(bought|got|buy) (a|the|some) (rope|razor|razors|charcoal|hose)
(set|chose|picked|choose) a (date|day)
so (no one|nobody) (finds|find|will find|can find) me
(will|would) be (over|done) (soon|tonight|tomorrow)
plan to (end|kill|die|do it)
(rope|belt|cord|cable|sheet) ... (beam|ceiling|hook|closet rod|rafter)
{medicine} ... (hidden|hid|saved|stashed|hiding)
(hose|tube) ... exhaust
enough ... to (die|end it|kill me|do it)
(think|thinking|thoughts) about (death|dying|not being here|not existing)
not (afraid|scared) of (dying|death)
(sleep|go to sleep) (forever|for good)
(ruin|ruining|ruined) (everyone|everybody|their) ... (life|lives)
(everyone|everybody) would be ... (better|happier|fine)
(almost|nearly) (did it|jumped|went through|killed myself)
(tried|attempted|try|trying) to (kill|hang|overdose|drown|end|off) (myself|my life)
(wrote|written|writing|finished) (a|my) (will|suicide note)
"""

SUICIDE_FR = """
suicidaire
suicidaires
me suicider
je ... me suicide
pense|pensé|pensée|pensais au suicide
idées suicidaires
pensées suicidaires
fait une tentative
tentative de suicide
je ... me tuer|tue|tuerai
de|à me tuer|suicider
comment me tuer|suicider
me foutre en le air
en finir
finis en
mettre fin à mes jours
mettre fin à ma vie
mettre fin à tout
me donner la mort
envie de mourir
goût de mourir
veux|voudrais|aimerais|préfère|préférerais|voulais mourir
veux|voudrais crever
je ... me buter|flinguer
jamais naître
mieux morte|mort
arrêter de exister
fixé la date|le jour
un plan et une date
rien pour quoi vivre
peux plus continuer
me sens désespérée|désespéré
me sens sans espoir
abandonné la vie
monoxyde de carbone
me empoisonner
mort ... soulagement|délivrance
mourir ... soulagement|délivrance
prête|prêt à mourir
compte|compté les|mes {medicine}
mérite pas de vivre
marre|peur de vivre
plus capable de vivre|continuer
supporte plus de vivre
supporte plus la vie
{medicine} pour le faire|mourir
en peux plus de vivre
dernière fois que vous aurez
fixe ... {medicine}
à sauter du|de|par|sous
sauter sous un|le train|métro
me planter un|une ... {weapon}
me poignarder
vie ne a aucun sens
vie ne a plus de sens
vie a plus de sens
seule chose ... mourir|mort
vais|va|veux faire une|des connerie|bêtise|conneries|bêtises
envie|peur de faire une|des connerie|bêtise|conneries|bêtises
me laisse|laisser mourir
attends|attendre la mort
jamais dû naître|exister
mérite de mourir|crever
fond du trou
rien ne a plus de sens
plus rien ne a de sens
plus rien a de sens
la fin pour moi
fini pour moi
endormir pour toujours
lame sur|contre ... poignet|poignets|peau|bras
garage ... moteur
moteur ... garage
lacér*
entaill* ... poignet|poignets|bras|cuisses|peau|jambes
je ... me noyer
veux me noyer
plus être là|ici
veux plus être
tanné*|fatigué*|épuisé*|marre de la vie
je pèse sur
donné ... mes affaires|choses|biens
personne ne se rendra|rendrait compte
personne se en rendra|rendrait compte
mort ... seule solution
seule solution ... mort|mourir
rejoindre ... au ciel|paradis
envie de crever
ma vie se arrête|finisse
fait une ts|tentative
je suis ... sur les rails|voies|toits
je suis ... en haut du|de
dose énorme|massive
énorme dose
bu|avalé ... javel|antigel|déboucheur
taillad*
me suis ... fait du mal
me fais|faire saigner
gâche|gâcher la vie
personne ne va me regretter
manquer à personne
dernière fois que je vous|te écris|parle
à quoi bon me battre
fatigué*|épuisé*|tanné* de vivre
abandonné|perdu ... envie de vivre
contre la vie
être morte|mort
plus envie de vivre|exister
plus envie de être en vie
pas envie de vivre
aucune envie de vivre
veux|voudrais plus vivre|exister
veux pu vivre
plus exister
disparaître pour toujours
disparaître à jamais
disparaître pour de bon
veux disparaître
idées noires
pense à la mort
jamais me réveiller
plus me réveiller
dormir pour toujours
tout arrêter
sais déjà comment
prépare comment
choisi le jour|moment
choisi la date
plus rien ... envie
que tout se arrête
que tout ça se arrête
marre|fatiguée|fatigué|tannée|tanné|épuisée|épuisé de cette vie
en peux plus de cette vie
raison de vivre
pas de raison de vivre|continuer
aucune raison de vivre|continuer
vaut pas la peine de vivre
vaut pas la peine de être vécue
vie vaut pas la peine
je suis une charge
je suis un poids|fardeau
me ... les veines
rien ne me retient
rien me retient
plus la force
pas la force de continuer|vivre
pas la force de me battre
vois pas comment continuer|vivre
peux plus vivre comme ça
sert à rien de vivre|continuer
à quoi bon continuer|vivre
pas de autre issue
aucune autre issue
aucun avenir
pas de avenir
plus aucun espoir
plus de espoir
vois pas le bout
en sortirai jamais
vie est foutue|finie
décidé de (mourir|me tuer|en finir|me suicider)
passer à le acte
plus aucun sens
plus de sens
tiendrai pas
tiens plus
tiendrai plus
tout est inutile
plus envie de rien
perdu tout espoir
pas me réveiller
seule issue|sortie
comment je vais le faire
pour me tuer|suicider
utiliser sur moi
je me brûle
survivrai pas
plus continuer à vivre
au bout du rouleau
envie que tout se arrête
imagine pas vivante|vivant
vois pas vivante|vivant
mieux sans moi
heureux sans moi
heureuses sans moi
libres sans moi
heureux|heureuses|mieux si je étais|serais morte|mort|partie|parti
heureux|heureuses|mieux si je étais|serais plus là
un poids pour
un fardeau
une charge pour
personne ne me regrettera|regretterait
personne me regrettera|regretterait
personne va me regretter
personne ne remarquera|remarquerait
personne le remarquera|remarquerait
personne ne le remarquera|remarquerait
soulagés si je
irait mieux sans moi
irait mieux si je
mieux si je mourais|disparaissais
de trop sur
je suis de trop
existais plus
sers à rien
dire au revoir
dire adieu
adieu
adieux
lettre de adieu
ce est ... dernier message|msg
mon dernier message|msg
des lettres pour|à
une lettre pour|à
laissé une lettre
plus là demain|après
pas là demain
quand je serai partie|parti
besoin ... là où je vais
en paix avec ça
prenez soin de mes|ma|mon
dites à ma|mon|mes ... que je
qui récupère mes affaires|choses|quoi
donné mes affaires
donné mon chat|chien
en aurai plus besoin
en aurai pas besoin
je suis ... sur le pont|toit|quai|balcon|bord|rebord|rails|parapet
je suis ... au bord
je suis ... des rails|voies
bord de la falaise
bord du pont|toit
me jeter sous|du|de|par
je ... sauter du|de|par|sous
envie de sauter
pense à sauter
sauter quand
préparé la corde
avec une corde
noeud coulant
me pendre
me tirer une balle
{weapon} ... sur les genoux
{weapon} dans la main|bouche
{medicine} dans la main
{medicine} dans les mains
semaines|mois|jours que je garde|stocke|accumule
garde|stocke|accumule mes {medicine} depuis
stocké|accumulé|mis de côté ... {medicine}
{medicine} devant moi
aligné ... {medicine}
combien de {medicine} il faudrait|faut
combien de ... pour mourir
dose|doses mortelle|mortelles|létale|létales
lame|lames de rasoir
avec une lame
antigel
boire de la javel
mort aux rats
surdose
overdose
me suis ... coupée|coupé|scarifiée|scarifié|mutilée|mutilé
me coupe
me couper
envie de me couper
me scarifi*
scarifi*
me mutil*
automutil*
mutile
me fais du mal
me faire du mal
faire du mal à moi
me suis ... brûlée|brûlé ... exprès|briquet|cigarette
me suis brûlée|brûlé me suis ... exprès
me fais ... exprès
me fais mal
me griff*
me mord*
me arrach* la peau
me cogne la tête
exprès
jusque au sang
jusque à saigner
couvert*|couverte|couverts|plein|pleins|pleine|pleines de coupures
me ... coupures
entailles
je me frappe
me tape la tête
me ... les poignets
pris|avalé|prendre|avaler ... toutes|tous ... {medicine}
avalé|pris ## ... {medicine}
avalé|pris ... ## ... {medicine}
avalé|pris ... boîte entière
boîte entière de {medicine}
toute la boîte|plaquette
tout le tube|flacon
toute une boîte|plaquette
plus que ma dose
avalé tout ce que
tout ce que ... {medicine}
me sens de trop
trop de {medicine}
pris|avalé plein|tas de {medicine}
pris|avalé ... boîte|boîtes|bouteille|flacon|tube|plaquette|plaquettes de
pris|avalé ... beaucoup|plein|trop de {medicine}
poignée de ... {medicine}
{medicine} de un coup
armoire à pharmacie
💊
🪢
⚰️
🪦
pense|pensé|pensais|penser à (mourir|me tuer|en finir|me suicider|la mort)
que ce soit fini|terminé
que tout soit fini|terminé
sans moi ... pas plus mal
sans moi ... serait|seraient mieux
rejoindre ... au cimetière
si je mourais|meurs|mourrais|disparaissais|disparais
si je étais|serais (plus là|morte|mort|partie|parti)
je vais le faire après|demain|quand|bientôt
je vais le faire ce|cette soir|nuit
passe|passer|passerai|passerais|passé à le acte
personne (me|ne me) ... trouve|trouvera|retrouve|retrouvera à temps
personne pour me arrêter|empêcher|retenir
payé mes dettes
réglé mes affaires
mes affaires en ordre
ce est en ordre
réserve de ... {medicine}
assise|assis|debout|monté|montée sur le|la ... parapet|pont|rebord|toit|balcon|bord|rambarde|garde-fou|falaise|voies|rails
au bout|bord de la jetée|falaise|quai|digue
sais pas nager
noeud ... ceinture|corde|drap|câble|foulard
accroché|accrochée ... porte|poutre|plafond|crochet
charbon ... (ruban|scotch|salle de bain|calfeutr*)
vidé ... boîte|tube|flacon|plaquette|pilulier|bouteille
en ai trop pris|avalé
coupé|coupée trop loin|profond|fort
marques sur les|mes poignets|bras|cuisses|jambes
plus|pus|pu capable de rien
pourquoi je continuerais|vivrais|resterais
que tout se éteigne|termine|arrête|finisse
que la peine|douleur|souffrance se arrête|finisse
rien qui me retient
mieux que je meure|disparaisse|crève
débarrasser ... (définitivement|pour de bon|pour toujours)
fin du chemin|voyage|parcours
bonne nuit pour toujours
mon|mes dernier|derniers texto|textos|sms|mots
merci de avoir existé
aurai plus besoin de rien
bye|adieu|salut tout le monde
ce est fini pour moi
dites à ma|mon|mes ... aimait|aimais|aime
à quoi ça sert de respirer|vivre|continuer|exister
à quoi ça sert de me lever|battre
libérés|libéré|soulagés|soulagé si je
me vois pas dans ... an|ans|mois|semaine|semaines|futur|avenir
(au revoir|adieu|bye|salut) (pour toujours|pour de bon|à jamais)
merci pour tout
merci de tout
prenez soin de vous
je vous aime tous|toutes
dites (à ma|à mon|à mes|leur|lui) ... que je (les|le|la|vous|te) aime|aimais
(tout prévu|tout planifié|tout organisé|tout préparé)
tout est prêt pour (demain|ce soir|dimanche|samedi|lundi|mardi|mercredi|jeudi|vendredi)
je suis décidée|décidé
je me suis décidée|décidé
ma décision est prise
ce est décidé
quand tout le monde (dormira|dort|sera parti|sera couché)
soir|demain|dimanche|samedi ... (je le fais|je vais le faire|ce sera fini|tout sera fini|ça sera fini)
pourquoi (continuer|vivre|me battre|me lever|rester|respirer|essayer)
(ça|ca) sert à rien de (continuer|vivre|me battre|me lever|respirer|essayer)
aucun intérêt à (vivre|continuer)
rien (ne|va|ira) ... (changer|jamais mieux|jamais changer)
(ira|va) jamais mieux
vois (pas|plus|aucun) ... (avenir|futur|issue|sortie|fin|suite|bout)
envie|voudrais|veux|aimerais ... endormir|dormir pour toujours
envie|voudrais|veux|aimerais ... endormir|dormir et ... réveiller
(envie|voudrais|veux|aimerais) de disparaître|partir pour toujours
(rejoindre|retrouver) (mon|ma|mes) ... (au ciel|là haut|au paradis|au cimetière|de le autre côté|mort|morte|morts|décédé|décédée)
mieux|simple|facile pour ... sans moi
mieux|simple|facile pour eux|elle|lui si je
mieux|simple|facile pour tout le monde si je
(un|une) (poids|fardeau|charge|problème) pour (tout le monde|eux|ma|mon|mes)
(toute|tout|toutes) (la|le|les) (boîte|tube|flacon|plaquette|plaquettes|pilulier|bouteille)
rien ne (change|changera) (jamais|plus)
(marre|fatiguée|fatigué|épuisée|épuisé|tannée|tanné) de tout
je (abandonne|lâche tout|baisse les bras)
personne (ne peut|peut) me aider
(lettre|lettres|mot|mots) pour (mes|ma|mon|les|tout le monde)
(ce sera|ça sera|tout sera) (fini|terminé) (bientôt|ce soir|demain)
(corde|ceinture|câble|drap|foulard) ... (poutre|plafond|crochet)
{medicine} ... (cachés|caché|planqués|planqué|stockés)
tuyau ... échappement
assez de ... pour (mourir|en finir|me tuer|le faire)
que ça (finisse|se termine|se arrête|arrête)
pas peur de (mourir|la mort)
(pourris|pourrir|gâche|gâcher|pourrit) (la vie|leur vie|leurs vies|la vie de)
(failli|presque) (le faire|sauter|tout avaler|me tuer|passer à le acte)
(essayé|tenté|essaie|essaye) de (me tuer|me pendre|sauter|en finir|me noyer|me suicider)
(écrit|rédigé|fait) (mon|un) testament
(pris|avalé|prendre|avaler) tout (mes|les) {medicine}
{medicine} ... tous|toutes ... pris|prises|avalés|avalées
en ai pris|avalé|bu ##
en ai pris|avalé (une trentaine|une vingtaine|une quinzaine|une dizaine|une cinquantaine|plein|beaucoup|trop|toute la boîte|tout le tube)
(moitié|reste) de la|le|ma|mon ... boîte|tube|flacon|plaquette
plus|pas le goût de vivre
me (foutre|crisser|câlisser|sacrer|jeter) en le air
veu*|voul*|voud*|aimerai* (mourir|crever|disparaître|en finir)
envie|goût|hâte de (mourir|crever|disparaître|en finir)
mourir|disparaître (pour de bon|pour toujours|à jamais|une fois pour toutes)
je veux|voulais|voudrais|vais|va plus (vivre|être là|exister|me réveiller|continuer)
"""

DANGER_EN = """
he|she|they|{partner} ... kill*|murder*|hurt*|chok*|strangl*|stab*|shoot*|shot|punch*|kick*|slap*|beat*|hit|hits|hitting|drag*|slam*|rape*|raping|burn*|suffocat*|smother*|attack*|drown* me|us
kill|murder you
threat* ... kill|murder|hurt|harm|shoot|stab
threat* me
threat* ... my life
stabbed|slashed me
cut me with
against my will
{partner} has|had|got a {weapon}
death threat*
wants|want me dead
i am dead when|if
you are dead
your dead
ur dead
when|if he finds me
can not have me
not live to see
put me in the ground
body bag
slit|cut my throat
last night alive
finish what he started
pay|paid for it with my life
he ... end|take my life
pushed|shoved|threw|thrown me down|into|against|off|across
pushed|shoved|threw|thrown me out of
use it on me
find my body
has|had|got a gun|knife|rifle|shotgun|pistol|firearm|weapon
hostage
kidnap*
stalking me
he|she showed up at
he|she|{partner} ... parked outside
banging|knocking|pounding|hitting on|at the window|windows
boiling water
scald*
lighter fluid
burn everything|it all
he|she ... burn* everything
raised his hand|hands to|at|on
lock*|locked ... {child} in|up
push*|shov*|shook ... {child}
never find ... {child}
break*|broke ... door down
he|she got in|inside
pay for it|this
not get out alive
punched|punching|kicked|kicking|slapped|slapping|beat|beating|beats|choked|strangled|stabbed|shot me
by my|the hair
slam*|smash*|bang*|hit my head
my head into|against
not survive the night
not live through the night
watch your back
you will not see it coming
i know where you are|live
capable of killing me
he|she ... hurt me
scared|afraid of what he will|might do
chok* me
chock* me
choking|choked|strangled|strangling me
strangl* me
smother* me
suffocat* me
chokehold
squeez*|grab*|grabbed|held|hold*|pinned|press*|crush*|wrapped ... throat|neck|windpipe
until|till i could not breathe
until|till i passed|blacked out
chok* me out
{weapon} to|at|against my throat|head|neck|chest|face|stomach
pointed|waved|aimed|brandished|showed|pulled ... {weapon}
you are going to die
you will die
i will find you
end you
burn* ... alive
light|lit me on fire
keeping me prisoner|hostage
he|it|things ... escalat*
choke hold
headlock
by the throat|neck
around my neck|throat
hand|hands|arm|forearm|knee|foot ... on my neck|throat
squeez* ... neck|throat
grab* ... throat|neck
pillow over my face|head
pillow|hand|hands|tape|bag ... over my mouth|face|nose|head
can not breathe
neck ... bruis*
bruis* ... neck
marks on my neck|throat
he|she has|had|got|grabbed|pulled a|his|her {weapon}
holding a|his|her {weapon}
he|she has|had|got a kitchen|hunting|big|huge|loaded|pocket|sharp|butcher {weapon}
sexually assault*|abus*
assault* me
molest*
{weapon} to my throat|head|neck|chest|face
point* ... {weapon} ... at|to me
came|coming|went at me with
pull*|took|got out ... {weapon}
pulled a {weapon}
threatened|threatening me with
hit me with
throw*|threw ... acid
acid ... my face|me
find me wherever|anywhere
a dead woman|girl|bitch|man
pinned|pin|pins me
head under ... water
make me pay
he|she|{partner} ... past my house|place|work|building
keeps driving by
he|she is in the parking lot|car park
found where i
broke|broken|fractured my nose|arm|jaw|ribs|wrist|finger|leg
loaded {weapon}
a {weapon} in the house|home|car|apartment
wav* his {weapon}
bought a {weapon}
{weapon} on the table
clean* his {weapon}
🔪
🔫
hurt|harm|kill|murder|drown|hit|beat|shook|shake|shaking|throw|strangle|choke ... {child}
throwing|threw|throws ... at me
never see ... {child} alive
{child} alive again
he grab* the|my|our {child}
{child} will|would pay
burn* ... house|home|apartment|car|place|down
set ... on fire
set fire to
pour* gasoline|petrol|gas
gasoline|petrol ... house|me|around
douse* me
doused me
burn* me
cigarette on me
cigarette out on me
put out ... cigarette on
my hand on the stove
torch my|the
with me|us inside
with me|us in it
lock* me in|up|inside
keep*|kept me locked
i am locked in
so i can not get out|leave|escape
threat* the|my|our {child}
threat* ... hurt*|harm*|kill*|murder*|drown*|hit|beat ... {child}
{child} ... kill*|hurt*|drown* them
outside|here|door ... with a|his ... {weapon}
picture|photo of a|his ... {weapon}
abuse|violence|beatings ... getting worse
not let me leave|out|outside|escape|go
barricad*
tie*|tied me
trapped in the house|room|car|apartment|here|bathroom|bedroom
took my passport
beat me up
more violent
worse than ever
never been this bad|angry|violent
he is out of control
breaking|smashing everything
rape*|raped me
forced himself on me
forced me to have|sleep|do
he is here
she is here
they are here
he is back
he is outside
she is outside
at the door
at my door
outside my door|house|window|place
out front
waiting outside
waiting for me outside
coming up the stairs
in the house with me
in my house
banging|pounding|kicking on|in the door
kick* in|down the door
kick* the door in|down
break*|broke down the door
broke in
breaking in
trying to get in
trying to break in
he is coming
she is coming
on his|her way
coming for me
coming to get me
he found me
she found me
followed me
following me
looking for me
help now
help me now
need help now
need help right now
please hurry
hurry please
send help
send someone
send the police
please call the police|cops
call the police|cops for me|now|please
call 911|999|112
hiding in the
i am hiding
hiding from him|her
not safe right now
i am not safe
scared for my life
fear for my life
afraid for my life
i am bleeding
thought i was going to die
see what happens to you
or i swear
i know which|what gym|school|work|job|shelter|house|car
took his belt off
hand|hands|arm|forearm|knee|foot|elbow|belt|cord|rope ... across|around my neck|throat
till|until i see|saw black|stars
till|until everything went black
bring ... back alive
teach them|her|him a lesson
(mommy|mom|mama|mum|your mother) ... (going to|gonna|will|would) disappear|die
lighter ... my hair|face|clothes
lit|light my hair|clothes|bed
set my hair|clothes|bed on fire
not allowed (outside|out|to leave|to go out)
nailed|boarded|screwed ... windows|doors|door|window
has|had|kept|keeps me locked|tied|chained
locked me in|out
locked in the basement|room|closet|bathroom|garage|attic|car
blocks|blocked|blocking the door|doorway|exit|way
throwing|throw me down|into|against
completely lost it
never seen him|his|her ... like this
getting (scarier|more violent|more dangerous)
staring at my window|door
{partner} is outside|here
not let me past|by|through
nothing to lose
this (will|is going to) end badly
you will regret|pay
will see what happens
(you are|your) not going to (make it|survive|live)
he|she|{partner} ... in the (parking lot|driveway)
he|she|{partner} ... with the|a|his|her {weapon}
he|she|{partner} ... took|hid|smashed|broke ... my phone|cell|passport|keys
warned me (that|i|if|he|she)
you will die|pay|regret|disappear
you will be dead|sorry
you are|your going to die|pay|regret|disappear
you are|your going to be dead|sorry
said|says|told|tells|texted|wrote|warned ... i will|would die|pay|regret|disappear
said|says|told|tells|texted|wrote|warned ... i will|would be dead|next|sorry
said|says|told|tells|texted|wrote|warned ... going to die|pay|regret|disappear
i will|would be next
i am going to be next
(leave|walk out|get out|make it out|come out|see|bring|get) ... alive
not let me (leave|out|go|past|by|through|outside)
(will not|would not|does not|did not) let me (leave|out|go|past|outside)
can not (leave|get out|go out|escape) ... (house|room|apartment|home)
(locks|locked|lock) (the|all the|every) (door|doors|windows)
he|she|{partner} ... (has|keeps|kept|got|grabbed|picked up|holding|took|bought|loaded) ... {weapon}
(knows|found out) where i (live|am|work|stay|sleep)
i know (where|which|what) you
(or else|you have been warned|last warning)
(gas|gasoline|petrol|lighter|lighter fluid|matches) ... (house|apartment|car|me|my)
(never seen|never seen him|never been) ... (this|like this) (angry|bad|violent|crazy)
released (from|out of) (jail|prison)
(got|gets|getting) out of (jail|prison)
(not|never) bring ... back alive
(not|never) (walk|get|make it|come|leave) out ... alive
(if you) (leave|call|tell|ever)
you will see
you are mine
no one else will have you
open the door
(last chance|final warning)
(not|never) allowed to (leave|go out|go outside)
(windows|doors|door|window) ... (nailed|bolted|screwed|barred) shut
(worse|scarier) (every day|each time|than ever|every time)
(he|she|{partner}) ... (burn*|torch*|set fire)
(made|makes|forced|forces) me (have sex|sleep with|do things)
(hit|hits|kicked|kicks|punched|punches|beat|beats|pushed|pushes) ... pregnant
pregnant ... (hit|hits|kicked|kicks|punched|punches|beat|beats|pushed|pushes)
capable of (anything|killing|murder)
(tracker|airtag|gps) (on|in) my
"""

DANGER_FR = """
il|elle|y|ils|{partner} ... me|nous tue*|buter|bute|butera|buterait|crever|massacrer|égorg*|poignard*|brûl*|tirer|étrangl*|étouff*|défonc*|noy*
il|elle|y|ils|{partner} ... me|nous frap*|cogn*|bat|battue|battu|tap*|tabass*|gifl*|viol*|traîn*|bouscul*|pouss*|mord*
il|elle|y|ils|{partner} ... me|nous a|avait|ont ... tue*|buter|bute|butera|buterait|crever|massacrer|égorg*|poignard*|brûl*|tirer|étrangl*|étouff*|défonc*|noy*
il|elle|y|ils|{partner} ... me|nous a|avait|ont ... frap*|cogn*|bat|battue|battu|tap*|tabass*|gifl*|viol*|traîn*|bouscul*|pouss*|mord*
te|vous tuer|buter|crever
tuer les enfants|petits
menac* de mort
menace de mort
menaces de mort
me menacer de mort
me voir morte|mort
me veut morte|mort
personne me aura
personne ne me aura
pas mon anniversaire
me faire la peau
me enterrer
me égorg*
ma dernière nuit
finir* ce que il a commencé
finir* dans un sac
payer de ma vie
te es morte|mort
tu es morte|mort
quand il me trouve|trouvera
le coup venir
passer* pas la nuit
fais gaffe à toi
je sais où tu es|habites
me étrangl*
me a|avait étrangl*
à la gorge
par la gorge
par le cou
autour de mon cou
serré|serre|serrée le cou
serré|serre|serrée la gorge
sur ma gorge
sur mon cou
clé de étranglement
me étouff*
me a|avait étouff*
oreiller sur le|mon visage
sur ma bouche
empêch* de respirer
puisse plus respirer
peux plus respirer
peux pas respirer
bleus ... cou
marques ... cou
il|elle|y a un|une {weapon}
{partner} a un|une {weapon}
{weapon} sous la gorge
{weapon} sur la tempe
arme chargée
pointé ... sur moi
foncé dessus
sorti un|une|son ... {weapon}
agite son {weapon}
{weapon} sur la table
frappé|frappée avec
il|elle ... acheté un|une {weapon}
nettoie son {weapon}
{weapon} dans la maison
un gun
🔪
🔫
mal aux {child}
mal à mes|nos {child}
tue*|noy*|frapp*|secou*|jet*|étrangl*|bat|battre|tap* ... {child}
il a attrapé ... {child}
{child} vivante|vivant
prendre aux {child}
{child} ... payer
brûler la|ma maison|voiture|appart
brûl* ... maison|appart|voiture
le feu à
le feu à|au|aux
immol*
il|elle ... brûl* tout
eau bouillante
ébouillant*
tout cramer
alcool|essence ... briquet|allumette|allumettes
levé la main sur
mal au {child}
enferm*|pouss*|bouscul*|secou* ... {child}
prendre à ma|mon|mes|nos {child}
retrouver* jamais|plus ... {child}
il|elle frappe|tape|cogne à|sur la fenêtre|vitre
il|elle est dans le|les escalier|escaliers|couloir|hall|jardin
en train de ... défonc*|frap*|cass*
il|elle vient de arriver|rentrer ... énervé|bourré|furieux|saoul|ivre
réussi à entrer|rentrer
paierai*|paieras|payerai*|paierais
sortir*|sortirai* pas vivante|vivant
de le essence
essence autour
me a brûlée|brûlé
il|elle ... me a brûlée|brûlé
plaque de cuisson
aspergé* de
me a enferm*
me enferm*
suis enfermée|enfermé
garde|gardait enfermée|enfermé|séquestrée
que je puisse pas sortir|partir
menac* les|mes|nos|mon|ma {child}
menac* de ... tue*|frap*|noy*|mal ... {child}
{child} ... les tue*|noie*|frapp*
dehors|là|porte ... avec un|une|son ... {weapon}
photo de un|une|son {weapon}
violence|violences|coups ... empire|empirent|pire
attrap*|serr* la gorge
attrap*|serr* le cou
sur la|ma bouche
laisse* pas sortir
laisser sortir
pas me laisser sortir|partir
bloqué la porte
irai nulle part
me a attaché*
coincée chez
séquestr*
il|elle|{partner} ... mon passeport
confisqué mon passeport
me tirer dessus
par les cheveux
la tête contre
poussé*|jeté*|projeté* dans|contre|par|au
je suis morte|mort si|quand
cassé la fenêtre|vitre
pas que je parte|sorte
il|elle ... me balance
me a violée|violé
interdit de sortir
essai*|essay* de ouvrir|forcer|défoncer la porte
que je allais mourir|crever
sur la|ma gorge
serr*|pris|prise|attrap*|saisi*|tenu*|tient|tenait|empoign*|pogn*|agripp*|appuy*|écras* ... gorge|cou|nuque|trachée
suffoqu*
asphyxi*
sac ... sur la tête
pouvais|pouvait|peux|pouvoir plus|pas respirer
jusque à ce que je perde connaissance
jusque à ce que je me évanouisse
jusque à perdre connaissance
fil|corde|ceinture|écharpe|câble|foulard ... autour de mon cou
menac* avec|de son|sa|un|une ... {weapon}
sorti*|brandi*|pointé*|agit*|montré* ... {weapon}
{weapon} sous|sur|contre la|ma gorge|tempe|tête|ventre|poitrine
il ... me descendre|régler
tu vas mourir|crever
te retrouver
te défonc*|massacrer|égorg*
brûl* ... vive|vif
il|elle ... incendi*
cramer ... maison|appart|tout
contre mon gré
prisonnière|prisonnier
il ... ferm* à clé
violences ... empir*|aggrav*
il force la porte|serrure
il monte
forcé*|forcée à avoir|faire
agress* sexuellement
abusé* de moi
défigur*
vitriol
acide ... visage|figure|moi
me retrouver* où que|partout
où que je aille|sois
ce qui va te arriver
tu vas le payer|regretter
une femme morte
plaqué*|bloqué*|coincé* contre
empêch* de sortir|partir
tête sous le eau
il|elle ... me faire disparaître
prendre à moi
me faire|ferait|fera payer
tourne autour de chez moi
tourne autour de la maison
rôde
menac* de tuer
il|elle|{partner} ... me menac*
vivrai|verrai|verras|vivras pas|plus|jamais ... anniversaire|noël
capable de me tuer
verr*|reverr* jamais|plus|pas ... vivant|vivante|vivants
il|elle|{partner} ... caché|pris|confisqué mes papiers
confisqué mes papiers
coup|coups de poing|pied|pieds|couteau|ceinture|boule
donné|mis|mets|met|mettait une|des|un coups|coup|claque|claques|gifle|gifles|baffe|baffes|beigne|beignes
roué de coups
tient|tenait un|une|son {weapon}
tiré sur moi
tiré dessus
il|elle|y|{partner} ... me faire|fera|ferait du mal
autour de ma gorge
me a coupée|coupé avec
mal à ma|mon {child}
laisse* pas partir
pris mes clés ... sortir
me a cassé le|la|les|une|un nez|bras|poignet|doigt|dent|dents|mâchoire|côte|côtes|jambe
défonc* la tête|gueule
me a frappée|frappé|cognée|cogné|battue|giflée|giflé|tabassée|tabassé|étranglée|étranglé|étouffée|poignardée|poignardé|tapée|tapé
otage
kidnapp*
enlevée
de plus en plus violent
coups|violence|violences ... de pire en pire
jamais vu aussi ... colère|violent|énervé|furieux|enragé|fou
casse tout
de plus en plus fort*|violent*
frap* si|tellement fort
jamais été aussi violent|grave|dangereux|loin
cogn*|frap*|tabass* ... comme jamais
il est|devient ... incontrôlable
devenu bien pire|violent
il est là
elle est là
il est ici
elle est ici
ils sont là
il est revenu
il est dehors
il|elle est sur le parking
a trouvé où je
il|elle|y ... me jette|lance
elle est dehors
devant la porte
devant chez moi
devant ma porte
en bas de chez moi
en bas de le immeuble
il me attend
monte|remonte le escalier
monte|remonte les escaliers
il|elle|y est ... à la porte
est dans la maison
frappe|tape|cogne à|sur la porte
défonce|enfonce|casse la porte
essaie|essaye de entrer|rentrer
il arrive
elle arrive
il est en route
elle est en route
vient me chercher
me a retrouvée|retrouvé
me suit
me cherche
entré par
aidez moi vite|svp
aidez moi il|elle
aide moi vite
au secours
à le aide
venez vite
vite svp
appelez la police
appelez les flics
appelez le 17|112|911|15
envoyez la police
envoyez quelqu'un
je me cache
cachée|caché dans
pas en sécurité
en danger
peur pour ma vie
je saigne
finir*|finiras|finirai|finirait dans le|la|un|une fleuve|rivière|sac|coffre|trou|fossé|forêt|canal|lac|fleuve
partir|sortir|repartir ... vivante|vivant
me ferait|fera|faire|va faire disparaître
(maman|ta mère|votre mère) ... allait|va|vas|vais mourir|crever|disparaître
je sais que (tu es|te es) là|ici
rien à perdre
recharg*|charg* ... {weapon}
va mal finir|tourner
{weapon} sous son|mon|le oreiller|lit|matelas
tu vas payer
tu le paieras|payeras
va|vais|veut les tuer|noyer|buter|tuer
aspergé* ... essence
la prochaine à flamber|brûler|mourir
cramer ... foyer|hébergement|refuge|immeuble|voiture
ouvert le gaz
avec moi dedans
le droit de sortir
garde les clés
barré* ... porte|portes
coupé (internet|le wifi|la ligne)
libéré|sorti de prison (ce matin|hier|aujourd'hui)
libéré (ce matin|hier|aujourd'hui)
jamais vu ... comme ça
il|elle|y|{partner} ... pris|prend|pogné|attrapé|empoigné ... {weapon}
il|elle|y|{partner} ... garde|gardait|cache|cachait|planque ... {weapon}
peux plus sortir
il|elle|y|{partner} ... pris|caché|confisqué|cassé ... (téléphone|tel|cell|cellulaire|portable|carte sim)
il|elle|y|{partner} ... me attach*
me a|avait prévenue|prévenu|averti|avertie que|si
tu vas|allais mourir|crever|payer|regretter|disparaître
tu vas|allais le regretter|payer
tu vas voir ce qui
(dit|dis|écrit|répète|prévenu|prévenue|juré|jure) que je (vais|allais|finirai|finirais|serai|serais) ... (mourir|morte|mort|crever|payer|regretter|disparaître|prochaine|prochain)
je|tu serai|serais|seras|serait la|le prochaine|prochain
(partir|sortir|repartir|revoir|voir|ramener|revenir) ... (vivante|vivant|vivants|vivantes)
(laisse|laissera|laisserait|laissait) (pas|jamais|plus) (sortir|partir|passer)
me laisse (pas|jamais|plus) (sortir|partir|passer)
(peux|pouvais|peut) (pas|plus) (sortir|partir) de (la maison|la chambre|le appart|chez)
(ferme|fermé|barré|barre|verrouillé|verrouille) (les|toutes les|la) (portes|porte|fenêtres)
il|elle|y|{partner} ... (a|garde|cache|sorti|pris|pogné|acheté|chargé|nettoie|tient) ... {weapon}
(sait|a trouvé|connaît) où je (suis|habite|travaille|dors|reste)
je sais où (tu|te)
(dernier avertissement|tu es prévenue|te es prévenue)
(essence|gaz|briquet|allumettes|allumette) ... (maison|appart|voiture|moi|mes)
(jamais vu|jamais été) ... (aussi|comme ça|dans cet état)
(libéré|libérée|sorti|sortie) de (prison|taule|la prison)
(pas|jamais|plus) (partir|sortir|repartir|revenir) ... (vivante|vivant)
si tu (pars|appelles|portes plainte|me quittes|le dis|racontes)
tu vas voir
(tu es|te es|tu seras) à moi
ouvre la porte
(dernière chance|ta dernière)
(pas|jamais|plus) le droit de (sortir|partir)
(fenêtres|portes|porte|fenêtre) ... (clouées|clouée|barrées|barrée|bloquées|bloquée)
(pire|plus violent) (chaque jour|chaque fois|de jour en jour|que jamais)
il|elle|y|{partner} ... brûl*|cram*|flamb*|incendi*
il|elle|y|{partner} ... mis|mettre le feu
me force|forçait|oblige|obligeait à (coucher|avoir des rapports|faire des choses)
me a forcée|obligée à (coucher|avoir des rapports|faire des choses)
(frappé|frappée|coups|coup de pied|tapé|tapée|poussée|bousculée|cogné|cognée) ... enceinte
enceinte ... (frapp*|coups|ventre|tapé|tapée|poussée|bousculée|cogn*)
capable de (tout|me tuer|tuer)
(traceur|airtag|gps|mouchard) (sur|dans) (mon|ma)
il|elle|y|{partner} ... me|nous a|avait ... varg*|fess*|câliss*|criss*|pogn*
sacré une volée
il|elle|y|{partner} ... va|vas|allait|vais|veut|voulait ... me|nous (tuer|buter|crever|égorger|étrangler|frapper|défoncer|massacrer|brûler|noyer)
me|nous tuera|tuerait|butera|buterait|crèvera|égorgera|étranglera|frappera|défoncera|massacrera|brûlera|noiera
"""


# Readings of a whole sentence: who does what to whom, with "~" (up to
# twelve words of the same sentence) between the parts, so that a family of
# words matches in any phrasing rather than one fixed phrase. Each line is an
# ordinary term; docs/triage.md ("Readings of a whole sentence") lists them.
SENTENCE_SUICIDE_EN = """
(more|less|better|happier|easier|lighter|simpler|richer|calmer|fine|manage) ~ without me
nothing ~ (ever will|will ever help|will ever change|ever helps)
i ~ (found|kept|hid|hidden|hiding|keeping) ~ (gun|guns|revolver|pistol|rifle|handgun|shotgun|firearm)
(took|swallowed|taken) ~ (the rest of|what was left of|the last of) ~ {medicine}
(everything is ready|everything ready|all ready|got it all ready) ~ (note|letter|letters|pills|rope|place|time|bag|car)
hide|hiding|cover|covering ~ (the marks|my arms|my wrists|the cuts|the scars|my cuts|my scars|my thighs)
i ~ (want|wish|need) ~ (everything|it all|it) ~ (to go black|to stay black|to be over|to stop for good)
(hoping|hope|hopes|pray|praying|wish) ~ (car|truck|bus|train) ~ (hits me|hit me|runs me over|run me over|kills me)
(never going to end|will never end|never ends) ~ (exhausted|tired|done|worn out|cannot do this|cant do this)
(a drain|a burden|a weight) on ~ (everyone|everybody|my family|the people|those)
(letter|letters|note|notes) ~ (explaining why|to explain why|saying why)
practic*|learned|learning|learnt ~ (tie|tying|to tie|make|making) ~ (the knot|a knot|a noose|the noose)
(mixed|took|swallowed|downed) ~ (all|every|everything) ~ ({medicine}|i could find) ~ (wine|alcohol|vodka|beer|whisky|whiskey|booze)
asleep|sleep|sleeping ~ (forever|for good|for ever|and never)
(dying|death|being dead) ~ (relief|peaceful|release|a rest|freedom)
(no|out of|run out of|ran out of|any) ~ reason|reasons ~ (to keep going|to live|to stay|to go on|to continue|to be here)
i ~ (until|till|til) ~ (bleed|bleeds|bled|bleeding|blood)
(can not|cant|do not|dont) see ~ (way|how) ~ (better|gets better|improve|change|out of this)
(do not|can not|dont|cant) see myself ~ (alive|living|being alive|here|around|making it|surviving)
think|thinking|thought|dream|dreaming|imagine|imagining ~ (not waking up|never waking up|not existing|not being here|not being alive|being dead)
(note|letter|letters) ~ (picked|chose|chosen|know how|know when|know where|the place|the date|the day)
(worse|harder|miserable) ~ (by being here|by existing|because of me|when i am around|just by being)
i ~ wish|hope|want|wanted|pray ~ (not|never|stop|to stop|could stop) ~ (wake|waking|exist|existing|be here|being here|be alive|being alive)
i ~ think|thinking|thought|going|gonna|want|could|might ~ drive|driving|crash|crashing|swerve|swerving ~ off|into|under ~ road|bridge|tree|wall|lake|river|train|truck|cliff|traffic
i ~ collect*|stockpil*|hoard*|saving|saved|stash*|hiding|hid ~ {medicine}
if i ~ (was|were|am) ~ (gone|dead|not here|not around|not alive|out of the picture)
i ~ carved|carve|carving|cut|cutting|sliced|slicing|scratched|scratching|burned|burnt|burning ~ my|into|myself ~ arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin|stomach|hip|hips
i ~ took|swallowed|downed|emptied|finished|popped|ate ~ all|whole|entire|every|bunch|handful|bottle|bottles|box|boxes|pack|packs|strip|strips ~ prescription|prescriptions|cabinet|{medicine}
i ~ took|swallowed|downed|popped|ate ~ (at once|all together|all at once|on purpose)
my own funeral
my funeral
i|me ~ (not|never) ~ (be|being) ~ around|here ~ (much longer|long|tomorrow|next week|next month)
sleep ~ (not|never) ~ wake
googl*|search*|researched|researching|looked|looking ~ ways|way|methods|how ~ (painless|die|dying|kill|lethal|overdose|hang|suicide|end it)
(what is|whats) the point ~ (anymore|anything|living|life|trying|any of this)
i am|im ~ so|just|completely|totally ~ done ~ (trying|fighting|living|existing|with life|with everything)
nothing ~ (ever|going) ~ (change|get better|gets better|improve)
my passwords|pin|accounts ~ (letter|note|for|to)
(left|leaving|leave|wrote|written) ~ letter|letters|note|notes ~ for|to ~ everyone|everybody|family|kids|children|{partner}|sister|brother|mom|mum|dad|parents
take care of ~ (when i am gone|after i am gone|when i am not here|once i am gone|after i die)
{medicine} ~ (lined up|counted|ready|laid out|in front of me)
car ~ garage ~ (engine|motor) ~ (running|on)
(which|what) (bridge|overpass|building|cliff|train|roof) ~ (use|jump|going to)
razor|blade|blades ~ out ~ again
myself ~ (until|till|til) ~ (bleed|bleeds|bled|blood|bleeding)
(better off|happier|easier|lighter|freer) ~ if i ~ (did not exist|didnt exist|never existed|was not here|was not around|was gone|were gone|disappeared)
(family|kids|children|everyone|everybody|they) ~ better off ~ (with someone else|with somebody else|without me)
already (took|taken|swallowed|downed) (the|all the|all my|all of the|the whole) {medicine}
(bathroom|my room|the shower) and (cut|cutting|carve|carving)
(walking|walk|wading|stepping|going) into ~ (the river|the lake|the sea|the ocean|the water|the waves)
(top of|edge of|ledge of|railing of|roof of) ~ (parking garage|car park|bridge|building|cliff|overpass|tower|parking) ~ (looking down|staring down|to jump|jump)
(drank|drunk|drink|drinking|swallowed) ~ (bleach|antifreeze|drain cleaner|toilet cleaner|rat poison|weed killer|pesticide)
(hell|nightmare|pain|suffering) ~ (never going to end|will never end|never ends|is never going to stop)
(papers|affairs|bills|accounts) ~ (in order|sorted|paid|settled) ~ (for after|after i am gone|when i am gone|for when i am gone)
(never|not) ~ (hear from me again|hear from me ever again|hear of me again|see me again)
rope ~ (i know what for|i know what it is for|know what it is for)
(did|done) something stupid ~ (with|w) ~ (the pills|pills|my pills|{medicine}|the knife|a knife|the blade|a belt|the rope)
i ~ took|swallowed|taken|popped|downed ~ ## ~ pills|{medicine}
(tried|attempted) ~ (last night|yesterday|this morning|again) ~ (with|w) ~ (a belt|the belt|a scarf|a rope|the rope|pills|the pills|a cord)
(next time|tonight|this time) ~ (i will not mess it up|i will not fail|i will get it right|i will do it right|i will not screw it up)
(er|hospital|stomach pumped|psych ward) ~ (i just want to finish it|finish what i started|try again|do it properly)
(sh|self harm|self harmed|selfharm|self harming) again
(fresh|new) ~ (cuts|ones|wounds|marks) ~ (on my|wrist|wrists|arm|arms|thigh|thighs)
i ~ (scratch|scratched|scratching|pick|picked) ~ (till|until|til) ~ (my skin|skin|it bleeds|i bleed)
(blades|razor|razors) ~~ (used them|used it|using them) ~ (twice|again|every|this week|last night)
{medicine} ~ (hurt|painful) ~ (fall asleep|die|just sleep|just go to sleep)
(is|are|would|will) ~ # ~ {medicine} ~ (be enough|enough|do it|kill me)
i am ~ (on the overpass|on the bridge|on the tracks|at the edge|on the ledge|on the top floor|on the railway|on the roof)
(on the roof|top of the building|top floor) ~ (of my building|of the building|windy up here|so high up)
(train|trains) ~~ (where to stand|where to lie|where to go|exactly where)
(this is my last message|my last message|my last text|last time you will hear)
(who gets what|who gets my|who will get my)
(everything is sorted now|everything is sorted|all sorted now|everything is in order now)
(letter|note) ~ (explaining everything|that explains everything|explaining it all)
(goodbye before|say goodbye before|tell someone goodbye)
(done trying|done hoping|done with all of it|done with everything|done fighting)
(want it to stop|want it all to stop|want it to end) ~~ (permanently|forever|for good|for ever)
(taking up space|waste of space|waste of air|taking up air)
(would move on fast|would move on quickly|would get over it fast|would forget me fast)
(was not|were not|was no longer) in the picture
(pray|praying|ask|asking|beg|begging) ~ (god|jesus|allah|the universe) ~ (to take me|take me|takes me)
(sewerslide|sewer slide|unaliving|unalived)
(cashed out|emptied|gave away|sent) ~ (my savings|savings|all my money|my money) ~~ (prescription|pills|bottles|{medicine}|rope|gun)
(counting|counted|count) ~ (what is left|what is in|the pills|them) ~ (cabinet|drawer|bottle|box) ~~ (enough|would be enough|would do it)
(do not have anything left to give|have nothing left to give|nothing left to give)
(costing|cost|costs) ~ (everyone|everybody|my family) ~ (everything|so much|too much)
(let go of the wheel|letting go of the wheel|into oncoming traffic|swerve into a truck)
"""

SENTENCE_SUICIDE_FR = """
(plus|moins|mieux|meilleure|meilleur|heureux|heureuse|heureuses|tranquilles|libres|soulagés|bien|sortiraient|débrouilleraient) ~ sans moi
rien ~ (aidera jamais|changera jamais|va jamais aider)
je ~ (trouvé|gardé|caché|récupéré|garde|cache) ~ (fusil|revolver|pistolet|carabine|flingue|gun)
(pris|avalé) ~ (le reste de|ce qui restait de|les derniers) ~ {medicine}
(tout est prêt|tout prêt|tout est prête) ~ (lettre|lettres|endroit|heure|cachets|corde|sac|voiture|date)
cacher|cache|caché|couvrir|couvre ~ (les marques|mes bras|mes poignets|les coupures|les cicatrices|mes coupures|mes cicatrices|mes cuisses)
je ~ (veux|voudrais|aimerais) ~ tout ~ (devienne noir|reste noir|soit fini|se arrête pour de bon)
(espère|souhaite|prie) ~ (voiture|camion|bus|train) ~ (me renverse|me percute|me écrase|me tue)
(finira jamais|va jamais finir|aura jamais de fin|finit jamais) ~ (épuisée|épuisé|fatiguée|fatigué|à bout|plus la force|en peux plus)
(un poids|un fardeau|une charge) ~ (pour tous|pour tout le monde|pour ma famille|pour ceux)
(lettre|lettres|mot|mots) ~ (pour expliquer pourquoi|qui explique pourquoi|pour dire pourquoi)
entraîne|entraîner|entraînée|appris|apprends ~ (faire|nouer) ~ (le noeud|un noeud|noeud coulant|la corde)
(mélangé|pris|avalé) ~ (tous|toutes|tout) ~ ({medicine}|que je ai trouvés|que je ai trouvées) ~ (vin|alcool|vodka|bière|whisky|rhum)
endormir|endormie|endormi|dormir ~ (pour toujours|pour de bon|à jamais|et ne plus)
(mourir|la mort|être morte|être mort) ~ (soulagement|délivrance|libération|repos)
(plus de|plus aucune|aucune|pas de) ~ raison|raisons ~ (de continuer|de vivre|de rester|de tenir)
je ~ (jusque|jusqu) ~ (saigne|saignent|saigner|sang)
regarde|fixe|fixer|regarder ~ {medicine}
vois pas|plus ~ comment ~ (arranger|aller mieux|changer|sortir|en sortir|améliorer)
je me vois pas|plus ~ (vivre|vivante|vivant|en vie|là|survivre)
pense|pensé|rêve|rêvé|imagine|imaginé ~ (ne plus me réveiller|plus me réveiller|pas me réveiller|ne pas me réveiller|ne plus exister|plus exister|être morte|être mort)
(lettre|lettres|mot) ~ (choisi|sais comment|sais quand|sais où|le endroit|la date|le jour)
(pire|plus dure|plus difficile|misérable) ~ (à cause de moi|parce que je existe|quand je suis là|juste en étant là)
plus de avenir
je ~ voudrais|veux|aimerais|espère|souhaite|prie ~ (arrêter de|plus|ne plus|pas|ne pas|jamais) ~ (réveiller|exister|être là|vivre|être en vie)
je ~ (pense|pensé|vais|veux|voudrais|pourrais) ~ (foncer|me jeter|me crasher|me écraser|rouler) ~ (dans|contre|sous|du haut) ~ (arbre|mur|pont|lac|rivière|train|camion|falaise|ravin|fleuve)
je ~ (mets de côté|mis de côté|garde de côté|gardé de côté|accumule|accumulé|stocke|stocké|cache|caché|planque|planqué) ~ {medicine}
si je ~ (étais plus là|étais pas là|étais morte|étais mort|étais partie pour de bon|existais plus|existais pas)
je ~ me ~ entaill*|taillad*|coupé|coupée|gratté|grattée|brûlé|brûlée|scarifi*|lacér* ~ bras|poignet|poignets|cuisse|cuisses|jambe|jambes|peau|ventre|hanche|hanches
je ~ pris|avalé|vidé|fini|bouffé ~ tout|toute|tous|toutes|plein|boîte|boîtes|plaquette|plaquettes|flacon|flacons|tube|tubes ~ ordonnance|{medicine}
je ~ pris|avalé ~ (en une fois|d un coup|dun coup|tout d un coup|exprès)
mon (enterrement|propre enterrement)
mes (funérailles|obsèques)
je ~ serai|serais|vais ~ (plus|pas) ~ là ~ (longtemps|demain|la semaine prochaine)
dormir|endormir ~ (plus jamais|jamais|plus|pas) ~ réveiller|réveille|reveiller
cherché|cherche|regardé|googlé ~ façons|façon|moyens|moyen|méthodes|comment ~ (sans souffrir|mourir|me tuer|en finir|partir sans|suicid*|surdose|mortelle|mortel|létale)
(à quoi ça sert|à quoi bon) ~ (tout ça|vivre|de vivre|continuer|plus rien|rien)
(j en peux plus|je en peux plus|plus la force|marre) ~ (essayer|lutter|me battre|vivre|de tout)
rien ~ (changera|ira mieux|va changer|va s arranger|va s améliorer)
mes (codes|mots de passe) ~ (lettre|mot|pour)
laissé|laisse|écrit|écrite|écrites ~ lettre|lettres|mot|mots ~ pour ~ (tout le monde|famille|enfants|{partner}|soeur|frère|mère|parents|maman|papa)
occupez|occupe|occuper ~ (quand je serai partie|quand je serai parti|quand je serai plus là|après ma mort|quand je serai morte|quand je serai mort)
aligné|alignés|compté|comptés|préparé|préparés ~ cachets|comprimés|médicaments|pilules|{medicine}
voiture ~ garage ~ moteur ~ (tourne|allumé|en marche)
(quel|quelle) (pont|immeuble|falaise|train|toit|viaduc) ~ (sauter|vais|utiliser)
ressorti|ressortir|ressors ~ (la lame|le rasoir|les lames|le cutter)
me ~ (jusqu au sang|jusque à le sang|jusque au sang|jusqu à saigner|jusque à saigner)
(lame|corde|cachets|pilules|rasoir|comprimés) ~ (ce soir|cette nuit) ~ (la fin|fini|en finir|en finis)
(ce soir|cette nuit|maintenant) ~ je ~ (prends|avale|bois|vais prendre|vais avaler|vais tout prendre|vais tout avaler) tout
corde ~ (je sais à quoi|sais à quoi|pour me pendre|pour moi)
(bu|avalé|bois|avale|bu du|bu de la) ~ (javel|déboucheur|détergent|produit ménager|produit pour les toilettes|produit toilettes|antigel|désherbant|mort aux rats|raticide|insecticide|soude)
(enfer|cauchemar|souffrance|calvaire) ~ (finira jamais|finit jamais|va jamais finir|aura jamais de fin|finira pas|arrêtera jamais)
(pour après moi|pour quand je serai plus là|pour après mon départ)
(entendrez|entendront|entendras|entendra|entendrai) ~ (plus jamais|plus) ~ parler de moi
(me reverrez|me reverront|me reverras|me verrez) ~ (plus jamais|plus)
je ~ (marche|avance|rentre|entre|descends) dans ~ (la rivière|le fleuve|le lac|la mer|la meuse|la seine|la loire|le rhône|le saint laurent|l eau glacée)
(plus ou mieux sans moi|mieux sans moi)
(seraient|serait|serais|seront) mieux ~ (si je existais pas|si je existais plus|si je étais plus là|si je étais pas là|sans moi|avec quelqu un d autre)
(ma claque|ras le bol|plein le dos|plein le cul|soûlé|soûlée) ~ (de vivre|de la vie|de cette vie|de exister)
(pu capable|plus capable) ~ (de vivre|de continuer|de toffer|de endurer|de tenir)
je ~ (vais|veux|voudrais|pense) ~ (me jeter|sauter|me noyer) ~ (lagune|fleuve|puits|rivière|canal|lac|mer)
je ~ (veux|voudrais|vais|aimerais) ~ (quitter ce monde|partir de ce monde|laisser ce monde|rejoindre mes ancêtres|rejoindre ma mère|rejoindre mon père)
(fait|fais) une (bêtise|connerie|grosse bêtise) ~ (avec|aux) ~ (les cachets|cachets|mes cachets|{medicine}|le couteau|la lame|la ceinture|la corde)
je ~ pris|avalé|bouffé|gobé ~ ## ~ {medicine}
(essayé|tenté) ~ (hier soir|hier|ce matin|encore) ~ avec ~ (le foulard|un foulard|une ceinture|la ceinture|une corde|la corde|des cachets|les cachets|un câble)
(essayé|tenté) ~~ (je ferai mieux|je raterai pas|je vais pas rater|je vais réussir|je me louperai pas|je me raterai pas)
(urgences|hôpital|lavage de estomac|lavage d'estomac) ~~ (finir ce que je ai commencé|terminer ce que je ai commencé|recommencer|finir le travail)
(avalé|pris) ~ {medicine} ~~ (coeur bat bizarre|coeur bat trop vite|coeur bat fort|je me sens bizarre|tout tourne|engourdie|engourdi)
(ouvert|entaillé|coupé|tailladé) ~ (le bras|les bras|le poignet|les poignets|la cuisse|trop profond) ~~ (saigner|saigne|saignent|pansement)
je me suis (recoupée|recoupé|re coupée|re coupé|rescarifiée)
(rechute|rechuté|recommencé) ~~ (compas|lame|lames|cutter|rasoir|me couper|me scarifier|coupée|coupé)
(la dose|dose|quantité) (qui tue|mortelle|létale|pour mourir)
je suis ~ (sur le viaduc|sur le pont|au dernier étage|au bord|sur les rails|sur la voie ferrée|sur le toit|sur le parapet)
(assise|assis|debout|couchée|couché|allongée|allongé) ~ (sur|au bord de) ~ (la voie ferrée|les rails|le pont|le viaduc|le toit|le parapet|la rambarde)
(monté|montée) ~ (au|en haut|sur le toit|dernier) ~~ (fenêtre|vide|sauter|bord|ouvre en grand)
(train|trains|rer|métro) ~~ (où me mettre|où me coucher|où me placer|exactement où)
(mon dernier message|ce est mon dernier message|dernière fois que je vous écris|dernière fois que je écris)
(qui reçoit quoi|qui aura quoi|qui récupère quoi|liste de qui)
(tout est réglé|tout est en ordre|tout est rangé|tout est arrangé) maintenant
(lettre|mot) ~ (qui explique tout|pour tout expliquer|expliquant tout)
(arrête|arrêter|arrêté) de me battre ~ (pour de bon|pour toujours|définitivement)
rien va jamais ~ (se arranger|changer|aller mieux|se améliorer)
(si je me réveille pas|si je me réveille plus|si je me réveillais pas) ~ (pas grave|égal|tant mieux|tant pis)
(que ça se arrête|que tout se arrête|que ça finisse) ~~ (pour toujours|pour de bon|définitivement)
(prends de la place|prendre de la place|prends la place|gaspille de le air|gaspiller de le air)
(si je étais pus|si je étais plus|si je étais pas) (dans le portrait|dans le décor|dans le paysage|dans le tableau)
(coûte trop|coûte cher) ~ (à tout le monde|à ma famille|à mes parents)
(le jour où je serai plus là|quand je serai plus là|une fois que je serai partie) ~ (respirer|soulagés|soulagées|tranquilles|libres)
(méritent|mérite) ~ (une maman|une mère|un papa|un père) ~ (pas cassée|pas cassé|pas brisée|qui est pas cassée|en meilleur état)
(à cause de moi) ~~ (sans moi|si je étais pas là|si je existais pas)
(demande|prie|supplie) ~ (dieu|bon dieu|jésus|allah|le seigneur) ~ (me reprendre|de me reprendre|me prendre|me rappeler|de me rappeler)
(vidé|donné|envoyé) ~ (mon compte épargne|mes économies|tout mon argent|mon argent) ~~ (ordonnance|cachets|boîtes|{medicine}|corde|fusil)
(compte|compté|comptais) ~ (ce qui reste|ce qu'il y a|les cachets) ~ (armoire|tiroir|boîte|pharmacie) ~~ (suffirait|suffira|assez)
(plus rien à donner|rien à donner à personne)
(coûte|coûté) ~ (tout le monde|ma famille) ~ (tout|trop|si cher)
(noté|écrit|laissé) ~ (les mots de passe|mes mots de passe|les codes|mes codes)
(assise|assis|debout) ~ au bord ~ (pendant une heure|pendant des heures|encore|longtemps)
(lâcher le volant|lâche le volant|en face dans un camion|contre un camion)
"""

SENTENCE_DANGER_EN = """
he|she|they|{partner} ~ (i|me) ~ (could not|can not|couldnt|cant|unable to) ~ (talk|speak|scream|swallow)
he|she|they|{partner} ~ collar ~ (twist*|pull*|tight*|squeez*)
he|she|they|{partner} ~ {child}|kids|children ~ (never find|never see|not find)
he|she|they|{partner} ~ (locked|locks|has me locked|got me locked) ~ (in|inside) ~ (room|spare room|basement|closet|garage|bathroom|attic|shed)
he|she|they|{partner} ~ broke|broken|cracked|fractured|dislocated ~ (rib|ribs|nose|jaw|arm|wrist|cheekbone|tooth|teeth|finger|fingers|collarbone|eye socket)
(red dots|red spots|tiny red dots|petechiae|burst blood vessels) ~ (face|eyes|neck)
he|she|they|{partner} ~ (find me in pieces|in pieces|in a ditch|in the river|in a bag)
he|she|they|{partner} ~ padlock*|chained|chain|chains ~ (gate|door|doors|me|room|bedroom)
(took|removed|disconnected|pulled) ~ (the car battery|the spark plugs|the battery out|my tires|the tires)
he|she|they|{partner} ~ (i am next|i will be next|you are next|you will be next|i would be next|you would be next)
he|she|they|{partner} ~ last time ~ (sees me|see me|saw me|hears from me|anyone sees me)
he|she|they|{partner} ~ (nobody|no one) ~ (hear|hears|heard) ~ (scream|screams|screaming|me)
he|she|they|{partner} ~ (accidents happen|accident happens|have an accident|had an accident)
he|she|they|{partner} ~ (my own funeral|my own grave)
he|she|they|{partner} ~ drive|drives|crash|crashing|drown|drowning ~ lake|river|wall|tree|bridge|cliff ~ kids|children|{child}
he|she|they|{partner} ~ take|takes|took|hides|hid|confiscate*|keeps ~ keys|phone|passport ~ (can not|cannot|cant) ~ (go|leave|get out|call|escape)
he|she|they|{partner} ~ destroy|ruin|wreck|smash ~ (me|my life|my face|everything i have|us)
he|she|they|{partner} ~ getting|gets|got|gotten ~ (worse|more violent|scarier|rougher|more aggressive|more dangerous)
(violence|beatings|hitting|fights|attacks) ~ (getting worse|worse every|more often|more violent|every week|every day)
he|she|they|{partner} ~ said|told|says|tells|texted|swore|warned|threatened|promised ~ (kids|children|{child}|you|i) ~ (not make it|not survive|not live|not be alive|not see)
he|she|they|{partner} ~ (my neck|my throat)
he|she|they|{partner} ~ fire|lit|light|burn|burned ~ (while i|when i|with me|on me|with us)
he|she|they|{partner} ~ {weapon}|barrel|muzzle ~ (at me|staring at me|looking at me|for me|next to me|my head|my face|against me|me)
he|she|they|{partner} ~ sharpen*|loaded|loading|cleaning|polishing|pointed|pointing|waving ~ {weapon}
barrel|muzzle ~ (against|on|to) ~ (my|me) ~ (head|temple|face|chest|mouth)
he|she|they|{partner} ~ (in the|on the|outside|at the) ~ with ~ (a|his|her) ~ {weapon}
he|she|they|{partner} ~ (bury me|burying me|buried me|my funeral|my grave|my coffin|find my body|hide my body|dump my body|make me disappear|make me pay|end me)
he|she|they|{partner} ~ said|told|says|tells|texted|texting|swore|warned|threatened|screamed|yelled ~ (i|you) ~ (be sorry|regret it)
he|she|they|{partner} ~ (said|told|says|tells|texted|swore|warned|threatened|promised) ~ kids|children|{child} ~ (gone|never see|will not see|be around|for good|disappear|hurt|pay)
he|she|they|{partner} ~ (i|me) ~ (could not|can not|couldnt|unable to) ~ (breathe|breath|get any air|get air)
he|she|they|{partner} ~ (sat|sitting|sits|knelt|kneeling|kneels|lay|lying|leaned|leaning) ~ on ~ (my chest|my neck|my throat|my face)
he|she|they|{partner} ~ pound*|bang*|kick*|bash*|break*|broke|smash* ~ door|doors|window|windows
(hiding|hid|locked myself|barricaded) ~ (bathroom|closet|bedroom|basement) ~ (he|she|{partner})
(hiding|hid) ~ with ~ (the baby|my baby|the kids|my kids|my children|my son|my daughter)
(not|never) ~ allowed ~ (out|outside|leave|to leave|to go out|to go anywhere)
nailed|boarded|screwed|bolted ~ (windows|window|doors|door) ~ (shut|closed)
(gas can|gasoline|petrol|lighter fluid) ~ (for|on|around|all over) ~ (my house|the house|me|us|our house|my car|my place)
he|she|they|{partner} ~ (finish me off|finish me|finishing me off|end me|end my life)
he|she|they|{partner} ~ held|hold|holds|holding|dangled|dangling|hung ~ {child} ~ (over|out of|off) ~ (balcony|railing|window|edge|bridge|stairs)
he|she|they|{partner} ~ smash*|broke|break*|ripped|destroyed|took|hid ~ phone|phones|landline ~ (cant call|can not call|cannot call|no way to call|call anyone|call for help)
next time ~ he|she|{partner} ~ (kill|kills|will kill|gonna kill|going to kill) ~ (her|him|them|me|us)
(door|doors) ~ (locked|bolted) ~ (he has the|he has the keys|he keeps the|he took the) ~ key|keys
(i will|i am going to|gonna|i would|i will be) ~ (slit|cut|snap|crush|bury|burn) ~ (your throat|your neck|your face|you)
(never find|no one will find|nobody will find|no one will ever find) ~ (your body|you|what is left of you)
(enjoy your last days|your last days|your last day|last days of your life)
(i will|i would|i am going to) ~ (be dead|end up dead) ~ (before|by|after)
(none of us|nobody|no one|you|we) ~ (will make it|going to make it|will live) ~ (to summer|to christmas|to the hearing|to the end of|to next)
(worse and worse|more and more violent|more and more often|angrier and angrier)
(went|gone|going) from ~ (yelling|shouting|pushing|throwing|grabbing) ~ to ~ (hitting|punching|choking|beating|throwing|slapping)
(used to be|was|it was) ~ (once a month|once a week|rare|every few months|sometimes) ~ (now|now it is) ~ (every day|every night|daily|every week|all the time)
(never hit me|never touched me|never laid a hand on me) ~ (before|until) ~ (pregnan*|the baby|now)
(goes for|punches|punched|kicks|kicked|hits|aims for) ~ (my belly|my bump|my pregnant belly)
(i will|i am going to|gonna|i would|i think i will) ~ (end up dead|end up in a body bag|end up killed|not get out of this alive|not make it out alive)
(not getting out of this alive|not going to get out of this alive|not make it out of here alive|not leave here alive)
(almost killed|nearly killed|almost killing|nearly killing) ~ (his ex|his wife|a man|someone|his girlfriend|a guy|his last)
(his truck|his car|his van|he is) ~ (in the lot|in the parking lot|outside my work|outside the building|parked outside|outside my house|downstairs)
he|she|they|{partner} ~ (texting|texted|wrote|sent|messaged) ~ (see you soon|i am coming|coming for you|i am outside|i know where you are)
he|she|they|{partner} ~ (pillow|cushion) ~ (over my face|on my face|over my mouth)
(bruises|marks|fingerprints|finger marks) ~ (on my neck|on my throat|around my neck)
(it is me next|me next|i am next)
he|she|they|{partner} ~ (stabbed|stuck|drove|plunged) ~ (the couch|the wall|the table|the door|the mattress|the pillow) ~ (next to me|near my head|beside me|next to my head)
(i|you) will not ~ (see|make it to|live to see|be around for) ~ (christmas|summer|my birthday|your birthday|the new year|next year|spring|the hearing)
he|she|they|{partner} ~ kids|children|{child} ~ (mommy|mummy|mom|mum|mama) ~ (going away|gone|disappear|not be around|dead|in heaven)
he|she|they|{partner} ~ (changed the locks|kept the only key|took the only key)
(my head|me) ~ (against|into) ~ (the fridge|the wall|the door|the floor|the counter|the table|the sink)
(he has nothing to lose|he has got nothing to lose|he is got nothing to lose|nothing left to lose)
(his car|his truck|his van) ~ (pulled into|just pulled|just arrived|pulling into|outside) ~ (driveway|the house|the lot|the street)
(he is not supposed to be here|not allowed to be here|not supposed to know where i)
he|she|they|{partner} ~ (sleeps with|keeps|keeping|hides|put) ~ {weapon} ~ (under his pillow|under the pillow|by the bed|under the mattress)
(sleep with one eye open|watch your back|your time is up|your days are numbered|tick tock|last thing you will ever do|last thing you ever do)
(make you disappear|make you vanish|get rid of you|put you in the ground|put you in a hole|wipe you off the map)
you will not ~ (live to|live long enough|make it to|survive)
(enjoy|hug|kiss) ~ (the kids|your kids|the children|your children|your son|your daughter) ~ (while you can|while you still can)
"""

SENTENCE_DANGER_FR = """
il|elle|y|ils|{partner} ~ (je|me) ~ (pouvais plus|pouvais pas|puisse plus|puisse pas|arrivais plus) ~ (parler|crier|avaler)
il|elle|y|ils|{partner} ~ col ~ (serré|serrait|tordu|tordait|tiré|tirait)
il|elle|y|ils|{partner} ~ enfants|petits|{child} ~ retrouverai|retrouverais|reverrai|reverrais|revoir|retrouver ~ (jamais|plus)
il|elle|y|ils|{partner} ~ me ~ barrée|barré|enfermée|enfermé|verrouillée ~ (dans|chambre|sous sol|garage|placard|salle de bain|grenier|cabanon)
il|elle|y|ils|{partner} ~ cassé|fracturé|fêlé|déboîté|pété ~ côte|côtes|nez|mâchoire|bras|poignet|doigt|doigts|dent|dents|pommette|clavicule
(points rouges|petits points rouges|taches rouges|pétéchies|vaisseaux éclatés) ~ (visage|yeux|cou)
il|elle|y|ils|{partner} ~ (en morceaux|dans un fossé|dans la rivière|dans un sac)
il|elle|y|ils|{partner} ~ cadenas|cadenassé|enchaîné|enchaînée|chaîne|chaînes ~ (portail|porte|portes|moi|chambre|me)
(enlevé|débranché|retiré|pris) ~ (la batterie|les bougies|mes pneus|les pneus)
il|elle|y|ils|{partner} ~ (du cou|au cou|à la gorge)
il|elle|y|ils|{partner} ~ (brise|briser|briserait|brisera|casser|casserait|cassera|tordre|tordrait|tordra) ~ (la nuque|le cou|mon cou)
il|elle|y|ils|{partner} ~ (je suis la prochaine|je serai la prochaine|tu es la prochaine|tu seras la prochaine|je suis le prochain|tu es le prochain)
il|elle|y|ils|{partner} ~ dernière fois ~ (me voit|me verra|me verrait|on me voit|me entend)
il|elle|y|ils|{partner} ~ personne ~ (entendrait|entendra|entend|entendre) ~ (crier|hurler|me)
il|elle|y|ils|{partner} ~ (accidents|accident) ~ (arrive|arrivent|arriver|vite arrivé)
il|elle|y|ils|{partner} ~ foncer|foncerait|foncera|jeter|jetterait|noyer|noierait ~ lac|rivière|mur|arbre|pont|ravin|falaise ~ enfants|petits|{child}
il|elle|y|ils|{partner} ~ prend|pris|cache|caché|confisque|confisqué|garde ~ clés|téléphone|passeport ~ (peux pas|peux plus|nulle part)
il|elle|y|ils|{partner} ~ détruire|détruira|détruirait|démolir|démolira|démolirait|massacrer ~ (me|ma vie|mon visage|tout ce que je ai|nous)
il|elle|y|ils|{partner} ~ (de plus en plus|de pire en pire) ~ (violent|violente|agressif|agressive|dangereux|dangereuse|souvent|fort)
(coups|violence|violences|crises|disputes) ~ (de plus en plus|de pire en pire|chaque semaine|chaque jour|plus souvent)
il|elle|y|ils|{partner} ~ dit|disait|répète|écrit|juré|menacé|menace|prévenu|prévenue ~ (on|personne) ~ me ~ retrouv*|trouv*
il|elle|y|ils|{partner} ~ dit|disait|répète|écrit|juré|menac*|prévenu|prévenue ~ enfants|petits|tu|je ~ (survivront|survivrai|survivras|passeront|passerai|passeras) pas
il|elle|y|ils|{partner} ~ (mon cou|ma gorge|le cou|la gorge)
il|elle|y|ils|{partner} ~ feu|allumé|brûlé|brûler ~ (alors que je|pendant que je|quand je|avec moi|avec nous|sur moi)
il|elle|y|ils|{partner} ~ {weapon} ~ (me regarde|me fixe|me fixant|en me regardant|pour moi|à côté de moi|à côté du lit|ma tête|mon visage|sur moi|contre moi)
il|elle|y|ils|{partner} ~ aiguis*|chargé|chargeait|charge|nettoie|nettoyait|pointé|pointait|pointe|braqué|braquait|agite|agitait ~ {weapon}
canon ~ (sur|contre) ~ (ma|mon|la|le) ~ (tempe|tête|front|visage|poitrine|bouche)
il|elle|y|ils|{partner} ~ (dans le|dans la|devant|dehors) ~ avec ~ (un|une|son|sa) ~ {weapon}
il|elle|y|ils|{partner} ~ (me enterrer|mon enterrement|ma tombe|mon cercueil|me faire disparaître|me faire disparaitre|me faire payer)
il|elle|y|ils|{partner} ~ (regretteras|regretterais|vas le regretter|y resterai|y resterais|y resteras)
il|elle|y|ils|{partner} ~ dit|dire|disait|répète|écrit|texté|juré|prévenu|prévenue|menacé|menacée|crié|hurlé ~ je|tu ~ finir|finirai|finirais|finiras ~ cimetière|terre|boîte
il|elle|y|ils|{partner} ~ dit|disait|répète|écrit|juré|menacé|menace|prévenu|prévenue ~ enfants|petits|{child} ~ (plus jamais|pour de bon|disparaître|payer|mal)
il|elle|y|ils|{partner} ~ dit|disait|répète|écrit|juré|menacé|menace|prévenu|prévenue ~ (retrouverai plus|retrouverais plus|reverrai plus|reverrais plus) ~ enfants|petits|{child}
il|elle|y|ils|{partner} ~ (je|me) ~ (pouvais plus|pouvais pas|arrivais plus|arrivais pas) ~ respirer
il|elle|y|ils|{partner} ~ (assis|assise|appuyé|appuyée|genou|genoux) ~ (sur ma poitrine|sur mon cou|sur ma gorge|sur mon visage)
il|elle|y|ils|{partner} ~ tambourin*|défonc*|cogn*|frappe|frappait|tape|tapait|cass*|fracass* ~ porte|portes|fenêtre|fenêtres
(cachée|caché|enfermée|barricadée) ~ (salle de bain|placard|chambre|sous sol|toilettes) ~ (il|elle|{partner})
(cachée|caché) ~ avec ~ (le bébé|mon bébé|les enfants|mes enfants|mon fils|ma fille|les petits)
(pas|plus) ~ le droit ~ (sortir|de sortir|partir|de partir|voir personne)
cloué|clouées|cloués|bloqué|bloquées|condamné|condamnées|vissé|vissées ~ (les fenêtres|la fenêtre|les portes|la porte)
bidon|essence|briquet ~ (pour|sur|autour de|partout dans) ~ (ma maison|la maison|moi|nous|notre maison|ma voiture|chez moi)
il|elle|y|ils|{partner} ~ (me finir|me finira|me finirait|me finis|va me finir|me achever|me achèvera)
il|elle|y|ils|{partner} ~ tenu|tenait|tient|suspendu|pendu ~ {child} ~ (au dessus|par dessus|hors|dehors) ~ (rambarde|balcon|fenêtre|pont|vide|escalier)
il|elle|y|ils|{partner} ~ cassé|pété|arraché|détruit|pris|caché|confisqué ~ gsm|téléphone|portable|fixe|cellulaire|cell ~ (appeler personne|peux pas appeler|peux plus appeler|pour pas que je appelle)
(prochaine fois|la prochaine) ~ il|elle|{partner} ~ (la tue|le tue|les tue|la tuera|le tuera|les tuera|me tue|me tuera|nous tue)
c est ~ {child}|enfants ~ (qui va prendre|qui vont prendre|qui va payer|qui vont payer|qui paiera|qui payera|qui prendra)
(porte|portes) ~ (fermée à clé|fermées à clé|fermée|fermées|verrouillée|verrouillées) ~ (il a les clés|lui qui a les clés|il garde les clés|peux pas sortir|peux plus sortir)
il|elle|y|ils|{partner} ~ (procuré|procure|procurer) ~ {weapon}
me|nous ~ chicott*|bastonn*|fouett*|chicote
(ceinture|fouet|chicotte|chicote|câble) ~ (chaque soir|chaque jour|tous les soirs|tous les jours|chaque nuit)
il|elle|y|ils|{partner} ~ (me faire mon affaire|me régler mon compte|me faire mon compte|me faire la peau|me casser la tête|me mettre six pieds sous terre)
il|elle|y|ils|{partner} ~ me ~ séquestr*|enferm*|barr* ~ (depuis|jours|semaines|toute la journée|toute la nuit)
(je vais|je te|je vais te|tu vas) ~ (te faire la peau|te enterrer|te égorger|te buter|te crever|te défoncer|te finir|te massacrer)
(te trouverai|te retrouverai|te trouve|te retrouve) ~ (te enterre|te tue|te bute|te crève|te égorge)
(tu te réveilleras pas|tu te réveilleras plus|tu te réveillerais pas|tu verras pas le|tu passeras pas)
(profite de tes derniers jours|tes derniers jours|tes dernières heures)
(je serai|je serais|tu seras|tu serais) ~ (morte|mort) ~ (avant|de ici|pour)
(je|tu) ~ (verrais pas|verras pas|verrai pas|passerai pas|passeras pas|passerais pas) ~ (le été|noël|le hiver|le printemps|la fin de|le mois|le nouvel an)
(reviendraient|reviendront|reviendrez|reviendras|rentreront|rentreraient) ~ (pas|plus) ~ (vivants|vivantes|vivant|vivante|en vie)
(de pire en pire|de plus en plus violent|de plus en plus violente|de plus en plus souvent)
(passé de|passée de) ~ (crier|hurler|insulter|pousser|menacer) ~ (à|a) ~ (frapper|me frapper|cogner|étrangler|lancer|me cogner)
(avant ce était|avant) ~ (une fois par mois|une fois par semaine|rare|de temps en temps) ~ (maintenant|mtn) ~ (tous les jours|chaque jour|chaque soir|tous les soirs)
(jamais touchée|jamais frappée|jamais touché|jamais levé la main) ~ avant ~ (la grossesse|le bébé|maintenant)
(vise|frappe|cogne|tape|vise toujours) ~ (mon ventre)
(je vais|je va|je vas) ~ (finir morte|finir mort|y rester|y passer|finir dans un cercueil)
(sortirai|sortira|sortirais) pas ~ (vivante|vivant|de ça vivante|de ici vivante|en vie)
(failli tuer|presque tué|manqué de tuer) ~ (son ex|sa femme|un homme|quelqu un|sa copine|un gars)
(sa voiture|son camion|son char|il est) ~ (sur le parking|devant le immeuble|en bas de chez moi|devant chez moi|devant le boulot|dans le stationnement)
il|elle|y|ils|{partner} ~ tourne autour ~ (de le immeuble|de la maison|de chez moi|de le boulot)
il|elle|y|ils|{partner} ~ (écrit|envoie|texte|textes|sms) ~ (à tout de suite|je arrive|je viens te chercher|je suis en bas|je sais où tu es)
il|elle|y|ils|{partner} ~ (casser|cassé|briser|brisé|pété|défoncé|fracassé) ~ (la vitre|les vitres|le carreau|les carreaux|la baie vitrée)
il|elle|y|ils|{partner} ~ (coussin|oreiller) ~ (sur mon visage|sur le visage|sur ma bouche|sur la bouche)
(bleus|marques|traces) ~ (sur le cou|sur mon cou|au cou|sur la gorge|autour du cou|autour de le cou)
(ce est moi la prochaine|moi la prochaine|moi après|je suis la suivante)
il|elle|y|ils|{partner} ~ (planté|enfoncé) ~ (le canapé|le mur|la table|la porte|le matelas|le oreiller) ~ (à côté de moi|près de ma tête|à côté de ma tête)
il|elle|y|ils|{partner} ~ (découper|découpe|va découper|égorger) ~ (celui|celle|quelqu un|le gars|toi|moi|me)
il|elle|y|ils|{partner} ~ enfants|petits|{child} ~ maman ~ (partir pour toujours|disparaître|plus là|morte|partir pour de bon|au ciel)
il|elle|y|ils|{partner} ~ (changé les serrures|gardé la seule clé|pris la seule clé)
(ma tête|moi) ~ contre ~ (le frigo|le mur|la porte|le sol|le comptoir|la table|le évier)
(plus rien à perdre|rien à perdre) ~~ (capable|me tuer|tuer|me)
je sais de quoi il est capable
(sa voiture|son camion|son char) ~ (vient de arriver|vient d'arriver|arrive|garée) ~ (allée|devant|rue|parking|maison)
(il a pas le droit de être ici|il a pas le droit de être là|pas censé savoir où je)
il|elle|y|ils|{partner} ~ (dort avec|garde|cache|mis) ~ {weapon} ~ (sous le oreiller|sous son oreiller|à côté du lit|sous le matelas)
(dors avec un oeil ouvert|fais gaffe à toi|ton heure est venue|tes jours sont comptés|tic tac|dernière chose que tu feras)
(te faire disparaître|te faire disparaitre|te rayer de la carte|te mettre sous terre|régler ton compte)
tu ~ (vivras pas|survivras pas|tiendras pas|verras pas) ~ (jusque|jusqu|longtemps|le procès|le jugement)
profite ~ (des enfants|de tes enfants|de tes gosses|des petits|de ta fille|de ton fils) ~ (tant que tu peux|tant que tu le peux|pendant que tu peux|tant que tu les as)
"""

# Readings across sentences: a plan, a farewell, hopelessness or a burden
# told in short sentences ("I have the pills. Tonight."), with "~~" (up to
# twelve words that may run over a sentence end, never out of a
# quotation). Each joins what no one sentence says alone: a means and a
# time, a letter and being ready, a place and not coming back.
ACROSS_SUICIDE_EN = """
i ~ have|got|bought|saved|collected|hid|hidden|stashed ~ pills|rope|gun|razor|blades|{medicine} ~~ (tonight|tomorrow night|this weekend|it is time|i am ready|going to do it)
i ~ have|got|bought|saved|collected|hid|hidden|stashed ~ pills|rope|gun|razor|blades|{medicine} ~~ when (everyone is asleep|everyone sleeps|they are asleep|they are gone)
i ~ (wrote|written|write|finished|left) ~ (letters|letter|notes|note) ~~ (i am ready|ready now|goodbye|it is time|i am done|for after)
(bridge|roof|rooftop|cliff|tracks|overpass|ledge) ~~ (i will not come back|i am not coming back|will not be coming back|never come back)
(i have decided|i decided|my mind is made up|i made up my mind) ~~ (nobody|no one|nothing) ~ (will stop me|can stop me|is going to stop me)
(i have everything i need|i have all i need|got everything i need|i have all i need) ~~ pills|rope|gun|blade|razor|{medicine}
{medicine} ~~ (how many it takes|how many to take|how many would do it|how many it would take)
(gun|rifle|shotgun|pistol|handgun) ~~ (where the key is|where the keys are|the code to|where the bullets are|where he keeps the bullets)
(never going to stop|will never stop|never stops|never going to end|will never end|never ends) ~~ i ~ (do not want to|can not) ~ (do this anymore|keep going|be here)
(empty|numb|hollow|dead inside) ~~ (i just want it to stop|i want it all to stop|i want everything to stop|i just want it to end|i want it all to end)
(left for me|what is left|nothing left) ~~ (nothing|no one|nobody) ~~ (i am done|i am finished|it is over for me)
deserve|deserves ~ (better than me|a mother who is not me|a mom who is not me|a father who is not me|a better mother|a better father) ~~ (be fine|get over it|better off|without me)
(they would|they will|everyone would|everyone will) ~ (cry|miss me|be sad) ~~ (easier|better off|lighter|simpler)
i ~ (think|thinking|thought|want|going to|gonna|urge) ~ (jump|jumping) ~~ (roof|bridge|cliff|balcony|ledge|building|overpass|floor)
(gave|giving|give|given) ~ (my cat|my dog|my pets|my things|my stuff|my plants|away) ~~ (will not need|will not be needing|not going to need|no longer need)
(going to|gonna|want to|about to|will) ~ (take them all|take all of them|take it all|take the lot|swallow them all|take every one of them|take the whole box|take the whole bottle)
{medicine}|pills|rope|gun|blade|razor|charcoal ~~ when ~ (at work|away|out|asleep|gone|alone|nobody is home|no one is home|the house is empty)
charcoal ~~ (tape|duct tape|seal|the car|the bathroom|the garage)
(how much|how many|what dose) ~ {medicine}|insulin ~~ (i have enough|i have that much|i have more than that|got enough)
my life ~ (is over|is ruined|is finished|is pointless|is worthless|means nothing|is a waste|is not worth living)
i ~ (have given up|gave up|give up|am giving up) ~ (on everything|on life|on myself|on living|on the future|on me)
(no|zero) hope ~ (left|anymore|for me|at all)
(every day|each day|everyday) ~ (worse|harder) ~~ i ~ (can not keep doing this|can not do this|can not go on|can not keep going|can not take it)
(nobody|no one) ~ (would|will) ~ (miss me|notice i am gone|notice if i died|notice if i was gone|care if i died|care if i was gone)
i ~ (ruin|ruining|ruined|wreck|wrecking|destroy|destroying) ~ (everyone|everybody|their|my family|my kids|my children|people) ~ (life|lives)
i am ~ (just|only) ~ (in the way|a problem|trouble|a nuisance|a waste of space)
(relieved|relief) ~ (if i|when i) ~ (died|was dead|were dead|was gone|were gone|disappeared|killed myself)
(whole thing planned|all planned|planned it all|planned everything|it all planned|planned it out|planned out) ~~ (nobody|no one) ~ (home|will be home|around|here)
(i have a plan|i have got a plan|i got a plan) (and|and i have|and i got) ~ (what i need|everything i need|the means|the stuff) ~ (to do it|for it)
{medicine}|meds ~ (would do it|will do it|would do the job|would be enough to|would kill)
(wake up|waking up|woke up|wake) ~ (wishing|wish|hoping|hope) ~ (i had not|i did not|i would not|i was dead|i was not|i never)
i ~ (cause|bring|make) ~ (nothing but|only) ~ (problems|trouble|pain|misery|stress) ~ (everyone|everybody|my family|people|those)
(find us|find me|track us down|track me down) ~~ (kids|children|{child}) ~ (first|will be first|go first)
rope|gun|pills|{medicine} ~~ i know (which tree|which beam|which bridge|which building|where to go|the spot)
(going to do it|gonna do it) (this weekend|tonight|tomorrow|on friday|on saturday|on sunday) (when|while|once)
(the dose|how much) ~ (i need|i would need|it takes) ~ (i have got it|i have it|got it all|i have it all|i have enough)
(existing|exist) ~ (not living|but not living|without living)
(trapped|stuck) ~ (in my own life|in my life|in this life)
i am ~ (a lost cause|beyond help|beyond saving|past saving|unfixable)
(no fixing me|i can not be fixed|nobody can help me|no one can help me|nothing can help me)
i am ~ (dragging|pulling|bringing) ~ (everyone|everybody|my family|them|you all|people) ~ down
all i do is ~ (cost|hurt|disappoint|burden|let down|ruin|upset) ~ (everyone|everybody|my family|my kids|people|them)
"""

ACROSS_SUICIDE_FR = """
je ~ ai|acheté|gardé|récupéré|caché|planqué ~ corde|fusil|lame|lames|rasoir|{medicine} ~~ (ce soir|cette nuit|demain soir|ce week end|ce est le moment|je suis prête|je suis prêt)
je ~ ai|acheté|gardé|récupéré|caché|planqué ~ corde|fusil|lame|lames|rasoir|{medicine} ~~ (quand tout le monde dort|quand ils dormiront|je vais le faire)
je ~ (écrit|écrites|fini|laissé) ~ (lettres|lettre|mots|mot) ~~ (je suis prête|je suis prêt|prête maintenant|prêt maintenant|adieu|ce est le moment|ce est l'heure|pour après)
(pont|toit|falaise|voie ferrée|rails|viaduc) ~~ (je reviens pas|je reviendrai pas|je rentrerai pas|je reviendrai plus|je reviens plus)
(ce est décidé|je ai décidé|je suis décidée|je suis décidé|ma décision est prise) ~~ (personne me arrêtera|personne va me arrêter|personne peut me arrêter|rien me arrêtera|rien va me arrêter)
(je ai tout ce qu'il faut|je ai tout ce dont je ai besoin|je ai tout ce que il me faut) ~~ cachets|corde|fusil|lame|rasoir|{medicine}
{medicine} ~~ (combien il en faut|combien en prendre|combien il faut en prendre|combien il en faudrait)
(fusil|pistolet|carabine|flingue|arme) ~~ (je sais où est la clé|je sais où sont les clés|je connais le code|je sais où sont les balles|où il range les balles)
(arrêtera jamais|va jamais arrêter|arrête jamais|finira jamais|finit jamais) ~~ je ~ (veux plus|peux plus) ~ (faire ça|être là|continuer)
(vide|vidée|vidé|morte à l'intérieur|mort à l'intérieur|ressens plus rien) ~~ (je veux juste que ça se arrête|je veux que ça se arrête|je veux que tout se arrête|que ça finisse|que tout finisse)
(me reste quoi|reste quoi|reste plus rien) ~~ (rien|personne) ~~ (ce est fini pour moi|je suis finie|je suis fini|ce est fini)
méritent|mérite ~ (mieux que moi|une autre mère|un autre père|une meilleure mère|un meilleur père) ~~ (se en remettront|se en remettra|seraient mieux|sans moi|iraient bien)
(ils|elles|tout le monde) ~ (pleureraient|pleureront|pleurerait|pleurera|seraient tristes) ~~ (plus facile|plus simple|plus légère|mieux sans)
je ~ (pense|pensé|envie|veux|vais) ~ (sauter|me jeter) ~~ (toit|pont|falaise|balcon|fenêtre|immeuble|viaduc|étage)
(donné|donne|donner) ~ (mon chat|mon chien|mes animaux|mes affaires|mes plantes|mes choses) ~~ (aurai plus besoin|en aurai plus besoin|aurai pas besoin)
(vais|veux|voudrais|va) ~ (toutes les prendre|tous les prendre|tout prendre|les prendre toutes|les prendre tous|tout avaler|toute la boîte|tout le flacon)
{medicine}|corde|fusil|lame|rasoir|charbon ~~ quand ~ (au travail|partie|parti|absente|absent|dort|dorment|seule|seul|personne)
charbon ~~ (scotch|adhésif|ruban|calfeutrer|la voiture|la salle de bain|le garage)
(combien|quelle dose|la dose) ~ {medicine}|insuline ~~ (je en ai assez|je en ai autant|je en ai plus que ça|je ai ce qu'il faut)
ma vie ~ (est finie|est foutue|est fichue|est terminée|est gâchée|a plus de sens|a aucun sens|vaut rien|sert à rien|vaut pas la peine)
je ~ (abandonne|ai abandonné|baisse les bras|ai baissé les bras|ai tout lâché|lâche tout)
(plus|aucun|pas) ~ (de espoir|espoir) ~ (pour moi|me reste|reste|du tout)
(chaque jour|tous les jours) ~ (pire|plus dur|plus difficile) ~~ je ~ (peux plus|en peux plus|veux plus|tiens plus)
personne ~ (me regretterait|me regrettera|me pleurerait|me pleurera|remarquerait mon absence|verrait mon absence)
je ~ (gâche|pourris|ruine|bousille|détruis|gâché|pourri|ruiné|bousillé|détruit) ~ (la vie|leur vie|leurs vies|vie de|vies de)
je suis ~ (de trop|un boulet|un problème pour tout le monde|une charge|dans le chemin)
(soulagée|soulagé|soulagés|soulagées|soulagement) ~ (si je|quand je) ~ (mourais|étais morte|étais mort|disparaissais|étais plus là|me tuais)
(tout prévu|tout planifié|tout organisé|tout calculé) ~~ personne ~ (maison|là|sera là)
(je ai un plan) (et|et je ai) ~ (ce qu'il faut|tout ce qu'il faut|ce qu'il me faut|les moyens) ~ (pour le faire|pour ça)
{medicine} ~ (feraient le affaire|ferait le affaire|suffiraient|suffirait|tueraient|tuerait)
(réveille|réveillée|réveillé|réveiller) ~ (regrettant|regrette|déçue|déçu|en souhaitant) ~ (réveillée|réveillé|réveiller|vivante|vivant|pas|plus)
je ~ (cause|apporte|amène|attire) ~ que ~ (des problèmes|du malheur|des ennuis|du mal|de la peine) ~ (tout le monde|ma famille|mes proches|autour de moi)
(nous retrouver|me retrouver|nous retrouvera|me retrouvera) ~~ (petits|enfants|{child}) ~ (premiers|premier|en premier)
(nous retrouver|me retrouver|nous retrouvera|me retrouvera) ~~ (commencer par eux|commencera par eux|commencer par les petits|commencer par les enfants)
corde|fusil|cachets|{medicine} ~~ je sais (quel arbre|quelle poutre|quel pont|quel immeuble|où aller|le endroit)
(vais le faire|va le faire) (ce week end|ce soir|demain|vendredi|samedi|dimanche) (quand|pendant que|une fois que)
(la dose|combien) ~ (qu'il me faut|il me faut|il faut|il faudrait) ~ (je la ai|je le ai|je les ai|je en ai assez|je ai tout)
(je existe) ~ (mais je vis pas|mais je vis plus|sans vivre)
(piégée|piégé|coincée|coincé|prisonnière|prisonnier) ~ (dans ma propre vie|dans ma vie|dans cette vie)
je suis ~ (un cas désespéré|une cause perdue|irrécupérable|perdue d'avance|perdu d'avance)
(on peut rien pour moi|personne peut me aider|rien peut me aider|rien peut me sauver)
je ~ (entraîne|tire|traîne) ~ (tout le monde|ma famille|les autres|mes proches) ~ (vers le bas|au fond)
je ~ (coûte|fais|apporte) que ~ (argent|peine|problèmes|mal|honte|malheur) ~ (ma famille|tout le monde|mes proches|mes enfants)
"""

ACROSS_DANGER_EN = """
he|she|they|{partner} ~ locked|locks|bolted|barricaded|kept|keeps|keeping|holding|held ~~ (can not get out|can not go anywhere|can not leave|stuck in here|i am trapped|no way out)
(door|doors) ~ (locked|bolted|padlocked) ~ (from the outside|from outside)
he|she|they|{partner} ~ (kept|keeps|keeping|holding|held) me ~ (inside|indoors|in the house|locked up|locked in|in here) ~ (days|weeks|hours|since)
he|she|they|{partner} ~ (said|says|told|threatened|swore|warned|promised) ~ (never see|never get to see|not see|never find) ~ {child}|kids|children
{child}|kids|children ~~ (never see them again|never see her again|never see him again|never see them|never find them)
he|she|they|{partner} ~ (threatened|threatens|threatening) ~ (to hurt|to harm|to kill|to hit|to touch|to drown) ~ {child}|kids|children|baby
he|she|they|{partner} ~ (blocking|blocks|blocked|stands in front of|standing in front of) ~ (the door|the exit|the doorway|the stairs)
(handle|handles|lock|locks) ~ (off|removed|changed|taken off) ~~ (can not get out|can not leave|can not open|stuck|trapped)
he|she|they|{partner} ~ (get rid of me|getting rid of me|take me out|eliminate me|wipe me out)
he|she|they|{partner} ~ (drive us all|drive us|crash us|drive the car|drive the kids) ~ (off|into) ~ (bridge|river|lake|wall|tree|cliff|traffic)
"""

ACROSS_DANGER_FR = """
il|elle|y|ils|{partner} ~ garde|gardait|enfermée|enfermé|verrouillé|barré|barrée|séquestrée ~~ je ~ (peux pas sortir|peux plus sortir|peux aller nulle part|suis coincée|suis bloquée)
(porte|portes) ~ (fermée|fermées|verrouillée|verrouillées|barrée|barrées|bloquée|bloquées) ~ (de l'extérieur|de dehors|par dehors)
il|elle|y|ils|{partner} ~ me ~ (garde|gardé|retient|retenue|tient) ~ (à l'intérieur|enfermée|enfermé|dedans) ~ (jours|semaines|heures|depuis)
il|elle|y|ils|{partner} ~ dit|disait|répète|écrit|juré|menacé|menace|prévenu|prévenue ~ enfants|petits|{child} ~ (paieront|paiera|payeront|payera|vont payer|va payer|vont le payer)
{child}|enfants|petits ~~ (les reverrai jamais|les reverras jamais|la reverrai jamais|le reverrai jamais|les reverrai plus|les retrouverai jamais)
il|elle|ils|{partner} ~ (menacé|menace|menaçait) ~ (faire du mal|tuer|frapper|enlever|toucher|noyer) ~ {child}|enfants|petits|bébé
il|elle|y|ils|{partner} ~ (bloque|bloquait|bloqué|barre|barrait) ~ (la porte|la sortie|le passage|l'escalier)
(poignée|poignées|serrure|serrures) ~ (enlevé|enlevée|retiré|retirée|changé|changée|démonté|démontée) ~~ (peux pas sortir|peux plus sortir|peux pas ouvrir|coincée|coincé|bloquée)
il|elle|y|ils|{partner} ~ (se débarrasser de moi|débarrasser de moi|me supprimer|me éliminer|me buter|me dégommer)
il|elle|y|ils|{partner} ~ (nous jeter|nous foncer|nous envoyer|nous balancer|foncer) ~ (du pont|dans la rivière|dans le lac|dans un mur|contre un arbre|dans le ravin|dans le fossé)
"""

TEXTS: dict[tuple[str, str], str] = {
    (SUICIDE, "en"): SUICIDE_EN + SENTENCE_SUICIDE_EN + ACROSS_SUICIDE_EN,
    (SUICIDE, "fr"): SUICIDE_FR + SENTENCE_SUICIDE_FR + ACROSS_SUICIDE_FR,
    (DANGER, "en"): DANGER_EN + SENTENCE_DANGER_EN + ACROSS_DANGER_EN,
    (DANGER, "fr"): DANGER_FR + SENTENCE_DANGER_FR + ACROSS_DANGER_FR,
}


def terms(category: str, language: str) -> list[str]:
    """The built-in terms of one list, in their written order."""
    return [line.strip() for line in TEXTS[(category, language)].splitlines() if line.strip()]
