#!/usr/bin/python3
"""Writes a deterministic synthetic news corpus for benchmarking newsgraph.

    bench/gen_corpus.py --seed 1 --size 100M --out bench/corpus/s1-100M

The corpus is plain-text news pages, 1000 per subdirectory
(OUT/0000/000000.txt ...), until their total size reaches --size. Each page
has a first line "date YYYY-MM-DD <headline>" (the way the seeds date a
page), page furniture (navigation, share buttons, cookie notice, bylines,
"Advertisement", related headlines, copyright), filler prose, and
sentences stating the four relations (meets, visits, supplies, sanctions)
in the four modalities (asserted, planned, alleged, denied), in active and
passive voice, with coordination and nominal forms. Most pages are a few
KB; about 1 in 150 is a long live blog (100-400 KB) and about 1 in 40 a
single line.

Entities: the countries, organisations, people and places of the default
dictionary (data/*.tsv), plus generated ones: --people (default 5000)
people with titles and countries, --places (default 2000) places, and
--orgs (default 500) companies and agencies. Popular entities are picked
more often than others, so the graph has hubs.

Hidden files (which `newsgraph extract` skips) describe the corpus:
OUT/.corpus.json, the parameters and the number of relations stated per
relation and modality, written last (its presence means the corpus is
complete), and with --gold, OUT/.gold.jsonl: the relations each page
states, in the format of tests/data/seeds.gold.jsonl, for `newsgraph eval`
(about 1.5 times the size of the corpus). The same --seed and --size always
give byte-identical files.
"""

import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
FILES_PER_DIR = 1000

RELATIONS = ("meets", "visits", "supplies", "sanctions")
MODALITIES = ("asserted", "planned", "alleged", "denied")
STRENGTH = {m: i for i, m in enumerate(MODALITIES)}  # lower is stronger


def parse_size(text):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]?)B?", text.strip().upper())
    if not m:
        raise argparse.ArgumentTypeError(f"bad size '{text}' (e.g. 500K, 100M, 1G)")
    return int(float(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)])


def read_tsv(name):
    """Entries of one dictionary file: (kind, name, {key: [values]})."""
    out = []
    with open(os.path.join(DATA, name), encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.split("\t")]
            keys = {}
            for fld in fields[2:]:
                k, _, v = fld.partition("=")
                keys[k] = v.split("|")
            out.append((fields[0], fields[1], keys))
    return out


def trigger_words():
    """Every word form of the relation triggers, to keep them out of filler."""
    words = set()
    for _, lemma, keys in read_tsv("triggers.tsv"):
        for form in keys.get("verb", []) + keys.get("noun", []) + [lemma]:
            words.add(form.lower())
    return words


class Entity:
    __slots__ = ("name", "type", "intro", "short", "aliases")

    def __init__(self, name, etype, intro=None, short=None, aliases=()):
        self.name = name
        self.type = etype
        self.intro = intro or [name]   # forms for a first mention
        self.short = short or [name]   # forms for later mentions
        self.aliases = [name] + list(aliases)


# Generated names: syllables that make no English word and no dictionary
# name (checked against the dictionary below).
FIRST_A = ["Al", "Bor", "Cal", "Dar", "El", "Fen", "Gal", "Hal", "Ir", "Jar", "Kel", "Lor",
           "Mar", "Nor", "Or", "Per", "Quen", "Ros", "Sel", "Tor", "Ul", "Val", "Wen", "Yor", "Zel"]
FIRST_B = ["an", "ek", "ina", "o", "ia", "ius", "ena", "ik", "or", "a", "en", "is", "ona", "ul"]
LAST_A = ["Brav", "Cors", "Dral", "Estr", "Falk", "Grev", "Harv", "Istv", "Jask", "Kov", "Lind",
          "Morv", "Nash", "Orl", "Prav", "Rask", "Sorv", "Tral", "Ulr", "Varg", "Wol", "Zarn",
          "Beck", "Tamb", "Quar", "Mend", "Oss", "Pell", "Renn", "Stav"]
LAST_MID = ["", "", "", "er", "an", "ol", "it", "um", "ar", "en", "in", "ot"]
LAST_B = ["enko", "ovic", "ani", "essa", "ström", "ard", "ello", "ski", "avi", "ers", "ik",
          "ouri", "anda", "elli", "omba", "eira", "ault", "akis", "unde", "ary"]
