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
    public static DockerBuildSettings Settings(ImageSpec spec, BuildOptionsView options, DockerBuilder builder, string? inputDigest = null) => new(spec.Dockerfile, ".")
    {
        Target = spec.Stage,
        Tags = spec.References.ToArray(),
        Labels = WithDigest(spec.Labels, inputDigest),
        BuildArgs = spec.BuildArgs,
        Pull = options.Pull,
        NoCache = options.NoCache,
        // BuildKit can reuse the layers of the image this build replaces (inline cache); the legacy builder cannot
        // use an image it did not build itself, so it gets no --cache-from.
        CacheFrom = builder.IsBuildKit() && !options.NoCache ? [spec.PrimaryReference] : [],
        Builder = builder,
        Progress = builder.IsBuildKit() ? "plain" : null,
    };

    public static void Build(BuildContext context, ImageSpec spec, Action<string>? outputLine = null, CancellationToken cancellationToken = default)
    {
        // The image's own time for the report's timeline: inside a parallel build it is not its task's time.
        context.Report.ImageOfTask(ImageTable.TaskOf(spec), spec);
        var started = DateTimeOffset.UtcNow;
        try
        {
            BuildOrSkip(context, spec, outputLine, cancellationToken);
        }
        finally
        {
            context.Report.ImageTimed(spec, started, DateTimeOffset.UtcNow);
        }
    }

    private static void BuildOrSkip(BuildContext context, ImageSpec spec, Action<string>? outputLine, CancellationToken cancellationToken)
    {
        // Skip an image whose inputs are unchanged (see docs/performance.md); the digest checks the Dockerfile is there.
        var digest = context.ImageInputs.Digest(spec);
        context.Report.ImageBaseImages(spec, context.ImageInputs.BaseImages(spec));
        if (SkipWhenUpToDate(context, spec, digest))
        {
            return;
        }

        var engine = context.Engine;
        if (engine.Builder == DockerBuilder.Legacy)
        {
            context.Log.Information("docker {0} has no buildx plugin: building with the legacy builder.", engine.ClientVersion);
        }

        var settings = Settings(spec, BuildOptionsView.From(context.Options), engine.Builder, digest);
        var tail = new OutputTail(DockerBuildOutput.TailLines);
        try
        {
            context.Runner.Run(context.Docker.Build(settings), outputLine is null ? null : tail.Keep(outputLine), cancellationToken);
        }
        catch (CakeException exception)
        {
            // The report shows what docker said and the Dockerfile line it blames, not only the command that failed.
            var dockerfile = context.Options.RepositoryRoot.CombineWithFilePath(spec.Dockerfile).FullPath;
            exception.At(spec.Dockerfile, DockerBuildOutput.BlamedLine(tail.Lines, File.ReadAllLines(dockerfile)))
                .WithToolMessage(DockerBuildOutput.Message(tail.Lines));
            context.Report.ImageFailed(spec, digest);
            throw;
        }

        ImageReporting.Built(context.Report, context.ImageInputs, context.Runner.DryRun, spec, digest);
    }

    /// <summary>The spec's labels plus the input-digest label (when there is a digest).</summary>
    public static IReadOnlyDictionary<string, string> WithDigest(IReadOnlyDictionary<string, string> labels, string? inputDigest)
    {
        if (inputDigest is null)
        {
            return labels;
        }

        return new SortedDictionary<string, string>(labels.ToDictionary(), StringComparer.Ordinal) { [ImageFreshness.DigestLabel] = inputDigest };
    }

    /// <summary>
    /// Inspects the primary tag; when it was built from the same inputs, adds any missing tag and says so instead of
    /// building. In a dry run it only tells what a real run would do (and only when the engine answers cheaply).
    /// </summary>
    private static bool SkipWhenUpToDate(BuildContext context, ImageSpec spec, string digest)
    {
        var inputs = context.ImageInputs;
        if (!inputs.EngineReachable)
        {
            context.Log.Verbose("{0}: input digest {1} (no engine to compare with).", spec.PrimaryReference, digest);
            return false;
        }

        var freshness = inputs.Freshness(spec, context.Options.Force);
        var dryRun = context.Options.DryRun ? "would " : "";
        if (!freshness.Skips)
        {
            context.Log.Information("{0} {1}build ({2}).", spec.PrimaryReference, dryRun, freshness.Reason);
            return false;
        }

        foreach (var reference in freshness.MissingReferences)
        {
            context.Runner.Run(context.Docker.Tag(spec.PrimaryReference, reference));
        }

        context.Log.Information("{0} {1}up to date (inputs unchanged){2}.", spec.PrimaryReference, context.Options.DryRun ? "would skip: " : "",
            freshness.MissingReferences.Count == 0 ? "" : $", {(context.Options.DryRun ? "would tag" : "tagged")} {string.Join(", ", freshness.MissingReferences)}");
        if (context.Options.DryRun)
        {
            // Still show what --force would run: the dry run is also how people read the command lines.
            context.Log.Information("  (with --force:)");
            context.Runner.Show(context.Docker.Build(Settings(spec, BuildOptionsView.From(context.Options), context.Engine.Builder, digest)));
            context.Report.ImagePlanned(spec, digest);
        }
        else
        {
            var existing = inputs.Inspect(spec);
            context.Report.ImageSkipped(spec, "inputs unchanged", digest: existing?.Id, sizeBytes: existing is { SizeBytes: > 0 } ? existing.SizeBytes : null, inputDigest: digest);
        }

        return true;
    }
}

/// <summary>The options that shape a `docker build`, apart from the rest of the build's options.</summary>
public sealed record BuildOptionsView(bool Pull, bool NoCache)
{
    public static BuildOptionsView From(Context.BuildOptions options) => new(options.Pull, options.NoCache);
}
