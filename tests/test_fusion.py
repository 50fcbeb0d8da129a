"""Fusion of reports into events, roles over time, stories and near-duplicates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dateline.actors.resolve import resolve_persons
from dateline.actors.tenure import role_words, roles_held
from dateline.model import Document, EventReport, Evidence, Extraction, PersonMention, Place
from dateline.stories.fusion import fuse, same_event
from dateline.stories.grouping import group_stories, near_duplicates

TEXT = (
    "The ninth meeting of the defence council was held in Astana on Tuesday. Ministers of five states "
    "discussed border security, joint exercises and a plan of cooperation for the coming two years."
)


def _doc(doc_id: str, text: str = TEXT, published: date = date(2023, 6, 14)) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, published=published)


def _person(name: str, doc_id: str, role: str, affiliation: str) -> PersonMention:
    return PersonMention(name, role, affiliation, Evidence(doc_id, 0, 5, TEXT[:5], "participants"))


def _report(doc_id: str, start: date, end: date, ordinal: int = 9, **extra: object) -> EventReport:
    return EventReport(
        doc_id, 0, "meeting", title="9th meeting", organization="CSTO", series="CSTO Council of Defence Ministers",
        ordinal=ordinal, start=start, end=end, location=Place("Astana", "KAZ"),
        evidence=(Evidence(doc_id, 0, 5, TEXT[:5], "title"),), **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def test_same_event_by_organisation_and_ordinal() -> None:
    a = _report("d1", date(2023, 6, 12), date(2023, 6, 13))
    assert same_event(a, _report("d2", date(2023, 6, 13), date(2023, 6, 13)))
    assert not same_event(a, _report("d3", date(2023, 6, 12), date(2023, 6, 13), ordinal=10))
    # the report announcing the ninth meeting and the report of it held are one meeting
    assert same_event(a, _report("d4", date(2023, 6, 12), date(2023, 6, 13), status="planned"))
    assert not same_event(a, _report("d5", None, None, ordinal=10, status="planned"))  # type: ignore[arg-type]


def test_same_ordinal_of_unnamed_organisations_needs_the_same_series() -> None:
    """Fifth Caspian summit and fifth Quad summit: one number, two series, no organisation named."""
    caspian = _report("d1", date(2018, 8, 12), date(2018, 8, 12), ordinal=5)
    caspian = caspian.__class__(**{**caspian.__dict__, "organization": None, "series": "Caspian Summit"})
    quad = caspian.__class__(**{**caspian.__dict__, "document": "d2", "series": "Quad Leaders"})
    heads = caspian.__class__(**{**caspian.__dict__, "document": "d3", "series": "Caspian State Heads"})
    assert not same_event(caspian, quad)
    assert same_event(caspian, heads)


def test_fuse_two_reports_records_date_conflict_and_chooses_the_range() -> None:
    bekov_1 = _person("Ruslan Bekov", "d1", "Minister of Defence", "KAZ")
    bekov_2 = _person("R. Bekov", "d2", "Defence Minister", "KAZ")
    a = _report("d1", date(2023, 6, 12), date(2023, 6, 13), participants=(bekov_1,))
    b = _report("d2", date(2023, 6, 13), date(2023, 6, 13), participants=(bekov_2,))
    other = _report("d3", date(2023, 9, 1), date(2023, 9, 1), ordinal=10)
    extractions = [Extraction(_doc(r.document), (r,), r.participants) for r in (a, b, other)]
    resolution = resolve_persons(extractions)
    fused = fuse([a, b, other], resolution, {x.document.id: x.document for x in extractions})
    assert len(fused.events) == 2
    event = next(e for e in fused.events if e.ordinal == 9)
    assert event.documents == ("d1", "d2")
    assert (event.start, event.end) == (date(2023, 6, 12), date(2023, 6, 13))
    (conflict,) = [c for c in event.conflicts if c.field == "dates"]
    assert len(conflict.versions) == 2
    assert conflict.chosen == "2023-06-12/2023-06-13"
    assert "specific" in conflict.rule
    assert fused.member_of[("d1", 0)] == fused.member_of[("d2", 0)] == event.id
    (participant,) = event.participants
    assert participant.documents == ("d1", "d2")


def test_partial_dates_get_the_year_of_the_other_report() -> None:
    a = _report("d1", date(2023, 6, 12), date(2023, 6, 13))
    b = EventReport("d2", 0, "meeting", organization="CSTO", ordinal=9, partial_dates="--06-12/--06-13")
    fused = fuse([a, b], resolve_persons([]), {"d1": _doc("d1"), "d2": _doc("d2")})
    (event,) = fused.events
    assert (event.start, event.end) == (date(2023, 6, 12), date(2023, 6, 13))
    assert not [c for c in event.conflicts if c.field == "dates"]


def test_role_words_join_wordings() -> None:
    assert role_words("Secretary of the Security Council") == role_words("Security Council Secretary")
    assert role_words("Minister of Defence") == role_words("Defense Minister")
    assert role_words("Secretary-General") != role_words("Secretary")


def test_roles_held_dated_by_the_event() -> None:
    a = _report(
        "d1",
        date(2023, 6, 12),
        date(2023, 6, 13),
        participants=(_person("Ruslan Bekov", "d1", "Minister of Defence", "KAZ"),),
    )
    extraction = Extraction(_doc("d1"), (a,), ())
    resolution = resolve_persons([extraction])
    fused = fuse([a], resolution, {"d1": extraction.document})
    roles = roles_held([extraction], fused.events, resolution, {"d1": extraction.document})
    (role,) = roles[resolution.actor_of[("d1", "Ruslan Bekov")]]
    assert (role.title, role.affiliation) == ("Minister of Defence", "KAZ")
    assert (role.first_seen, role.last_seen) == (date(2023, 6, 12), date(2023, 6, 13))


def test_an_office_named_by_an_undated_report_is_dated_by_the_meeting_it_reports() -> None:
    """d2 has no publication date and names Aida Nurova only as a person, not at the meeting: her office
    is dated by the meeting d2 reports."""
    a = _report("d1", date(2023, 6, 12), date(2023, 6, 13))
    b = replace(_report("d2", date(2023, 6, 12), date(2023, 6, 13)), start=None, end=None)
    first = Extraction(_doc("d1"), (a,), ())
    undated = replace(_doc("d2"), published=None)
    second = Extraction(undated, (b,), (_person("Aida Nurova", "d2", "President", "KGZ"),))
    documents = {"d1": first.document, "d2": undated}
    resolution = resolve_persons([first, second])
    fused = fuse([a, b], resolution, documents)
    roles = roles_held([first, second], fused.events, resolution, documents)
    (role,) = roles[resolution.actor_of[("d2", "Aida Nurova")]]
    assert (role.first_seen, role.last_seen) == (date(2023, 6, 12), date(2023, 6, 13))


def test_near_duplicates_finds_a_copy_only() -> None:
    copy = TEXT.replace("Tuesday", "Tuesday, officials said")
    unrelated = "Farmers in the south harvested a record wheat crop this autumn despite a dry summer and late rains."
    documents = [_doc("a", TEXT), _doc("b", copy), _doc("c", unrelated)]
    assert near_duplicates(documents) == {"b": "a"}


def test_group_stories_puts_a_copy_with_its_original() -> None:
    copy = TEXT.replace("Tuesday", "Tuesday, officials said")
    unrelated = "Farmers in the south harvested a record wheat crop this autumn despite a dry summer and late rains."
    stories = group_stories([_doc("a", TEXT), _doc("b", copy), _doc("c", unrelated)], [])
    by_doc = {d: s for s in stories for d in s.documents}
    assert by_doc["a"] is by_doc["b"]
    assert by_doc["c"] is not by_doc["a"]
    assert ("b", "a") in by_doc["a"].duplicates


def test_undated_report_joins_by_its_publication_date() -> None:
    dated = _report("d1", date(2023, 6, 12), date(2023, 6, 13), ordinal=None)
    undated = EventReport(
        "d2", 0, "meeting", title="meeting", organization="CSTO", series="CSTO Defence Ministers",
        location=Place("Astana", "KAZ"), evidence=(Evidence("d2", 0, 5, TEXT[:5], "title"),),
    )  # fmt: skip
    assert same_event(undated, dated, {"d2": date(2023, 6, 14)})
    assert not same_event(undated, dated, {"d2": date(2023, 9, 1)})  # months later: another meeting


def test_reports_worded_apart_join_by_the_people_taking_part() -> None:
    people = [("Ruslan Bekov", "KAZ"), ("Ivan Kubrakov", "BLR"), ("Sherali Nazarov", "TJK")]

    def report(doc_id: str, series: str) -> EventReport:
        return EventReport(
            doc_id, 0, "meeting", organization="CSTO", series=series, start=date(2023, 6, 12),
            end=date(2023, 6, 12), participants=tuple(_person(n, doc_id, "Minister", a) for n, a in people),
            evidence=(Evidence(doc_id, 0, 5, TEXT[:5], "title"),),
        )  # fmt: skip

    a, b = report("d1", "CSTO Council of Defence Ministers"), report("d2", "CSTO Russia-led Military Chiefs")
    extractions = [Extraction(_doc(d), (r,), r.participants) for d, r in (("d1", a), ("d2", b))]
    resolution = resolve_persons(extractions)
    assert not same_event(a, b)  # the words alone do not say so
    assert same_event(a, b, None, resolution)
    lone = EventReport(
        "d3", 0, "meeting", organization="CSTO", series="CSTO Border Guards", start=date(2023, 6, 12),
        end=date(2023, 6, 12), participants=(_person("Ruslan Bekov", "d3", "Minister", "KAZ"),),
        evidence=(Evidence("d3", 0, 5, TEXT[:5], "title"),),
    )  # fmt: skip
    assert not same_event(a, lone, None, resolution)  # one shared person is not enough


def test_a_president_named_with_no_country_is_the_host_countrys() -> None:
    host = PersonMention("Almaz Toktobaev", "President", None, Evidence("d1", 0, 5, TEXT[:5], "received_by"))
    report = _report("d1", date(2023, 6, 12), date(2023, 6, 12), received_by=(host,))
    resolution = resolve_persons([Extraction(_doc("d1"), (report,), (host,))])
    (event,) = fuse([report], resolution, {"d1": _doc("d1")}).events
    assert [(p.name, p.affiliation) for p in event.received_by] == [("Almaz Toktobaev", "KAZ")]  # held in Astana


def test_a_call_on_the_host_reported_alone_joins_the_meeting_of_those_days() -> None:
    """One article reports the meeting, another only that the ministers called on the president: the host
    is the meeting's, the second article its document, and the call stays an event of its own."""
    meeting = _report("d1", date(2023, 6, 12), date(2023, 6, 13))
    host = PersonMention("Almaz Toktobaev", "President", "KAZ", Evidence("d2", 0, 5, TEXT[:5], "received_by"))
    call = EventReport(
        "d2", 0, "reception", title="Reception of delegations by President Almaz Toktobaev", organization="CSTO",
        start=date(2023, 6, 13), end=date(2023, 6, 13), location=Place("Nur-Sultan", "KAZ"), received_by=(host,),
        evidence=(Evidence("d2", 0, 5, TEXT[:5], "received_by"),),
    )  # fmt: skip
    elsewhere = EventReport("d3", 0, "reception", organization="CSTO", start=date(2023, 9, 1), received_by=(host,))
    extractions = [Extraction(_doc(r.document), (r,), r.received_by) for r in (meeting, call, elsewhere)]
    resolution = resolve_persons(extractions)
    alone = fuse([meeting], resolution, {x.document.id: x.document for x in extractions}).events[0]
    fused = fuse([meeting, call, elsewhere], resolution, {x.document.id: x.document for x in extractions})
    (event,) = [e for e in fused.events if e.type == "meeting"]
    assert event.id == alone.id
    assert [p.name for p in event.received_by] == ["Almaz Toktobaev"]
    assert event.documents == ("d1", "d2")
    assert (event.location, event.title, event.start) == (Place("Astana", "KAZ"), "9th meeting", date(2023, 6, 12))
    receptions = [e for e in fused.events if e.type == "reception"]
    assert sorted(e.documents for e in receptions) == [("d2",), ("d3",)]  # months later: no meeting of its own
    assert fused.member_of[("d2", 0)] != event.id