PLACE_A = ["Ashk", "Belv", "Corv", "Dunm", "Esk", "Fald", "Glen", "Hask", "Ilm", "Jurm", "Kast",
           "Lum", "Mirn", "Nov", "Ostr", "Pols", "Rav", "Sv", "Tarn", "Ust", "Vel", "Wyr", "Zor"]
PLACE_B = ["aya", "ovo", "ar", "ensk", "ford", "grad", "heim", "ino", "ivka", "on", "ora", "ul",
           "ets", "abad", "mouth", "ovsk"]
# Generated places always end in a suffix of data/cues.tsv, which types an
# unknown name as a place; a bare unknown name is not recognised.
PLACE_SUFFIX = [" Air Base", " Naval Base", " Shipyard", " Region", " Province", " Island",
                " District", " Airport", " Power Plant", " Oblast", " Port", " Harbour",
                " Valley", " Bay", " Peninsula", " County", " Test Site", " Complex"]
ORG_SUFFIX = ["Defence Corporation", "Arms Company", "Shipping Company", "Logistics Group",
              "Aerospace Corporation", "Development Bank", "Relief Agency", "Trading Company",
              "Holdings", "Industrial Group"]
TITLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister",
          "Deputy Foreign Minister", "Finance Minister", "Ambassador", "Special Envoy",
          "General", "Admiral", "Governor", "Senator", "Interior Minister", "Vice President"]


def build_entities(rng, n_people, n_places, n_orgs):
    countries, people, orgs, places = [], [], [], []
    taken = set()
    for fname in ("countries.tsv", "organizations.tsv", "people.tsv", "places.tsv"):
        for kind, name, keys in read_tsv(fname):
            taken.add(name.lower())
            for a in keys.get("alias", []) + keys.get("demonym", []) + keys.get("capital", []):
                taken.add(a.lower())
            if kind == "country":
                if "demonym" in keys and "until" not in keys and len(name) < 20:
                    countries.append((name, keys["demonym"][0], keys.get("capital", [""])[0],
                                      keys.get("alias", [])))
            elif kind == "organization":
                orgs.append(Entity(name, "organization", aliases=keys.get("alias", [])))
            elif kind == "person":
                last = name.split()[-1]
                people.append(Entity(name, "person", short=[name, name, last],
                                     aliases=keys.get("alias", []) + [last]))
            elif kind == "place":
                places.append(Entity(name, "place", aliases=keys.get("alias", [])))

    country_ents = []
    for name, demonym, capital, aliases in countries:
        country_ents.append(Entity(name, "country", aliases=list(aliases) + [demonym] +
                                   ([capital] if capital else [])))
    demonym_of = {name: demonym for name, demonym, _, _ in countries}

    dict_names = set(taken)

    def fresh(make):
        for _ in range(10000):
            s = make()
            if s.lower() not in taken and not any(w.lower() in dict_names for w in s.split()):
                taken.add(s.lower())
                return s
        sys.exit("gen_corpus: ran out of distinct generated names; ask for fewer")

    gen_people = []
    for _ in range(n_people):
        first = fresh(lambda: rng.choice(FIRST_A) + rng.choice(FIRST_B))
        taken.discard(first.lower())          # first names may repeat
        last = fresh(lambda: rng.choice(LAST_A) + rng.choice(LAST_MID) + rng.choice(LAST_B))
        full = f"{first} {last}"
        cname, demonym, _, _ = countries[int(len(countries) * rng.random() ** 2)]
        title = rng.choice(TITLES)
        low = title.lower()
        intro = [f"{demonym} {title} {full}", f"{title} {full}",
                 f"{cname}'s {low} {full}", f"{demonym} {title} {full}"]
        gen_people.append(Entity(full, "person", intro=intro,
                                 short=[full, full, last, f"Mr {last}" if rng.random() < 0.5
                                        else f"Ms {last}"],
                                 aliases=[last, f"Mr {last}", f"Ms {last}"]))
    gen_places = []
    for _ in range(n_places):
        name = fresh(lambda: rng.choice(PLACE_A) + rng.choice(PLACE_B) + rng.choice(PLACE_SUFFIX))
        gen_places.append(Entity(name, "place"))
    gen_orgs = []
    for _ in range(n_orgs):
        name = fresh(lambda: rng.choice(PLACE_A) + rng.choice(PLACE_B) + " " + rng.choice(ORG_SUFFIX))
        gen_orgs.append(Entity(name, "organization"))
    return country_ents, people + gen_people, orgs + gen_orgs, places + gen_places, demonym_of


