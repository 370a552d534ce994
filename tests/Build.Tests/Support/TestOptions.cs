using Build.Context;
using Cake.Core.IO;

namespace Build.Tests.Support;

public static class TestOptions
{
    public static BuildOptions Default(BuildTarget target = BuildTarget.Production) => new()
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
