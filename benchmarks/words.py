"""A small English vocabulary of issue tracking, and a sentence maker over it (no downloads).

Sentences come from a few phrase templates filled from word classes, then chained Markov-style:
each next sentence prefers to reuse a noun of the previous one, so descriptions read as one topic.
Rare made-up product words (syllable compounds) give text searches something selective to find.
"""

from __future__ import annotations

import random


def _words(text: str) -> list[str]:
    return text.split()

NOUNS = _words("""
account action address agent alert api application archive attachment audit backend backlog badge banner
batch board bookmark branch browser bucket buffer build button cache calendar callback card cart certificate
change channel chart checkout client cluster column comment commit component config connection console
container context cookie counter credential cursor customer dashboard database dataset date deadline
deployment description dialog directory document domain download draft driver editor email endpoint
environment error event export feature feed field file filter firewall folder font footer form gateway
graph grid group handler header history host icon image import index input installer instance integration
invoice issue item job key label layout ledger license link list loader locale lock log login mailbox
manager map menu message metric migration mobile modal module monitor network node notification order
package page panel parser password payment permission picker pipeline plugin policy popup port preview
printer process profile project prompt property proxy query queue quota record redirect region release
report repository request resource response role route row rule scheduler schema screen script search
server service session setting sidebar signature sitemap snapshot socket sprint stack status storage
stream subscription summary switch sync table tab tag task template tenant test thread ticket timeline
timer timezone toggle token toolbar tooltip tracker transaction transfer trigger upload user validator
value vendor version view viewport wallet warning webhook widget window wizard workflow worker workspace
""")

VERBS = _words("""
adds blocks breaks caches changes checks clears closes collapses corrupts crashes creates deletes
disables displays downloads drops duplicates exports fails fetches formats freezes hangs hides ignores
imports leaks loads locks loses misses moves opens overwrites parses freezes rejects reloads removes
renders repeats resets resizes returns reverts saves scrolls sends shows skips slows sorts splits stalls
stops submits swaps syncs throws times truncates updates uploads validates
""")

ADJECTIVES = _words("""
active archived blank broken cached corrupt current default delayed disabled duplicate empty expired
external failed hidden inactive incorrect internal invalid large legacy local locked long missing
mobile new nested offline old partial pending primary private public recent remote secondary shared
slow stale static temporary unexpected unread unsaved unsorted wrong
""")

ADVERBS = _words("""
again always intermittently occasionally randomly rarely sometimes twice unexpectedly silently quickly
slowly immediately repeatedly
""")

CONTEXTS = """
after login|after the upgrade|during checkout|during import|for new users|in dark mode|in Firefox|in Safari|
in the admin area|on mobile|on slow networks|on the first load|under load|when offline|when the session expires|
with large files|with two tabs open|after a restart|behind the proxy|for archived projects|in the nightly build
""".replace("\n", "").split("|")

OPENERS = ["Steps to reproduce:", "Expected:", "Actual:", "Note:", "Workaround:", "Impact:", "Root cause:", ""]

SYLLABLES = _words("""
ba be bo cor da del fa fen gri hal ka kel lo lum ma mor nex no pa pol qua ri ros sa sil ta tor ul
va vex wi xor yan zel zor
""")


def rare_words(rng: random.Random, count: int) -> list[str]:
    """Made-up product and code names ('zorvex', 'kelumri'): each is rare in the text."""
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))] = None
    return list(seen)


def _noun_phrase(rng: random.Random, noun: str) -> str:
    if rng.random() < 0.5:
        return f"the {rng.choice(ADJECTIVES)} {noun}"
    return f"the {noun} {rng.choice(NOUNS)}"


def sentence(rng: random.Random, topic: str, rare: list[str]) -> str:
    """One sentence about `topic` (a noun), optionally naming a rare word."""
    subject = _noun_phrase(rng, topic)
    obj = _noun_phrase(rng, rng.choice(NOUNS))
    verb = rng.choice(VERBS)
    form = rng.randrange(5)
    if form == 0:
        text = f"{subject} {verb} {obj} {rng.choice(CONTEXTS)}"
    elif form == 1:
        text = f"{subject} {rng.choice(ADVERBS)} {verb} {obj}"
    elif form == 2:
        text = f"when the user opens {obj}, {subject} {verb}"
    elif form == 3:
        text = f"{subject} {verb} {rng.choice(CONTEXTS)}"
    else:
        text = f"{subject} should not be {rng.choice(ADJECTIVES)} {rng.choice(CONTEXTS)}"
    if rare and rng.random() < 0.3:
        text += f" in {rng.choice(rare)}"
    opener = rng.choice(OPENERS) if rng.random() < 0.25 else ""
    text = text[0].upper() + text[1:] + "."
    return f"{opener} {text}" if opener else text


def paragraph_chain(rng: random.Random, count: int, rare: list[str]) -> list[str]:
    """`count` sentences where each topic follows from the last (the Markov-ish part)."""
    topic = rng.choice(NOUNS)
    out = []
    for _ in range(count):
        out.append(sentence(rng, topic, rare))
        if rng.random() < 0.4:
            topic = rng.choice(NOUNS)
    return out


def summary(rng: random.Random, rare: list[str]) -> str:
    noun = rng.choice(NOUNS)
    form = rng.randrange(4)
    if form == 0:
        text = f"{noun.capitalize()} {rng.choice(VERBS)} {rng.choice(CONTEXTS)}"
    elif form == 1:
        text = f"{rng.choice(ADJECTIVES).capitalize()} {noun} {rng.choice(NOUNS)} {rng.choice(VERBS)}"
    elif form == 2:
        text = f"Add {rng.choice(ADJECTIVES)} {noun} to the {rng.choice(NOUNS)} {rng.choice(NOUNS)}"
    else:
        text = f"{noun.capitalize()} {rng.choice(NOUNS)} {rng.choice(VERBS)} {rng.choice(ADVERBS)}"
    if rng.random() < 0.25:
        text += f" ({rng.choice(rare)})"
    return text