# ---------------------------------------------------------------- templates
# {a}, {b}, {c}: actors; {p}: a place or country visited; {v}: a venue
# (place) for a meeting; {i}: an item supplied; {d}: a day; {s}: a source.
# Each template is (relation, modality, edges, text); edges lists the
# (source, target) slot pairs it states.
AB = (("a", "b"),)
T = [
    # meets
    ("meets", "asserted", AB, "{a} met {b} in {v} on {d}."),
    ("meets", "asserted", AB, "{a} and {b} met on {d}, {s} reported."),
    ("meets", "asserted", AB, "{a} held talks with {b} in {v}."),
    ("meets", "asserted", AB, "A meeting between {a} and {b} took place in {v} on {d}."),
    ("meets", "asserted", AB, "Talks between {a} and {b} ended on {d} without a joint statement."),
    ("meets", "asserted", AB, "{a} hosted {b} for a dinner on {d}."),
    ("meets", "asserted", AB, "On {d}, {a} shook hands with {b} before the cameras."),
    ("meets", "asserted", AB, "{a} welcomed {b} at the start of the conference."),
    ("meets", "asserted", AB, "{a} met {b} on the sidelines of the forum, according to {s}."),
    ("meets", "planned", AB, "{a} will meet {b} in {v} next week."),
    ("meets", "planned", AB, "{a} is expected to meet {b} on {d}."),
    ("meets", "planned", AB, "{a} plans to hold talks with {b} later this month."),
    ("meets", "planned", AB, "Officials said {a} could meet {b} as early as {d}."),
    ("meets", "planned", AB, "{a} and {b} are set to meet in {v}, {s} said."),
    ("meets", "alleged", AB, "{a} reportedly met {b} in {v} in secret."),
    ("meets", "alleged", AB, "{a} allegedly held talks with {b} last month."),
    ("meets", "alleged", AB, "According to {s}, {a} is believed to have met {b} in {v}."),
    ("meets", "denied", AB, "{a} denied having met {b}."),
    ("meets", "denied", AB, "{a} did not meet {b} during the visit, officials said."),
    ("meets", "denied", AB, "A spokesperson said {a} had not met {b} and dismissed the report."),
    # visits
    ("visits", "asserted", AB, "{a} visited {p} on {d}."),
    ("visits", "asserted", AB, "{a} arrived in {p} on {d}, {s} reported."),
    ("visits", "asserted", AB, "{a} toured {p} with a delegation of officials."),
    ("visits", "asserted", AB, "{a}'s visit to {p} lasted two days."),
    ("visits", "asserted", AB, "{a} travelled to {p} on {d}."),
    ("visits", "asserted", AB, "{a} flew to {p} after the ceremony."),
    ("visits", "asserted", AB, "The visit of {a} to {p} drew crowds on {d}."),
    ("visits", "asserted", AB, "On {d}, {a} made a rare trip to {p}."),
    ("visits", "planned", AB, "{a} will visit {p} next month."),
    ("visits", "planned", AB, "{a} plans to visit {p} before the end of the year."),
    ("visits", "planned", AB, "{a} is expected to travel to {p} on {d}."),
    ("visits", "planned", AB, "{a} may make a trip to {p} later this year, {s} said."),
    ("visits", "alleged", AB, "{a} reportedly travelled to {p} on {d}."),
    ("visits", "alleged", AB, "{a} allegedly visited {p} last week."),
    ("visits", "alleged", AB, "{s} claimed that {a} had arrived in {p}."),
    ("visits", "denied", AB, "{a} denied visiting {p}."),
    ("visits", "denied", AB, "{a} did not travel to {p}, a spokesperson said."),
    # supplies
    ("supplies", "asserted", AB, "{a} sent {i} to {b} on {d}."),
    ("supplies", "asserted", AB, "{a} supplied {b} with {i}."),
    ("supplies", "asserted", AB, "{a} provided {b} with {i}, {s} reported."),
    ("supplies", "asserted", (("b", "a"),), "{a} received {i} from {b}."),
    ("supplies", "asserted", AB, "{a} delivered {i} to {b} last week."),
    ("supplies", "asserted", AB, "Deliveries of {i} from {a} to {b} continued in {m}."),
    ("supplies", "asserted", AB, "{b} was supplied with {i} by {a}."),
    ("supplies", "asserted", (("a", "c"), ("b", "c")), "{a} and {b} sent aid to {c}."),
    ("supplies", "asserted", AB, "{a} shipped {i} to {b} in {m}."),
    ("supplies", "asserted", AB, "{a} sold {i} to {b}, according to {s}."),
    ("supplies", "planned", AB, "{a} will supply {i} to {b}."),
    ("supplies", "planned", AB, "{a} plans to send {i} to {b}."),
    ("supplies", "planned", AB, "{a} is expected to deliver {i} to {b} next year."),
    ("supplies", "planned", AB, "{a} agreed to provide {b} with {i}."),
    ("supplies", "alleged", AB, "{a} allegedly supplied {i} to {b}."),
    ("supplies", "alleged", AB, "{s} accused {a} of supplying {i} to {b}."),
    ("supplies", "alleged", AB, "{a} reportedly shipped {i} to {b} in {m}."),
    ("supplies", "alleged", AB, "{a} is suspected of sending {i} to {b}."),
    ("supplies", "denied", AB, "{a} denied supplying {i} to {b}."),
    ("supplies", "denied", AB, "{a} did not supply {i} to {b}, the ministry said."),
    ("supplies", "denied", AB, "{a} has denied sending {i} to {b}."),
    # sanctions
    ("sanctions", "asserted", AB, "{a} imposed sanctions on {b} on {d}."),
    ("sanctions", "asserted", AB, "{a} sanctioned {b} over its role in the conflict."),
    ("sanctions", "asserted", AB, "{a}'s sanctions on {b} were extended in {m}."),
    ("sanctions", "asserted", AB, "{b} was sanctioned by {a} last year."),
    ("sanctions", "asserted", AB, "{a} blacklisted {b}, {s} reported."),
    ("sanctions", "asserted", AB, "{a} tightened sanctions against {b}."),
    ("sanctions", "planned", AB, "{a} will impose new sanctions on {b}."),
    ("sanctions", "planned", AB, "{a} agreed to impose new sanctions on {b}."),
    ("sanctions", "planned", AB, "{a} is expected to sanction {b} next week."),
    ("sanctions", "planned", AB, "{a} plans to blacklist {b}, {s} said."),
    ("sanctions", "alleged", AB, "{a} reportedly sanctioned {b} in secret."),
    ("sanctions", "alleged", AB, "{a} allegedly blacklisted {b} in {m}."),
    ("sanctions", "denied", AB, "{a} denied imposing sanctions on {b}."),
    ("sanctions", "denied", AB, "{a} did not sanction {b}, officials said."),
]
# Which entity kinds fill the slots of each relation: (a, b) pools.
SLOT_KINDS = {
    "meets": ("actor", "same"),
    "visits": ("person", "dest"),
    "supplies": ("state", "state"),
    "sanctions": ("state", "target"),
}