def test_one_meeting_reported_on_each_of_its_two_days_spans_both() -> None:
    first = _report("d1", date(2022, 11, 29), date(2022, 11, 29), ordinal=None)  # type: ignore[arg-type]
    second = _report("d2", date(2022, 11, 30), date(2022, 11, 30), ordinal=None)  # type: ignore[arg-type]
    assert same_event(first, second)
    extractions = [Extraction(_doc(r.document), (r,), ()) for r in (first, second)]
    fused = fuse([first, second], resolve_persons(extractions), {x.document.id: x.document for x in extractions})
    (event,) = fused.events
    assert (event.start, event.end) == (date(2022, 11, 29), date(2022, 11, 30))
    assert any(c.field == "dates" and "consecutive" in c.rule for c in event.conflicts)


def _unanchored(doc_id: str, city: str | None = None) -> EventReport:
    return EventReport(
        doc_id, 0, "meeting", title="CSTO summit", organization="CSTO", status="held",
        location=Place(city, None) if city else Place(), evidence=(Evidence(doc_id, 0, 5, TEXT[:5], "title"),),
    )  # fmt: skip


def test_an_undated_unnumbered_report_joins_the_one_event_of_its_organisation() -> None:
    numbered = _report("d1", date(2023, 6, 12), date(2023, 6, 13), status="held")
    docs = {"d1": _doc("d1"), "d2": _doc("d2", published=None), "d3": _doc("d3", published=None)}  # type: ignore[arg-type]
    fused = fuse([numbered, _unanchored("d2"), _unanchored("d3", "Minsk")], resolve_persons([]), docs)
    assert fused.member_of[("d1", 0)] == fused.member_of[("d2", 0)]
    assert fused.member_of[("d3", 0)] != fused.member_of[("d1", 0)]  # another city: another meeting
    # with two events of the organisation in the batch, nothing tells which: it stays apart
    other = _report("d4", date(2023, 11, 2), date(2023, 11, 2), ordinal=10, status="held")
    fused = fuse([numbered, other, _unanchored("d2")], resolve_persons([]), {**docs, "d4": _doc("d4")})
    assert fused.member_of[("d2", 0)] not in {fused.member_of[("d1", 0)], fused.member_of[("d4", 0)]}


