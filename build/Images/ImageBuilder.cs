using Build.Reporting;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Build.Images;

/// <summary>Builds one planned image: checks its Dockerfile, chooses the builder options, runs `docker build`.</summary>
public static class ImageBuilder
{
    /// <summary>The settings of `docker build` for a spec on a given engine: a pure function, tested by table.</summary>
    public static DockerBuildSettings Settings(ImageSpec spec, BuildOptionsView options, DockerBuilder builder) => new(spec.Dockerfile, ".")
    {
        Target = spec.Stage,
        Tags = spec.References.ToArray(),
        Labels = spec.Labels,
        BuildArgs = spec.BuildArgs,
        Pull = options.Pull,
        NoCache = options.NoCache,
        // BuildKit can reuse the layers of the image this build replaces (inline cache); the legacy builder cannot
        // use an image it did not build itself, so it gets no --cache-from.
        CacheFrom = builder.IsBuildKit() && !options.NoCache ? [spec.PrimaryReference] : [],
        Builder = builder,
        Progress = builder.IsBuildKit() ? "plain" : null,
    };

    public static void Build(BuildContext context, ImageSpec spec, Action<string>? outputLine = null)
    {
        var dockerfile = context.Options.RepositoryRoot.CombineWithFilePath(spec.Dockerfile).FullPath;
        if (!File.Exists(dockerfile))
        {
            throw new CakeException(5, $"{spec.Dockerfile} is missing: {spec.PrimaryReference} is built from it (stage {spec.Stage}). Restore it from git (git checkout -- {spec.Dockerfile}).").At(spec.Dockerfile);
        }

        var engine = context.Engine;
        if (engine.Builder == DockerBuilder.Legacy)
        {
            context.Log.Information("docker {0} has no buildx plugin: building with the legacy builder.", engine.ClientVersion);
        }

        var settings = Settings(spec, BuildOptionsView.From(context.Options), engine.Builder);
        try
        {
            context.Runner.Run(context.Docker.Build(settings), outputLine);
        }
        catch (CakeException exception)
        {
            exception.At(spec.Dockerfile);
            throw;
        }

        ImageReporting.Built(context, spec);
    }
}

/// <summary>The options that shape a `docker build`, apart from the rest of the build's options.</summary>
public sealed record BuildOptionsView(bool Pull, bool NoCache)
{
    public static BuildOptionsView From(Context.BuildOptions options) => new(options.Pull, options.NoCache);
}
