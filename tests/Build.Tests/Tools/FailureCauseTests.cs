using Build.Tools;
using Cake.Core;

namespace Build.Tests.Tools;

public sealed class FailureCauseTests
{
    private const string MetadataNotLoaded = "127.0.0.1:9/nothing/python:3.12-slim: failed to resolve source metadata for " +
        "127.0.0.1:9/nothing/python:3.12-slim: dial tcp 127.0.0.1:9: connect: connection refused";

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(
            new[]
            {
                "Sending build context to Docker daemon  44.54kB", "Step 1/9 : ARG PYTHON_IMAGE", "Step 7/9 : RUN ./check.sh",
                " ---> Running in 0c2b1f", "check.sh: the lock is stale", "The command '/bin/sh -c ./check.sh' returned a non-zero code: 3",
            },
            new[] { "Step 7/9 : RUN ./check.sh", "check.sh: the lock is stale", "The command '/bin/sh -c ./check.sh' returned a non-zero code: 3" })
            .SetName("The_legacy_builder_shows_the_failing_step_and_what_it_printed");
        yield return new TestCaseData(
            new[]
            {
                "#7 [builder 3/6] RUN ./check.sh", "#7 0.21 check.sh: the lock is stale",
                "#7 ERROR: process \"/bin/sh -c ./check.sh\" did not complete successfully: exit code: 3",
                "------", " > [builder 3/6] RUN ./check.sh:", "#7 0.21 check.sh: the lock is stale", "------", "Dockerfile:14", "--------------------",
                "  14 | >>> RUN ./check.sh", "--------------------",
                "ERROR: failed to solve: process \"/bin/sh -c ./check.sh\" did not complete successfully: exit code: 3",
            },
            new[]
            {
                " > [builder 3/6] RUN ./check.sh:", "#7 0.21 check.sh: the lock is stale",
                "ERROR: failed to solve: process \"/bin/sh -c ./check.sh\" did not complete successfully: exit code: 3",
            })
            .SetName("BuildKit_shows_the_failed_step_block_and_the_solve_error");
        yield return new TestCaseData(
            new[]
            {
                "#6 [3/3] RUN exit 3", "#6 ERROR: executor failed running [/bin/sh -c exit 3]: exit code: 3", "------",
                " > [3/3] RUN exit 3:", "------", "executor failed running [/bin/sh -c exit 3]: exit code: 3",
            },
            new[] { " > [3/3] RUN exit 3:", "executor failed running [/bin/sh -c exit 3]: exit code: 3" })
            .SetName("The_BuildKit_of_dockerd_20_10_shows_the_failed_step_and_its_executor_error");
        yield return new TestCaseData(
            new[]
            {
                "Step 3/57 : FROM ${BUILDER_IMAGE} AS base",
                "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host",
            },
            new[]
            {
                "Step 3/57 : FROM ${BUILDER_IMAGE} AS base",
                "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host",
            })
            .SetName("A_pull_that_cannot_reach_the_registry_shows_no_such_host");
        yield return new TestCaseData(
            new[]
            {
                "#2 [internal] load metadata for 127.0.0.1:9/nothing/python:3.12-slim",
                "#2 ERROR: failed to do request: Head \"https://127.0.0.1:9/v2/nothing/python/manifests/3.12-slim\": " +
                    "dial tcp 127.0.0.1:9: connect: connection refused",
                "------", " > [internal] load metadata for 127.0.0.1:9/nothing/python:3.12-slim:", "------",
                MetadataNotLoaded,
            },
            new[]
            {
                " > [internal] load metadata for 127.0.0.1:9/nothing/python:3.12-slim:",
                MetadataNotLoaded,
            })
            .SetName("A_docker_20_10_client_on_a_newer_engine_closes_a_failed_metadata_load_with_its_own_line");
        yield return new TestCaseData(
            new[]
            {
                "Creating bridge_orchestrator_1 ... error", "ERROR: for bridge_orchestrator_1  Cannot start service orchestrator: port is already allocated",
                "ERROR: for orchestrator  Cannot start service orchestrator: port is already allocated",
                "ERROR: Encountered errors while bringing up the project.",
            },
            new[]
            {
                "Creating bridge_orchestrator_1 ... error", "ERROR: for bridge_orchestrator_1  Cannot start service orchestrator: port is already allocated",
                "ERROR: for orchestrator  Cannot start service orchestrator: port is already allocated",
                "ERROR: Encountered errors while bringing up the project.",
            })
            .SetName("Compose_v1s_error_lines_are_all_kept");
        yield return new TestCaseData(
            new[]
            {
                "Updating dependencies", "Resolving dependencies...", "", "  SolverProblemError", "",
                "  Because orchestrator depends on fastapi (>=99) which doesn't match any versions, version solving failed.",
            },
            new[]
            {
                "Updating dependencies", "Resolving dependencies...", "  SolverProblemError",
                "  Because orchestrator depends on fastapi (>=99) which doesn't match any versions, version solving failed.",
            })
            .SetName("Poetry_shows_its_own_message");
        yield return new TestCaseData(
            new[]
            {
                "\u001b[31mError response from daemon: pull access denied for nothing/here, " +
                "repository does not exist or may require 'docker login'\u001b[0m",
            },
            new[] { "Error response from daemon: pull access denied for nothing/here, repository does not exist or may require 'docker login'" })
            .SetName("Colours_are_removed_from_the_cause");
    }

    [TestCaseSource(nameof(Cases))]
    public void The_cause_is_the_meaningful_last_lines(string[] output, string[] cause) =>
        Assert.That(FailureCause.From(output), Is.EqualTo(cause));

    [Test]
    public void A_failure_leads_with_its_cause_and_shortens_the_command()
    {
        var command = ToolCommand.Create("docker", new Cake.Core.IO.DirectoryPath("/"), arguments =>
        {
            arguments.Append("build");
            for (var index = 0; index < 40; index++)
            {
                arguments.Append("--label").Append($"label{index}=value{index}");
            }
        });

        var error = BuildErrors.ToolFailed(command, 1, ["Step 7/9 : RUN ./check.sh", "check.sh: the lock is stale"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.StartWith(
                "Step 7/9 : RUN ./check.sh" + Environment.NewLine + "check.sh: the lock is stale" + Environment.NewLine +
                "docker failed (exit code 1): docker build --label label0=value0"));
            Assert.That(error.Message, Does.EndWith("… (whole command in the log above)"));
            Assert.That(error.Message, Does.Not.Contain("label39"));
        }
    }
}
