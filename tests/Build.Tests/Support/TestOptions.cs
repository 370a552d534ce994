using Build.Context;
using Build.Images;
using Cake.Core.IO;

namespace Build.Tests.Support;

public static class TestOptions
{
    public static BuildOptions Default(ImageFlavour target = ImageFlavour.Production) => new()
    {
        RepositoryRoot = new DirectoryPath("/repo"),
        PythonProject = new DirectoryPath("/repo"),
        BuildTarget = target,
        DockerExecutable = "docker",
        PoetryExecutable = "poetry",
        ComposeFile = new FilePath("/repo/deployment/docker-compose.bridge.yml"),
        ProjectName = "omninode-bridge",
        ReportPath = new FilePath("/repo/artifacts/build-report.json"),
    };
}