def test_yearless_report_joins_the_one_event_holding_its_day() -> None:
    """An undated copy that says only "Oct. 5" joins the one held meeting of its organisation on 5 October;
    a yearless day outside that meeting's days keeps it apart."""
    held = _report("d1", date(2021, 10, 5), date(2021, 10, 5), status="held")
    yearless = replace(_unanchored("d2"), partial_dates="--10-05/--10-05")
    other_day = replace(_unanchored("d3"), partial_dates="--03-14/--03-14")
    docs = {"d1": _doc("d1"), "d2": _doc("d2", published=None), "d3": _doc("d3", published=None)}  # type: ignore[arg-type]
    fused = fuse([held, yearless], resolve_persons([]), docs)
    assert fused.member_of[("d1", 0)] == fused.member_of[("d2", 0)]
    fused = fuse([held, other_day], resolve_persons([]), docs)
    assert fused.member_of[("d1", 0)] != fused.member_of[("d3", 0)]


def test_one_town_under_two_names_is_one_meeting() -> None:
    """A report placing the meeting in "Delhi" and an undated one placing it in "New Delhi" (names the
    gazetteer gives one town) report one meeting; one in another town does not."""
    held = replace(_report("d1", date(2021, 3, 2), date(2021, 3, 2), status="held"), location=Place("New Delhi", "IND"))
    docs = {"d1": _doc("d1"), "d2": _doc("d2", published=None), "d3": _doc("d3", published=None)}  # type: ignore[arg-type]
    fused = fuse([held, _unanchored("d2", "Delhi"), _unanchored("d3", "Mumbai")], resolve_persons([]), docs)
    assert fused.member_of[("d1", 0)] == fused.member_of[("d2", 0)] != fused.member_of[("d3", 0)]