ITEMS = ["artillery shells", "drones", "ammunition", "tanks", "air defence systems",
         "fighter jets", "rifles", "fuel", "grain", "medical supplies", "ballistic missiles",
         "armoured vehicles", "spare parts", "humanitarian supplies", "rocket launchers",
         "satellite equipment", "$200 million", "food", "electricity", "howitzers"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES = ["state media", "the Foreign Ministry", "officials", "local media", "a government source",
           "diplomats", "news agencies", "the presidential office", "analysts"]
VENUES_GENERIC = ["the capital", "a lakeside resort", "a government guesthouse"]

# Filler prose: no relation words (checked at start-up against triggers.tsv).
FILLER = [
    "The economy grew by {n} percent in the third quarter, the statistics office said.",
    "Analysts say the outcome remains uncertain.",
    "Prices for wheat and rice rose sharply during the {m} harvest.",
    "{x} has faced criticism over its handling of the crisis.",
    "Heavy rain caused flooding in several districts, and schools were closed for {n} days.",
    "The opposition called the decision a mistake and demanded an inquiry.",
    "Officials in {x} said the situation was under control.",
    "Markets in {x} fell {n} percent on {d} as investors weighed the news.",
    "The parliament debated the budget late into the night.",
    "Observers noted that turnout was lower than in previous years.",
    "In a statement, {x} called for restraint from all sides.",
    "The central bank kept interest rates unchanged at {n} percent.",
    "Protesters gathered outside the ministry on {d} evening.",
    "The report, which runs to {n} pages, was published on {d}.",
    "Experts warned that the drought could last until {m}.",
    "Critics said the plan lacked detail.",
    "A survey found that {n} percent of residents backed the proposal.",
    "Negotiators worked through the weekend on the draft text.",
    "{x} has long been wary of its neighbours.",
    "The ministry declined to comment on the matter.",
    "\"We are watching the situation closely,\" one official said.",
    "\"This is a turning point,\" said a diplomat who asked not to be named.",
    "The country has a population of about {n} million.",
    "Relations between the two capitals have been tense for years.",
    "The ruling party holds a narrow majority in parliament.",
    "Energy prices in {x} have doubled since {m}.",
    "Security was tight across the city on {d}.",
    "It was not immediately clear how many people were affected.",
    "The announcement followed a cabinet reshuffle in {x}.",
    "Satellite images showed new construction at the site.",
    "The military said {n} drills were held near the border in {m}.",
    "Inflation slowed for a {o} straight month in {m}.",
    "{x} is the region's largest producer of copper.",
    "Rescue teams worked through the night after the earthquake.",
    "The court is due to rule on the case in {m}.",
    "Local elections are scheduled for the spring.",
    "The exchange rate weakened to a record low against the dollar.",
    "Human rights groups have documented abuses in the area.",
    "The ceasefire appeared to be holding on {d}.",
    "The company's stock rose {n} percent in early trading.",
    "The newspaper said the figures could not be independently verified.",
    "A man, {n}, was arrested at the scene, police said.",
    "Tourism revenue reached a five-year high in {m}.",
    "The documents were seen by reporters on {d}.",
]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]

