using Build.Images.Digest;

namespace Build.Tests.Images.Digest;

public sealed class DockerfileInputsTests
{
    private const string Text = """
        # syntax comment
        ARG PYTHON_IMAGE=python:3.12-slim
        ARG BUILDER_IMAGE=${PYTHON_IMAGE}
        FROM ${BUILDER_IMAGE} AS base
        COPY --chown=10001:10001 tools/bridge-devtools/ tools/bridge-devtools/
        COPY pyproject.toml poetry.loc[k] \
             ./
        ADD ["scripts/entry.sh", "/entry.sh"]
        FROM base AS development
        COPY src/ src/
        FROM ${PYTHON_IMAGE} AS production
        COPY --from=base /app/.venv /app/.venv
        """;

    [Test]
    public void Context_sources_come_from_every_stage_but_not_from_other_stages()
    {
        var inputs = DockerfileInputs.Parse(Text);
        Assert.That(inputs.ContextSources, Is.EqualTo(new[] { "tools/bridge-devtools/", "pyproject.toml", "poetry.loc[k]", "scripts/entry.sh", "src/" }));
    }

    private static IEnumerable<TestCaseData> BaseCases()
    {
        yield return new TestCaseData(new Dictionary<string, string>(), new[] { "python:3.12-slim" }).SetName("Base_images_default_to_the_arg_defaults");
        yield return new TestCaseData(new Dictionary<string, string> { ["PYTHON_IMAGE"] = "p:1" }, new[] { "p:1" })
            .SetName("Builder_default_follows_the_python_build_arg");
        yield return new TestCaseData(new Dictionary<string, string> { ["PYTHON_IMAGE"] = "p:1", ["BUILDER_IMAGE"] = "b:2" }, new[] { "b:2", "p:1" })
            .SetName("Both_build_args_name_both_bases");
    }

    [TestCaseSource(nameof(BaseCases))]
    public void Base_images_resolve_args_and_skip_stage_names(Dictionary<string, string> args, string[] expected) =>
        Assert.That(DockerfileInputs.Parse(Text).BaseImages(args), Is.EqualTo(expected));
}