def test_reports_naming_only_the_country_count_for_the_town_another_names() -> None:
    """Two reports say "in Kazakhstan", one "in Astana, Kazakhstan": the meeting was in Astana."""
    reports = [
        replace(_report(doc, date(2023, 6, 12), date(2023, 6, 13)), location=place)
        for doc, place in (("d1", Place(None, "KAZ")), ("d2", Place(None, "KAZ")), ("d3", Place("Astana", "KAZ")))
    ]
    (event,) = fuse(reports, resolve_persons([]), {d: _doc(d) for d in ("d1", "d2", "d3")}).events
    assert event.location == Place("Astana", "KAZ")


def test_an_office_is_dated_by_the_numbered_meeting_its_report_was_fused_into() -> None:
    """d2 dates the 9th meeting by a sentence on an earlier one; fused with d1's 9th meeting of the same
    organisation, the office is dated by the meeting's agreed dates, not by d2's slip."""
    a = _report("d1", date(2023, 6, 12), date(2023, 6, 13))
    b = _report("d2", date(2023, 6, 12), date(2023, 6, 13))
    c = _report("d3", date(2023, 6, 12), date(2023, 6, 13))
    slip = replace(b, start=date(2021, 2, 1), end=date(2021, 2, 1),
                   participants=(_person("Aida Nurova", "d2", "President", "KGZ"),))  # fmt: skip
    extractions = [Extraction(_doc(r.document), (r,), ()) for r in (a, slip, c)]
    documents = {e.document.id: e.document for e in extractions}
    resolution = resolve_persons(extractions)
    fused = fuse([a, slip, c], resolution, documents)
    (role,) = roles_held(extractions, fused.events, resolution, documents)[resolution.actor_of[("d2", "Aida Nurova")]]
    assert (role.first_seen, role.last_seen) == (date(2023, 6, 12), date(2023, 6, 13))