NAV = ["Skip to content", "Skip to main content", "Menu", "Search", "Sign in", "Subscribe",
       "World", "Politics", "Business", "Opinion", "Sport", "Home", "Live", "Video", "Newsletters"]
SHARE = ["Share this article", "Share on Facebook", "Share on Twitter", "Share on WhatsApp",
         "Copy link", "Email", "Print"]
COOKIE = [
    "We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.",
    "This website uses cookies. Accept all cookies | Manage preferences",
    "Cookie settings",
]
OUTLETS = ["The Daily Courier", "World Desk", "Global Wire", "The Morning Ledger", "Newsline",
           "The Evening Standard-Bearer", "Capital Report"]
STAFF_FIRST = ["Anna", "Tom", "Maria", "David", "Lena", "Omar", "Sofia", "James", "Yuki", "Priya"]
STAFF_LAST = ["Keller", "Moreau", "Novak", "Silva", "Hughes", "Tanaka", "Okafor", "Lindqvist"]


def check_filler(triggers):
    for line in FILLER:
        low = " " + " ".join(re.findall(r"[a-z]+", line.lower())) + " "
        for w in triggers:
            if f" {w} " in low:
                sys.exit(f"gen_corpus: filler sentence uses the relation word '{w}': {line}")


class Generator:
    def __init__(self, seed, n_people, n_places, n_orgs):
        self.rng = random.Random(seed)
        rng = random.Random(f"entities:{seed}")
        (self.countries, self.people, self.orgs, self.places,
         self.demonym_of) = build_entities(rng, n_people, n_places, n_orgs)
        rng.shuffle(self.people)
        rng.shuffle(self.places)
        rng.shuffle(self.orgs)
        rng.shuffle(self.countries)
        check_filler(trigger_words())

    def pick(self, pool):
        """Skewed choice: the first entities of a pool are the busiest."""
        return pool[int(len(pool) * self.rng.random() ** 2)]

    def entity(self, kind, first=None):
        r = self.rng.random()
        if kind == "same":        # meets: people with people, countries with countries
            kind = first.type
        if kind == "person":
            return self.pick(self.people)
        if kind == "country":
            return self.pick(self.countries)
        if kind == "actor":
            return self.pick(self.people) if r < 0.85 else self.pick(self.countries)
        if kind == "dest":
            return self.pick(self.places) if r < 0.7 else self.pick(self.countries)
        if kind == "state":       # suppliers and sanctioners
            return self.pick(self.countries) if r < 0.7 else self.pick(self.orgs)
        # sanction targets: countries, companies, people
        return (self.pick(self.countries) if r < 0.6 else
                self.pick(self.orgs) if r < 0.85 else self.pick(self.people))

    def mention(self, e, seen):
        if e.name in seen:
            return self.rng.choice(e.short)
        seen.add(e.name)
        return self.rng.choice(e.intro)

    def slots(self, seen):
        rng = self.rng
        return {
            "d": rng.choice(DAYS), "m": rng.choice(MONTHS), "s": rng.choice(SOURCES),
            "i": rng.choice(ITEMS), "n": str(rng.randint(2, 95)), "o": rng.choice(ORDINALS),
            "x": self.pick(self.countries).name,
        }

    def relation_sentence(self, seen, gold):
        rng = self.rng
        rel, mod, edges, text = T[int(rng.random() * len(T))]
        kind_a, kind_b = SLOT_KINDS[rel]
        ents = {}
        ents["a"] = self.entity(kind_a)
        for slot, kind in (("b", kind_b), ("c", kind_b)):
            if "{" + slot + "}" in text or (slot == "b" and "{p}" in text):
                for _ in range(5):
                    e = self.entity(kind, ents["a"])
                    if e.name not in (x.name for x in ents.values()):
                        break
                else:
                    return None
                ents[slot] = e
        values = self.slots(seen)
        if "{v}" in text:
            values["v"] = (self.pick(self.places).name if rng.random() < 0.8
                           else rng.choice(VENUES_GENERIC))
        # Mention in the order of the text so that first mentions get the intro.
        for slot in sorted(ents, key=lambda s: text.find("{" + s + "}") if "{" + s + "}" in text
                           else text.find("{p}")):
            values[slot] = self.mention(ents[slot], seen)
        if "{p}" in text:
            values["p"] = values.pop("b")
        for src, dst in edges:
            s, t = ents[src], ents[dst]
            if rel == "meets" and t.name < s.name:
                s, t = t, s
            key = (s.name, rel, t.name)
            if key not in gold or STRENGTH[mod] < STRENGTH[gold[key][0]]:
                gold[key] = (mod, s, t)
        return text.format(**values)

    def filler(self):
        return FILLER[int(self.rng.random() * len(FILLER))].format(**self.slots(None))

    def paragraph(self, seen, gold, rel_share):
        rng = self.rng
        parts = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < rel_share:
                s = self.relation_sentence(seen, gold)
                if s:
                    parts.append(s)
            else:
                parts.append(self.filler())
        return " ".join(parts)

    def headline(self, seen, gold):
        s = self.relation_sentence(seen, gold)
        return s[:-1] if s else "World news in brief"

    def related(self):
        rng = self.rng
        lines = ["Related stories"]
        for _ in range(rng.randint(3, 6)):
            e = self.pick(self.people)
            c = self.pick(self.countries)
            lines.append(f"{e.name} {rng.choice(['visits', 'meets leaders of', 'warns'])} "
                         f"{c.name} - {rng.randint(2, 59)} mins ago")
        return lines

    def document(self, number):
        """One page: its text and the gold record of what it states."""
        rng = self.rng
        seen, gold = set(), {}
        year = rng.randint(2020, 2025)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}"
        r = rng.random()
        if r < 0.025:
            # a single line: a wire flash, undated
            text = (self.relation_sentence(seen, gold) or "No news.") + "\n"
            return text, gold
        if r < 0.032:
            n_par = rng.randint(400, 1600)        # live blog, 100-400 KB
        elif r < 0.2:
            n_par = rng.randint(30, 80)
        else:
            n_par = rng.randint(6, 30)
        outlet = rng.choice(OUTLETS)
        lines = [f"date {date} {self.headline(seen, gold)}"]
        lines += rng.sample(NAV, rng.randint(2, 6))
        if rng.random() < 0.4:
            lines.append(rng.choice(COOKIE))
        lines.append(f"By {rng.choice(STAFF_FIRST)} {rng.choice(STAFF_LAST)}, {outlet}")
        lines.append("Published")
        lines.append(f"on {day} {MONTHS[month - 1]} {year}")
        lines += rng.sample(SHARE, rng.randint(1, 3))
        share = 0.25 if n_par < 100 else 0.15
        first = self.paragraph(seen, gold, share)
        if rng.random() < 0.5:
            city = self.pick(self.countries).name.upper()
            first = f"{city}, {MONTHS[month - 1][:3]} {day} ({outlet}) - {first}"
        lines.append(first)
        for k in range(n_par - 1):
            if n_par >= 100 and k % 5 == 0:
                lines.append(f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}")
            lines.append(self.paragraph(seen, gold, share))
            if rng.random() < 0.06:
                lines.append("Advertisement")
        lines += self.related()
        lines.append(f"Copyright {year} {outlet}. All rights reserved.")
        return "\n\n".join(lines) + "\n", gold


