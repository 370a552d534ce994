using Build.Images;
using Build.Tools;

namespace Build.Tests.Images;

public sealed class DockerBuildOutputTests
{
    private static readonly string[] Dockerfile =
    [
        "# syntax=docker/dockerfile:1",
        "FROM omninode/python:3.11-bookworm AS base",
        "RUN set -eux; \\",
        "    echo one",
        "RUN echo \"the bridge needs libbridge\" >&2; exit 3",
        "CMD [\"python\"]",
    ];

    private static readonly object[] Outputs =
    [
        new object[]
        {
            "legacy builder, a failed RUN",
            new[]
            {
                "Step 3/4 : RUN echo \"the bridge needs libbridge\" >&2; exit 3",
                "The command '/bin/sh -c echo \"the bridge needs libbridge\" >&2; exit 3' returned a non-zero code: 3",
            },
            5,
        },
        new object[]
        {
            "BuildKit on 20.10, a failed RUN",
            new[] { "#7 ERROR: executor failed running [/bin/sh -c echo \"the bridge needs libbridge\" >&2; exit 3]: exit code: 3" },
            5,
        },
        new object[]
        {
            "BuildKit today, its Dockerfile excerpt",
            new[]
            {
                " > [base 2/3] RUN echo:", "Dockerfile:5", "--------------------",
                "ERROR: failed to solve: process \"/bin/sh -c echo\" did not complete successfully: exit code: 3",
            },
            5,
        },
        new object[] { "a parse error", new[] { "Error response from daemon: dockerfile parse error line 4: unknown instruction: FROBNICATE" }, 4 },
        new object[]
        {
            "BuildKit's parse error",
            new[]
            {
                "failed to solve with frontend dockerfile.v0: failed to create LLB definition: " +
                "dockerfile parse error on line 2: unknown instruction: FROBNICATE",
            },
            2,
        },
        new object[] { "nothing that names a line", new[] { "Cannot connect to the Docker daemon" }, null! },
    ];

    [TestCaseSource(nameof(Outputs))]
    public void A_failed_build_blames_the_Dockerfile_line_docker_names(string form, string[] output, int? line)
    {
        Assert.That(DockerBuildOutput.BlamedLine(output, Dockerfile), Is.EqualTo(line), form);
    }

    [Test]
    public void The_tool_message_keeps_the_last_lines_without_colour_codes_or_blank_lines()
    {
        var tail = new OutputTail(2);
        var passed = new List<string>();
        var keep = tail.Keep(passed.Add);
        foreach (var line in new[] { "first", "\u001b[91mthe bridge needs libbridge", "  ", "\u001b[0mreturned a non-zero code: 3" })
        {
            keep(line);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(passed, Has.Count.EqualTo(4));
            Assert.That(DockerBuildOutput.Message(tail.Lines), Is.EqualTo("returned a non-zero code: 3"));
        }
    }
}
