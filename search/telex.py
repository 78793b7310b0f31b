"""Telex (and VNI) residue: Vietnamese typed on a keyboard whose input method was off.

"buwowir" is "bưởi" typed in Telex without the input method converting it; "bu7o73i" the
same in VNI. Search works on folded text (no diacritics), so decoding only has to drop what
the keyboard would have turned into marks: tone keys (s f r x j, or the digits 1–5),
doubled vowels (aa ee oo → a e o), w (aw ow uw → a o u, a lone w → u) and dd → d.

`decode("buwowir") == "buoi"`; a word with no residue, or whose decoding is not a
Vietnamese syllable ("grapefruit", "st25"), gives None. The decoded form is an extra
alternative for the word, never a replacement: "mangos" keeps matching "mangos".
"""

import functools
import re

_INITIAL = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
_VOWELS = r"(?:[aeiouy]{1,3})"
_FINAL = r"(?:ch|ng|nh|[cmnpt])?"
SYLLABLE = re.compile(f"^{_INITIAL}{_VOWELS}{_FINAL}$")

_TELEX_TONE_END = re.compile(r"(?<=[a-z])[sfrxjz]$")
_RESIDUE = re.compile(r"w|dd|aa|ee|oo|[fjz]|[aeiouy][sfrxj]|[a-z][sfrxj]$|[a-z][1-9]")


@functools.lru_cache(maxsize=4096)
def decode(word: str) -> str | None:
    """The folded syllable a Telex/VNI-typed *word* stands for, or None."""
    if not word or not word.isascii() or not _RESIDUE.search(word):
        return None
    if any(ch.isdigit() for ch in word):
        if not word[0].isalpha():
            return None
        out = re.sub(r"[1-9]", "", word).replace("dd", "d")
    else:
        out = _TELEX_TONE_END.sub("", word)
        # a tone key pressed before the final consonant: "tosi", "bafnh" (rarer)
        out = re.sub(r"(?<=[aeiouy])[sfrxj](?=[a-z])", "", out) if not SYLLABLE.match(out) else out
        out = out.replace("dd", "d")
        out = re.sub(r"([aeo])\1", r"\1", out)
        # the modifier typed after the syllable's other letters: "hauas" for "hấu"
        out = re.sub(r"([aeo])([a-z]+?)\1", r"\1\2", out, count=1)
        out = re.sub(r"(?<=[aou])w", "", out)
        out = out.replace("w", "u")
    if out == word or not SYLLABLE.match(out):
        return None
    return out
