namespace Build.Tools.Docker;

public static class DockerBuilders
{
    public static bool IsBuildKit(this DockerBuilder builder) => builder is DockerBuilder.BuildKitEnvironment or DockerBuilder.Buildx;

    public static string Describe(this DockerBuilder builder) => builder switch
    {
        DockerBuilder.Legacy => "legacy builder",
        DockerBuilder.BuildKitEnvironment => "BuildKit (DOCKER_BUILDKIT=1)",
        DockerBuilder.Buildx => "BuildKit (buildx)",
        _ => "not probed",
    };
}