def gold_record(doc, gold):
    ents = {}
    rels = []
    for (sname, rel, tname), (mod, s, t) in sorted(gold.items()):
        for e in (s, t):
            ents[e.name] = {"name": e.name, "type": e.type, "aliases": e.aliases}
        rels.append({"source": sname, "relation": rel, "target": tname, "modality": mod})
    return {"doc": doc, "entities": [ents[k] for k in sorted(ents)], "relations": rels}


def generate(out, seed, size, n_people, n_places, n_orgs, gold_file=False, quiet=False):
    os.makedirs(out, exist_ok=True)
    marker = os.path.join(out, ".corpus.json")
    if os.path.exists(marker):
        os.remove(marker)
    gen = Generator(seed, n_people, n_places, n_orgs)
    total = 0
    number = 0
    counts = {r: {m: 0 for m in MODALITIES} for r in RELATIONS}
    gold_path = os.path.join(out, ".gold.jsonl")
    if os.path.exists(gold_path):
        os.remove(gold_path)
    with open(gold_path if gold_file else os.devnull, "w", encoding="utf-8") as goldf:
        while total < size:
            sub = os.path.join(out, f"{number // FILES_PER_DIR:04d}")
            os.makedirs(sub, exist_ok=True)
            batch = []
            for _ in range(FILES_PER_DIR):
                if total >= size:
                    break
                text, gold = gen.document(number)
                data = text.encode("utf-8")
                name = f"{number:06d}.txt"
                batch.append((name, data))
                doc = f"{number // FILES_PER_DIR:04d}/{name}"
                if gold_file:
                    record = gold_record(doc, gold)
                    goldf.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
                    goldf.write("\n")
                for (_, rel, _), (mod, _, _) in gold.items():
                    counts[rel][mod] += 1
                total += len(data)
                number += 1
            for name, data in batch:
                with open(os.path.join(sub, name), "wb") as f:
                    f.write(data)
            if not quiet:
                print(f"\rgen_corpus: {number} documents, {total / 1048576:.1f} MB",
                      end="", file=sys.stderr)
    if not quiet:
        print(file=sys.stderr)
    meta = {"seed": seed, "size": size, "people": n_people, "places": n_places,
            "orgs": n_orgs, "documents": number, "bytes": total,
            "relations_stated": counts}
    with open(marker + ".tmp", "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(marker + ".tmp", marker)
    return meta


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", type=parse_size, default=parse_size("10M"),
                    help="total size of the pages, e.g. 2M, 100M, 1G (default 10M)")
    ap.add_argument("--out", required=True, help="directory to write (created)")
    ap.add_argument("--people", type=int, default=5000, help="generated people (default 5000)")
    ap.add_argument("--places", type=int, default=2000, help="generated places (default 2000)")
    ap.add_argument("--orgs", type=int, default=500, help="generated organisations (default 500)")
    ap.add_argument("--gold", action="store_true",
                    help="also write OUT/.gold.jsonl, the relations each page states")
    ap.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args()
    meta = generate(a.out, a.seed, a.size, a.people, a.places, a.orgs, a.gold, a.quiet)
    if not a.quiet:
        print(json.dumps(meta["relations_stated"]), file=sys.stderr)


if __name__ == "__main__":
    main()
