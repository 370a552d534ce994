using Build.PackageIndex;

namespace Build.Tests.PackageIndex;

public sealed class PackageIndexPlanTests
{
    private static readonly PackageIndexSource Own = new("omninode-index", PackageIndexPlan.ProjectIndexUrl);
    private static readonly PackageIndexSource Team = new("nexus", new Uri("https://nexus.example/simple/"));

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(null, true, false, false, false, PackageIndexAction.None).SetName("A_project_on_PyPI_needs_nothing");
        yield return new TestCaseData(Own, true, true, true, false, PackageIndexAction.None).SetName("An_answering_index_with_credentials_needs_nothing");
        yield return new TestCaseData(Own, true, false, false, false, PackageIndexAction.StartProjectIndex)
            .SetName("The_projects_own_index_is_started_when_nothing_answers");
        yield return new TestCaseData(Own, true, true, false, false, PackageIndexAction.StartProjectIndex)
            .SetName("The_projects_own_index_hands_over_its_credentials_when_they_are_not_set");
        yield return new TestCaseData(Own, true, true, false, true, PackageIndexAction.StartProjectIndex)
            .SetName("No_install_still_reads_the_credentials_of_an_answering_index");
        yield return new TestCaseData(Own, true, false, true, true, PackageIndexAction.FailNotReachable)
            .SetName("No_install_and_nothing_answering_is_an_error");
        yield return new TestCaseData(Own, false, false, false, false, PackageIndexAction.WarnNotReachable)
            .SetName("Without_the_script_the_index_is_a_teams_own");
        yield return new TestCaseData(Team, true, false, true, false, PackageIndexAction.WarnNotReachable)
            .SetName("A_teams_index_that_is_down_is_named_and_never_started");
        yield return new TestCaseData(Team, true, true, false, false, PackageIndexAction.None).SetName("A_teams_answering_index_is_left_alone");
    }

    [TestCaseSource(nameof(Cases))]
    public void Action(PackageIndexSource? source, bool hasScript, bool answers, bool credentialsSet, bool noInstall, PackageIndexAction expected) =>
        Assert.That(PackageIndexPlan.Decide(source, hasScript, answers, credentialsSet, noInstall).Action, Is.EqualTo(expected));

    [Test]
    public void The_no_install_error_names_the_index_and_the_way_out()
    {
        var reason = PackageIndexPlan.Decide(Own, true, false, false, true).Reason;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reason, Does.Contain("'omninode-index' at http://127.0.0.1:3141/simple/ is not reachable"));
            Assert.That(reason, Does.Contain("scripts/package-index.sh up"));
            Assert.That(reason, Does.Contain("--no-install"));
        }
    }
}
