using Build.Context;
using Build.Images;
using Build.Tools.Docker;
using Cake.Core.IO;

namespace Build.Tests.Support;

/// <summary>Options as the parser makes them from an empty command line, in a repository at /repo.</summary>
public static class TestOptions
{
    public static BuildOptions Default(ImageFlavour target = ImageFlavour.Production) => new()
    {
        RepositoryRoot = new DirectoryPath("/repo"),
        PythonProject = new DirectoryPath("/repo"),
        BuildTarget = target,
        Registry = null,
        ExtraTags = [],
        BaseImage = null,
        BuilderImage = null,
        PoetryVersion = null,
        BuildCache = null,
        ProjectEngine = ProjectEngineKind.Debian12,
        ComposeFile = new FilePath("/repo/deployment/docker-compose.bridge.yml"),
        ProjectName = "omninode-bridge",
        WaitTimeout = TimeSpan.FromSeconds(OptionNames.WaitTimeout.DefaultValue),
        Scale = ScalePlan.None,
        RegistryUsername = null,
        RegistryPassword = null,
        PasswordFromStandardInput = false,
        SignKey = null,
        VerifyKey = null,
        ReportPath = new FilePath("/repo/artifacts/build-report.json"),
    };
}
