"""resolve_persons over hand-made extractions: spellings, initials, surnames."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.actors.resolve import resolve_persons, surface_key
from dateline.actors.tenure import roles_held
from dateline.model import Document, Evidence, Extraction, PersonMention


def _doc(doc_id: str) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text="", published=date(2023, 6, 14))


def _person(name: str, doc_id: str, role: str | None = None, affiliation: str | None = None) -> PersonMention:
    return PersonMention(name, role, affiliation, Evidence(doc_id, 0, len(name), name, "person"))


@pytest.fixture
def resolution():
    first = Extraction(
        _doc("d1"), (), (_person("Djumakadyrov", "d1"), _person("I. A. Karimov", "d1", "Minister", "UZB"))
    )
    second = Extraction(
        _doc("d2"),
        (),
        (
            _person("T. K. Jumakadyrov", "d2", "Secretary", "KGZ"),
            _person("R. K. Alimov", "d2", "Secretary-General", "SCO"),
        ),
    )
    third = Extraction(
        _doc("d3"), (), (_person("Ruslan Bekov", "d3", "Minister of Defence", "KAZ"), _person("Bekov", "d3"))
    )
    return resolve_persons([first, second, third])


def test_transliterated_surname_joins_full_name(resolution) -> None:
    assert resolution.actor_of[("d1", "Djumakadyrov")] == resolution.actor_of[("d2", "T. K. Jumakadyrov")]
    assert resolution.names[resolution.actor_of[("d1", "Djumakadyrov")]] == "T. K. Jumakadyrov"


def test_different_initials_never_join(resolution) -> None:
    assert resolution.actor_of[("d1", "I. A. Karimov")] != resolution.actor_of[("d2", "R. K. Alimov")]
    assert len(set(resolution.actor_of.values())) == 4


def test_surname_joins_full_name_in_same_document(resolution) -> None:
    actor = resolution.actor_of[("d3", "Bekov")]
    assert actor == resolution.actor_of[("d3", "Ruslan Bekov")]
    assert resolution.names[actor] == "Ruslan Bekov"
    assert {a.text for a in resolution.aliases[actor]} == {"Bekov", "Ruslan Bekov"}


def test_alias_records_why_the_surname_joined(resolution) -> None:
    actor = resolution.actor_of[("d3", "Bekov")]
    reasons = {a.text: a.reason for a in resolution.aliases[actor]}
    assert "surname of 'Ruslan Bekov'" in reasons["Bekov"]


def test_initials_conflict_across_groups_blocks_join() -> None:
    a = Extraction(_doc("a"), (), (_person("A. B. Saidov", "a", "Minister", "UZB"), _person("Saidov", "a")))
    b = Extraction(_doc("b"), (), (_person("K. M. Saidov", "b", "Minister", "TJK"),))
    result = resolve_persons([a, b])
    assert result.actor_of[("a", "A. B. Saidov")] != result.actor_of[("b", "K. M. Saidov")]
    assert result.actor_of[("a", "Saidov")] == result.actor_of[("a", "A. B. Saidov")]


def test_surface_key_ignores_spacing_and_case() -> None:
    assert surface_key("N. P.Patrushev") == surface_key("n. p. patrushev")


def test_a_form_seen_again_in_another_document_says_so() -> None:
    mentions = [
        PersonMention("T. K. Sadykov", "Minister", "KGZ", Evidence(doc, 0, 5, "xxxxx", "person"))
        for doc in ("d1", "d2")
    ]
    extractions = [Extraction(Document(id=m.evidence.document, path="x", text="xxxxx"), (), (m,)) for m in mentions]
    resolution = resolve_persons(extractions)
    (aliases,) = resolution.aliases.values()
    assert [a.reason for a in aliases] == ["first seen", "same surface form as in d1"]


def test_other_traditions_join_across_and_within_documents() -> None:
    first = Extraction(
        _doc("d1"),
        (),
        (
            _person("Yoshihide Suga", "d1", "Prime Minister", "JPN"),
            _person("Herman Van Rompuy", "d1"),
            _person("Van Rompuy", "d1"),
            _person("Andrés Manuel López Obrador", "d1"),
            _person("López Obrador", "d1"),
        ),
    )
    second = Extraction(
        _doc("d2"), (), (_person("Suga Yoshihide", "d2"), _person("H.E. Dr. Abiy Ahmed Ali", "d2"))
    )
    third = Extraction(_doc("d3"), (), (_person("Abiy Ahmed", "d3"), _person("Hamad bin Khalifa Al Thani", "d3")))
    fourth = Extraction(_doc("d4"), (), (_person("Tamim bin Hamad Al Thani", "d4"),))
    resolution = resolve_persons([first, second, third, fourth])
    actor = resolution.actor_of
    assert actor[("d1", "Yoshihide Suga")] == actor[("d2", "Suga Yoshihide")]
    assert actor[("d1", "Van Rompuy")] == actor[("d1", "Herman Van Rompuy")]
    assert actor[("d1", "López Obrador")] == actor[("d1", "Andrés Manuel López Obrador")]
    assert actor[("d3", "Abiy Ahmed")] == actor[("d2", "H.E. Dr. Abiy Ahmed Ali")]
    assert actor[("d3", "Hamad bin Khalifa Al Thani")] != actor[("d4", "Tamim bin Hamad Al Thani")]
    reasons = {a.text: a.reason for a in resolution.aliases[actor[("d1", "Yoshihide Suga")]]}
    assert "other order" in reasons.get("Suga Yoshihide", "") + reasons.get("Yoshihide Suga", "")


def test_a_role_stated_elsewhere_fills_a_participant_without_one() -> None:
    def doc(doc_id: str, day: int) -> Document:
        return Document(id=doc_id, path=f"{doc_id}.txt", text="", published=date(2023, 6, day))

    stated = (_person("Anna Berg", "d1", "Foreign Minister", "SWE"), _person("Anna Berg", "d1"))
    first = Extraction(doc("d1", 14), (), stated)
    second = Extraction(doc("d2", 20), (), (_person("Anna Berg", "d2", None, "SWE"),))
    third = Extraction(doc("d3", 30), (), (_person("Anna Berg", "d3", None, "SWE"),))
    resolution = resolve_persons([first, second, third])
    actor = resolution.actor_of[("d1", "Anna Berg")]
    assert resolution.stated_role("d1", actor, None) == "Foreign Minister"  # the same report
    assert resolution.stated_role("d2", actor, "SWE") == "Foreign Minister"  # six days later
    assert resolution.stated_role("d2", actor, "NOR") is None  # another affiliation
    assert resolution.stated_role("d3", actor, "SWE") is None  # sixteen days later


def test_a_one_word_style_written_before_a_name_is_a_form_seen_and_an_abbreviation_is_not() -> None:
    said = Evidence("d1", 0, 33, "Sheikh Amina Rahim and Mr. Karl Berg", "person")
    styled = PersonMention("Amina Rahim", "Prime Minister", "BGD", said, honorific="Sheikh")
    mister = PersonMention("Karl Berg", "Minister", None, said, honorific="Mr.")
    resolution = resolve_persons([Extraction(_doc("d1"), (), (styled, mister))])
    forms = {a.text for aliases in resolution.aliases.values() for a in aliases}
    assert forms == {"Amina Rahim", "Sheikh Amina Rahim", "Karl Berg"}


def test_the_one_affiliation_other_mentions_state_fills_a_mention_without_one() -> None:
    """"Foreign Minister Anna Berg" with no country: every mention that names one says SWE, so she stands
    for SWE and her office is SWE's; a person said of two states gets none; one also said to chair an
    organisation keeps the one state."""
    first = Extraction(
        _doc("d1"), (), (_person("Anna Berg", "d1", "Foreign Minister", None), _person("Lars Dahl", "d1", "Envoy"),
                         _person("Eva Holm", "d1", "President"))
    )
    second = Extraction(
        _doc("d2"),
        (),
        (_person("Anna Berg", "d2", "Foreign Minister", "SWE"), _person("Lars Dahl", "d2", "Envoy", "NOR"),
         _person("Lars Dahl", "d2", "Envoy", "DNK"), _person("Eva Holm", "d2", "President", "FIN"),
         _person("Eva Holm", "d2", "Chair", "NORDIC")),
    )  # fmt: skip
    resolution = resolve_persons([first, second])
    berg, dahl = resolution.actor_of[("d1", "Anna Berg")], resolution.actor_of[("d1", "Lars Dahl")]
    assert (resolution.sole_affiliation(berg), resolution.sole_affiliation(dahl)) == ("SWE", None)
    assert resolution.sole_affiliation(resolution.actor_of[("d1", "Eva Holm")]) == "FIN"
    roles = roles_held([first, second], [], resolution, {"d1": first.document, "d2": second.document})
    assert [(r.title, r.affiliation) for r in roles[berg]] == [("Foreign Minister", "SWE")]


def test_a_shorter_form_ending_exactly_one_known_fuller_name_joins_it_across_documents() -> None:
    """"Kwesi Bona" (d2) is the end of "Ato Kwesi Bona" (d1) and of no one else: one person. "Ama Sefa" ends
    two fuller names of other reports: left alone."""
    d1 = Extraction(_doc("d1"), (), (_person("Ato Kwesi Bona", "d1", "President", "GHA"),
                                     _person("Kofi Ama Sefa", "d1"), _person("Yaw Ama Sefa", "d1")))  # fmt: skip
    d2 = Extraction(_doc("d2"), (), (_person("Kwesi Bona", "d2"), _person("Ama Sefa", "d2")))
    resolution = resolve_persons([d1, d2])
    assert resolution.actor_of[("d2", "Kwesi Bona")] == resolution.actor_of[("d1", "Ato Kwesi Bona")]
    assert resolution.actor_of[("d2", "Ama Sefa")] not in {
        resolution.actor_of[("d1", "Kofi Ama Sefa")],
        resolution.actor_of[("d1", "Yaw Ama Sefa")],
    }


def test_a_given_or_surname_word_alone_joins_the_one_full_name_of_its_article() -> None:
    from dateline.events.detect import extract
    from dateline.nlp import annotate

    text = (
        "VIENTIANE, March 4, 2024 -- Chinese Foreign Minister Zhao Lin and Thai Foreign Minister Somchai "
        "Rattanakorn co-chaired the 12th Mekong Ministerial Meeting in Vientiane on Monday.\n"
        "Zhao, also a member of the State Council, said cooperation had grown.\n"
        "Somchai arrived in Vientiane on Sunday evening.\n"
        "Brazilian President Paulo Roberto Tico da Costa also attended the meeting. Tico, for his part, pledged "
        "support. Da Costa added that trade matters."
    )
    (annotated,) = annotate([Document(id="d1", path="d1.txt", text=text, published=date(2024, 3, 4))])
    actor = resolve_persons([extract(annotated)]).actor_of
    assert actor[("d1", "Zhao")] == actor[("d1", "Zhao Lin")]  # surname first
    assert actor[("d1", "Somchai")] == actor[("d1", "Somchai Rattanakorn")]  # a Thai given name
    assert actor[("d1", "Tico")] == actor[("d1", "Paulo Roberto Tico da Costa")]  # a popular name inside
    assert actor[("d1", "Da Costa")] == actor[("d1", "Paulo Roberto Tico da Costa")]  # "da": a family particle
    assert len(set(actor.values())) == 3
