"""What a query asks for, read once and used by both backends.

`expand_query("thit heo rung")` splits the folded words into slots, each with the ways it
may be matched:

- the word as typed, folded ("heo");
- its Telex/VNI decoding when it carries keyboard residue ("buwowir" → "buoi",
  `search.telex`);
- its synonyms from the moderators' dictionary ("lợn", `search.synonyms`); a phrase of the
  dictionary ("dragon fruit", "trái cây") becomes one slot;
- the last slot may be half-typed: it also matches as a word prefix ("nhan lo" → "long").

Every slot must match (one of its alternatives) for a result to count; when nothing
matches all of them, the backends retry requiring all but one (`relaxed`).
"""

from dataclasses import dataclass, field

from . import telex
from .synonyms import MAX_PHRASE_WORDS, has_diacritics, synonym_table
from .text import search_fold, terms

MAX_WORDS = 12


@dataclass
class Slot:
    words: tuple  # the folded words as typed
    folded: list = field(default_factory=list)  # folded alternatives (first: as typed)
    exact: list = field(default_factory=list)  # synonyms with diacritics, lower case
    last: bool = False

    @property
    def text(self):
        return " ".join(self.words)

    @property
    def synonyms(self):
        """Folded alternatives that came from the dictionary (weighted a little lower)."""
        return self.folded[self._own :]

    _own: int = 1


@dataclass
class Query:
    raw: str
    slots: list

    @property
    def words(self):
        return [w for s in self.slots for w in s.words]

    @property
    def folded(self):
        return " ".join(self.words)

    @property
    def decoded(self):
        """The words with Telex residue decoded: what the shopper meant to type."""
        return " ".join(s.folded[0] if s._own == 1 else s.folded[1] for s in self.slots)

    def phrases(self, max_words=4):
        """Every run of consecutive (decoded) words, and the slots' synonyms: used to
        recognise a category named by the query."""
        words = self.decoded.split()
        out = set()
        for i in range(len(words)):
            for n in range(1, max_words + 1):
                if i + n <= len(words):
                    out.add(" ".join(words[i : i + n]))
        for s in self.slots:
            out.update(s.folded)
            out.update(search_fold(e) for e in s.exact)
        return sorted(out)

    def head_words(self):
        """Single-word forms of every slot (the first noun of a name may be any of them)."""
        out = set()
        for s in self.slots:
            out.update(f.split()[0] for f in s.folded)
            out.update(search_fold(e).split()[0] for e in s.exact)
        return sorted(out)

    def __bool__(self):
        return bool(self.slots)


def expand_query(q) -> Query:
    words = terms(q)[:MAX_WORDS]
    decoded = [telex.decode(w) or w for w in words]
    table = synonym_table()
    slots, i = [], 0
    while i < len(words):
        for n in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            typed = " ".join(words[i : i + n])
            key = " ".join(decoded[i : i + n])
            if typed in table:  # "durian" is English, not Telex for "duian"
                key = typed
            if n == 1 or key in table:
                break
        slot = Slot(words=tuple(words[i : i + n]), folded=[typed])
        if key != typed:
            slot.folded.append(key)
        slot._own = len(slot.folded)
        for syn in table.get(key, ()):
            if has_diacritics(syn):
                slot.exact.append(syn)
            else:
                folded = " ".join(terms(syn))
                if folded not in slot.folded:
                    slot.folded.append(folded)
        slots.append(slot)
        i += n
    if slots:
        slots[-1].last = True
    return Query(raw=q, slots=slots)
