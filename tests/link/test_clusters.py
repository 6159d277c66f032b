"""The union-find's constraints: what must never be merged, whatever the evidence order."""

from kg.link.clusters import CLOSE, EXACT, Clusters
from kg.text.names import Dates


def test_two_dated_identities_never_merge_even_through_an_undated_member():
    c = Clusters()
    c.add("poet", Dates(1922, 2010), "Person")
    c.add("general", Dates(1920, 2013), "Person")
    c.add("undated", None, "Person")
    assert c.union("undated", "poet", CLOSE)
    assert not c.union("undated", "general", CLOSE)  # the undated one is now the poet
    assert not c.same("poet", "general") and c.refused == 1


def test_open_dates_are_compatible_with_closed_ones():
    c = Clusters()
    c.add("a", Dates(1955, None), "Person")
    c.add("b", Dates(1955, 2030), "Person")
    assert c.union("a", "b")


def test_a_person_and_an_organisation_never_merge_but_an_unqualified_agent_may():
    c = Clusters()
    c.add("person", None, "Person")
    c.add("body", None, "Organization")
    c.add("name", None, "Agent")
    assert not c.union("person", "body")
    assert c.union("name", "person")
    assert not c.union("name", "body")


def test_jurisdiction_and_organization_are_one_kind_of_body():
    c = Clusters()
    c.add("a", None, "Jurisdiction")
    c.add("b", None, "Organization")
    assert c.union("a", "b")


def test_different_pin_is_respected_across_transitive_merges():
    c = Clusters(different={"a": {"c"}, "c": {"a"}})
    for m in "abc":
        c.add(m, None, "Person")
    assert c.union("a", "b") and not c.union("b", "c") and not c.union("c", "a", forced=True)


def test_same_pin_overrides_dates_but_not_a_different_pin():
    c = Clusters()
    c.add("x", Dates(1900, 1950), "Person")
    c.add("y", Dates(1901, 1960), "Person")
    assert not c.union("x", "y") and c.union("x", "y", forced=True)


def test_exact_and_close_ties_are_told_apart():
    c = Clusters()
    for m in ("auth", "dated", "undated"):
        c.add(m, Dates(1765, 1820) if m != "undated" else None, "Person")
    c.union("auth", "dated", EXACT)
    c.union("auth", "undated", CLOSE)
    assert c.exact_with("dated", "auth") and not c.exact_with("undated", "auth")
    assert c.groups() == [["auth", "dated", "undated"]]
