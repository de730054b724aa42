"""Built-in groups of words that a term may name as `{group}`.

A group is a choice written once: "all my {medicine}" stands for "all my
pills", "all my meds", "all my tylenol"... Each entry is written like a term
word (a word, or a prefix ending in "*"). A term of an English list takes a
group's English words, a French term its French words: the French "son"
(his) is not the English "son". Groups are the same for every program; a
program's own terms may use them.
"""

from __future__ import annotations

# Brand names are shared: both lists know them.
_BRANDS = """
xanax valium ativan klonopin ambien seroquel lithium oxy oxycodone oxycontin percocet
vicodin fentanyl tramadol insulin advil motrin excedrin tylenol acetaminophen
paracetamol paracétamol aspirin aspirine ibuprofen ibuprofène naproxen aleve benadryl
nyquil diazepam lorazepam zopiclone codeine codéine morphine prozac zoloft sertraline
citalopram doliprane dafalgan efferalgan nurofen lexomil temesta stilnox imovane seresta
lamaline atarax clonazepam alprazolam quetiapine zolpidem amitriptyline
"""

_TEXTS: dict[str, dict[str, str]] = {
    "medicine": {
        "en": _BRANDS
        + """
        pills meds medication medications medicine medicines tablets capsules painkillers
        antidepress* tranquilizers benzos opioids
        """,
        "fr": _BRANDS
        + """
        cachets cachet comprimés comprimé médocs médoc médicaments médicament pilules gélules
        somnifères
        antidépress* anxiolytiques calmants antidouleurs
        """,
    },
    "child": {
        "en": "kids kid children child son sons daughter daughters baby babies boy girl",
        "fr": "enfants enfant fils fille filles bébé petits petit petite gosses mômes",
    },
    "weapon": {
        "en": """
        gun guns handgun knife knives rifle shotgun pistol revolver blade machete bat
        hammer axe firearm weapon weapons crowbar
        """,
        "fr": """
        couteau couteaux fusil arme armes flingue pistolet revolver carabine cutter lame
        machette batte marteau hache gun poignard matraque gourdin
        """,
    },
    "partner": {
        "en": """
        husband hubby boyfriend bf ex partner wife girlfriend gf fiance fiancé spouse
        stepdad stepfather dad father
        """,
        "fr": "mari copain chum conjoint compagnon ex femme copine blonde fiancé beau-père père",
    },
}

GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    name: {language: tuple(dict.fromkeys(text.split())) for language, text in texts.items()}
    for name, texts in _TEXTS.items()
}


def words(name: str, language: str | None) -> tuple[str, ...] | None:
    """The group's words for a term of `language` (both languages' with None), or None."""
    group = GROUPS.get(name)
    if group is None:
        return None
    if language is not None:
        return group[language]
    return tuple(dict.fromkeys(word for entries in group.values() for word in entries))
