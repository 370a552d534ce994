namespace Build.Tests;

/// <summary>The exit codes are a contract with CI scripts: the README's table lists these numbers.</summary>
public sealed class ExitCodesTests
{
    private static IEnumerable<TestCaseData> Documented()
    {
        yield return new TestCaseData(ExitCodes.Failed, 1).SetName("A_failure_without_a_code_of_its_own_exits_1");
        yield return new TestCaseData(ExitCodes.BadInput, 2).SetName("Bad_input_exits_2");
        yield return new TestCaseData(ExitCodes.NoEngine, 3).SetName("No_engine_exits_3");
        yield return new TestCaseData(ExitCodes.NoCompose, 4).SetName("No_compose_exits_4");
        yield return new TestCaseData(ExitCodes.MissingDockerfile, 5).SetName("A_missing_Dockerfile_exits_5");
        yield return new TestCaseData(ExitCodes.StackNotAsAsked, 6).SetName("A_stack_not_as_asked_exits_6");
        yield return new TestCaseData(ExitCodes.VerifyViolations, 8).SetName("Verify_violations_exit_8");
        yield return new TestCaseData(ExitCodes.LoginRefused, 9).SetName("A_refused_login_exits_9");
        yield return new TestCaseData(ExitCodes.RegistryUnreachable, 10).SetName("An_unreachable_registry_exits_10");
        yield return new TestCaseData(ExitCodes.DockerClientBroken, 11).SetName("A_broken_docker_client_exits_11");
        yield return new TestCaseData(ExitCodes.NotASwarmManager, 12).SetName("An_engine_that_is_no_swarm_manager_exits_12");
        yield return new TestCaseData(ExitCodes.ToolMissing, 127).SetName("A_missing_tool_exits_127");
        yield return new TestCaseData(ExitCodes.Interrupted, 130).SetName("SIGINT_exits_130");
        yield return new TestCaseData(ExitCodes.Terminated, 143).SetName("SIGTERM_exits_143");
    }

    [TestCaseSource(nameof(Documented))]
    public void Each_exit_code_keeps_its_documented_number(int code, int documented) =>
        Assert.That(code, Is.EqualTo(documented));

    [Test]
    public void Every_error_kind_carries_its_exit_code()
    {
        using var scope = Assert.EnterMultipleScope();
        Assert.That(BuildErrors.BadOption("x").ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(BuildErrors.BadInputFile("x").ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(BuildErrors.LockNotFresh("x").ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(BuildErrors.StackNotAsAsked("x").ExitCode, Is.EqualTo(ExitCodes.StackNotAsAsked));
        Assert.That(BuildErrors.ToolNotFound("docker", "not found").ExitCode, Is.EqualTo(ExitCodes.ToolMissing));
    }
}
