"""Reading a query: Telex residue, typo distance, slots with synonyms (no services)."""

import pytest

from search.expand import expand_query
from search.models import SearchWord, Synonym
from search.telex import decode
from search.text import parse_terms
from search.typos import corrections, distance_within


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("buwowir", "buoi"),
        ("nuwowcs", "nuoc"),
        ("mawms", "mam"),
        ("dduwaf", "dua"),
        ("thieeuf", "thieu"),
        ("hauas", "hau"),
        ("nhanx", "nhan"),
        ("bu7o73i", "buoi"),
    ],
)
def test_telex_and_vni_residue_is_decoded(typed, meant):
    assert decode(typed) == meant


@pytest.mark.parametrize("word", ["vai", "xoai", "grapefruit", "st25", "mangos", "sen"])
def test_plain_words_and_english_are_left_alone(word):
    assert decode(word) is None


def test_one_edit_counts_a_swap_of_neighbours_once():
    assert distance_within("tio", "toi", 1) == 1
    assert distance_within("xoai", "xoia", 1) == 1
    assert distance_within("thanh", "than", 1) == 1
    assert distance_within("ga", "ca", 0) is None
    assert distance_within("robsta", "robusta", 1) == 1
    assert distance_within("kkkkk", "dong", 1) is None


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["auto", "python"])  # auto: trigram on PostgreSQL
def test_typo_corrections_come_from_the_vocabulary_of_names(settings, mode):
    settings.SEARCH_FALLBACK_TYPOS = mode
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, length=len(w)) for w in ["toi", "ly", "son", "tom", "xoai", "song"]]
    )
    found = corrections(["tio", "sno", "xoia", "ly"])
    assert found["tio"] == ["toi"]
    assert found["sno"] == ["son"]
    assert found["xoia"] == ["xoai"]
    assert "ly" not in found  # two letters: no edit allowed


@pytest.mark.django_db
def test_a_query_becomes_slots_with_decodings_and_synonyms():
    Synonym.objects.create(terms="miến, glass noodles")
    query = expand_query("Glass Noodles heo buwowir durian l")
    assert [s.text for s in query.slots] == ["glass noodles", "heo", "buwowir", "durian", "l"]
    noodles, heo, buoi, durian, last = query.slots
    assert noodles.exact == ["miến"]
    assert durian.exact == ["sầu riêng"]  # English first, not Telex for "duian"
    assert heo.exact == ["lợn"]  # seeded by migration 0003
    assert buoi.folded[:2] == ["buwowir", "buoi"] and "grapefruit" in buoi.folded
    assert last.last and not heo.last
    assert query.decoded == "glass noodles heo buoi durian l"


def test_synonym_groups_need_two_different_words():
    assert parse_terms("Lợn,  heo ; lợn") == ["lợn", "heo"]
    assert parse_terms("!!!, heo") == ["heo"]