def test_the_fuller_name_of_one_town_is_the_meetings_place() -> None:
    """"Ho Chi Minh" and "Ho Chi Minh City", one report each: the name holding the other's words wins."""
    reports = [
        replace(_report(doc, date(2023, 6, 12), date(2023, 6, 12)), location=Place(city, "VNM"))
        for doc, city in (("d1", "Ho Chi Minh"), ("d2", "Ho Chi Minh City"))
    ]
    (event,) = fuse(reports, resolve_persons([]), {d: _doc(d) for d in ("d1", "d2")}).events
    assert event.location == Place("Ho Chi Minh City", "VNM")


def test_a_report_announcing_an_unnumbered_meeting_joins_the_report_of_it_held() -> None:
    """Announced for 12-13 June, reported held on 13 June: one meeting, the held report's day wins; an
    announcement for other days, or of another organisation, stays apart."""
    held = _report("d1", date(2023, 6, 13), date(2023, 6, 13), ordinal=None, status="held")  # type: ignore[arg-type]
    announced = _report("d2", date(2023, 6, 12), date(2023, 6, 13), ordinal=None, status="planned")  # type: ignore[arg-type]
    later = _report("d3", date(2023, 9, 1), date(2023, 9, 1), ordinal=None, status="planned")  # type: ignore[arg-type]
    other = replace(announced, document="d4", organization="SCO", series="SCO Council of Defence Ministers")
    assert same_event(held, announced) and same_event(announced, held)
    assert not same_event(held, later) and not same_event(held, other)
    docs = {d: _doc(d) for d in ("d1", "d2")}
    (event,) = fuse([held, announced], resolve_persons([]), docs).events
    assert (event.start, event.end, event.documents) == (date(2023, 6, 13), date(2023, 6, 13), ("d1", "d2"))


def test_a_held_meeting_known_by_nothing_but_its_name_is_no_event() -> None:
    """No date, organisation, chair, participant or host in any report ("the Western Conference standings",
    "their first meeting this season"): nothing is recorded of it, and its report belongs to no event."""
    bare = replace(_report("d1", None, None), organization=None, series="Western", ordinal=None,  # type: ignore[arg-type]
                   location=Place())  # fmt: skip
    dated = replace(bare, document="d2", start=date(2023, 6, 12), end=date(2023, 6, 12))
    named = replace(bare, document="d3", organization="CSTO")
    planned = replace(bare, document="d5", status="planned")
    docs = {d: _doc(d) for d in ("d1", "d2", "d3", "d5")}
    for report, kept in ((bare, False), (dated, True), (named, True), (planned, True)):
        fused = fuse([report], resolve_persons([]), docs)  # each alone: alike, they would be one meeting
        assert ((report.document, 0) in fused.member_of) is kept, report.document
        assert len(fused.events) == int(kept)
