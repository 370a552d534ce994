using System.Diagnostics;
using Build.Context;
using Build.PackageIndex;
using Build.Reporting;
using Build.SupplyChain;
using Build.TaskFacts;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core.Diagnostics;

namespace Build.Images;

/// <summary>Builds one planned image: checks its Dockerfile, chooses the builder options, runs `docker build`.</summary>
public sealed class ImageBuilder(BuildOptions options, ImageBuildTools tools, ICakeLog log, PackageIndexSource? index = null)
{
    /// <summary>Why the builder cannot export the --build-cache, decided once for every image of the run; null when it can.</summary>
    private readonly Lazy<string?> _cacheProblem = new(() => CacheProblem(options, tools));

    /// <summary>The settings of `docker build` for a spec on a given engine: a pure function, tested by table.</summary>
    public static DockerBuildSettings Settings(ImageSpec spec, BuildOptions options, DockerBuilder builder, string? inputDigest = null,
        bool replacesAnImage = true, PackageIndexSource? index = null) => new(spec.Dockerfile, ".")
    {
        Target = spec.Stage,
        Tags = spec.References.ToArray(),
        Labels = WithDigest(spec.Labels, inputDigest),
        BuildArgs = options.NoCache ? FromScratch(spec.BuildArgs) : spec.BuildArgs,
        Pull = options.Pull,
        NoCache = options.NoCache,
        // An exported cache (--build-cache) replaces the inline one: its import needs no image of the engine, so a first
        // build on a fresh CI runner finds its layers too; --no-cache still writes it, for the next build.
        // Otherwise BuildKit can reuse the layers of the image this build replaces (inline cache); the legacy builder cannot
        // use an image it did not build itself, so it gets no --cache-from. Nor does a first build: BuildKit looks
        // for a --cache-from image the engine lacks in its registry (docker.io for a name without one), which is a
        // request to an outside address for an image that is not there.
        CacheFrom = options.BuildCache is { } cache ? (options.NoCache ? [] : [cache.ImportFor(ImageBuildLog.NameOf(spec))])
            : builder.IsBuildKit() && !options.NoCache && replacesAnImage ? [spec.PrimaryReference] : [],
        CacheTo = options.BuildCache is { } export ? [export.ExportFor(ImageBuildLog.NameOf(spec))] : [],
        // The exported cache lives beside the image, not in its config: exporting it leaves the image manifest as it is.
        InlineCache = options.BuildCache is null,
        Builder = builder,
        Progress = builder.IsBuildKit() ? "plain" : null,
        Secrets = builder.IsBuildKit() && index is not null ? index.Secrets : [],
        Network = index is { IsLoopback: true } ? "host" : null,
        SourceDateEpoch = spec.SourceDateEpoch,
    };

    /// <summary>
    /// The Dockerfiles' venvs start from the ones the last build kept in cache mounts, which --no-cache does not empty:
    /// a no-cache build asks for empty venvs, so that it installs every package from the index again.
    /// </summary>
    private static IReadOnlyDictionary<string, string> FromScratch(IReadOnlyDictionary<string, string> buildArgs) =>
        new Dictionary<string, string>(buildArgs) { ["DEPENDENCY_VENV"] = "fresh" };

    public void Build(ImageSpec spec, Action<string>? outputLine = null, CancellationToken cancellationToken = default)
    {
        // The image's own time for the report's timeline: inside a parallel build it is not its task's time.
        tools.Report.ImageOfTask(TaskCatalog.OfThisBuild.TaskOf(spec), spec);
        var started = DateTimeOffset.UtcNow;
        try
        {
            BuildOrSkip(spec, outputLine, cancellationToken);
        }
        finally
        {
            tools.Report.ImageTimed(spec, started, DateTimeOffset.UtcNow);
        }
    }

    private void BuildOrSkip(ImageSpec spec, Action<string>? outputLine, CancellationToken cancellationToken)
    {
        // Skip an image whose inputs are unchanged (see docs/performance.md); the digest checks the Dockerfile is there.
        var digest = tools.Inputs.Digest(spec);
        tools.Report.ImageBaseImages(spec, tools.Inputs.BaseImages(spec));
        if (SkipWhenUpToDate(spec, digest))
        {
            return;
        }

        var replacesAnImage = !tools.Inputs.EngineReachable || tools.Inputs.Inspect(spec) is not null;
        if (index is { } projectIndex && tools.Builder() == DockerBuilder.Legacy)
        {
            throw PackageIndexErrors.LegacyBuilderCannotMountSecrets(spec, projectIndex);
        }

        if (_cacheProblem.Value is { } cacheProblem)
        {
            throw BuildErrors.BadOption(cacheProblem);
        }

        var attestations = Attestations(spec);
        // An engine that attests keeps its build cache in the containerd store; the inline cache's layer times would
        // make every rebuild of one commit another image.
        var settings = Settings(spec, options, tools.Builder(), digest, replacesAnImage, index);
        settings = settings with
        {
            Attestations = attestations,
            InlineCache = settings.InlineCache && attestations.Count == 0,
        };
        var tail = new OutputTail(DockerBuildOutput.TailLines);
        var indexSigns = new OutputTail(DockerBuildOutput.TailLines, PackageIndexFailures.IsSign);
        // BuildKit loads the base images' metadata in parallel: which failure it prints last varies, so a pull's signs
        // are kept wherever they stream past, as the index's are.
        var pullSigns = new OutputTail(DockerBuildOutput.TailLines, ImageErrors.IsPullSign);
        // BuildKit's progress is a line per vertex event: the console gets the stages, warnings and a failed step's
        // last lines, the log file all of it; --verbosity=verbose shows all of it as it comes, as before.
        using var buildLog = new ImageBuildLog(options.RepositoryRoot.FullPath, ImageBuildLog.NameOf(spec), log.Verbosity >= Verbosity.Verbose,
            outputLine ?? Console.WriteLine);
        var clock = Stopwatch.StartNew();
        try
        {
            tools.Runner.Run(tools.BuildDocker().Build(settings), indexSigns.Keep(pullSigns.Keep(tail.Keep(buildLog.Line))), cancellationToken);
        }
        catch (CakeException exception)
        {
            tools.Report.ImageFailed(spec, digest);
            if (Interruption.IsInterruption(exception))
            {
                // The interruption's own exception carries what the host reports and exits with; wrapped, it would be a failure.
                throw;
            }

            throw buildLog.Failed(Explained(spec, exception, indexSigns.Lines, pullSigns.Lines, tail.Lines));
        }

        tools.Effects.Make(() => log.Information("{0} {1}", spec.PrimaryReference, buildLog.Summary(clock.Elapsed)));

        // The id and size of what was built go into the report; a dry run's report plans the image.
        tools.Effects.Make(() => ImageReporting.Built(tools.Report, tools.Inputs, dryRun: false, spec, digest), () => tools.Report.ImagePlanned(spec, digest));
        if (ImageSboms.Covers(spec.Flavour))
        {
            tools.Report.ImageProvenance(spec, BuildAttestations.CarryProvenance(attestations));
            if (tools.Sboms.Write(spec) is { } sbom)
            {
                tools.Report.ImageSbom(spec, sbom);
            }
        }
    }

    /// <summary>Null without --build-cache or with a builder that exports it; buildx's driver is asked only where it decides.</summary>
    private static string? CacheProblem(BuildOptions options, ImageBuildTools tools)
    {
        if (options.BuildCache is not { } cache)
        {
            return null;
        }

        var choice = tools.Choice?.Invoke() ?? new BuilderChoice(tools.BuildDocker().Executable, tools.Builder(), "");
        var imageStore = tools.ImageStore();
        var driver = BuildCacheSupport.NeedsDriver(choice.Builder, imageStore) ? tools.BuildxDriver() : null;
        return BuildCacheSupport.Problem(cache, choice, imageStore, driver);
    }

    /// <summary>
    /// A failed build's error: the package index or a base image that could not be pulled when that is why, else
    /// docker's own words. Poetry names the index first and prints a long traceback after, so the index's signs are
    /// read from the lines kept for them as well as from the tail.
    /// </summary>
    private CakeException Explained(
        ImageSpec spec, CakeException exception, IReadOnlyList<string> indexSigns, IReadOnlyList<string> pullSigns, IReadOnlyList<string> tail)
    {
        if (index is { } installIndex && PackageIndexFailures.Explain([.. indexSigns, .. tail], installIndex) is { } indexReason)
        {
            return new CakeException(exception.ExitCode,
                $"{spec.PrimaryReference} could not install its dependencies: {indexReason}.{Environment.NewLine}{exception.Message}")
                .At(spec.Dockerfile);
        }

        var missing = tools.Inputs.MissingBaseImages([spec]).Except(tools.LocalBaseImages.Names).ToArray();
        if (missing.Length > 0 && ImageErrors.PullFailureOf(pullSigns, missing) is { } pull)
        {
            return ImageErrors.BaseImagePullFailed(spec, missing, pull, tools.LocalBaseImages.Configured, exception);
        }

        // The report shows what docker said and the Dockerfile line it blames, not only the command that failed.
        var dockerfile = options.RepositoryRoot.CombineWithFilePath(spec.Dockerfile).FullPath;
        return exception.At(spec.Dockerfile, DockerBuildOutput.BlamedLine(tail, File.ReadAllLines(dockerfile)))
            .WithToolMessage(DockerBuildOutput.Message(tail));
    }

    /// <summary>
    /// Provenance and the SBOM attestation where the engine can take them, the generator image made first; on the
    /// legacy builder, a line saying its images cannot be reproduced (it stamps every layer with the build's time).
    /// </summary>
    private IReadOnlyList<string> Attestations(ImageSpec spec)
    {
        var builder = tools.Builder();
        if (builder == DockerBuilder.Legacy)
        {
            log.Information("{0}: the legacy builder ignores SOURCE_DATE_EPOCH, so a rebuild of the same commit gives another image digest.",
                spec.PrimaryReference);
        }

        var attestations = BuildAttestations.For(spec.Flavour, builder, tools.ImageStore(), tools.Generator.Name);
        if (attestations.Count > 0)
        {
            tools.Generator.Ensure(tools.BuildDocker(), reference => tools.Inputs.MissingImages([reference]).Count > 0);
        }

        return attestations;
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
    /// building. The dry run's side effects tell what a real run would do (asked only when the engine answers cheaply).
    /// </summary>
    private bool SkipWhenUpToDate(ImageSpec spec, string digest)
    {
        var inputs = tools.Inputs;
        if (!inputs.EngineReachable)
        {
            log.Verbose("{0}: input digest {1} (no engine to compare with).", spec.PrimaryReference, digest);
            return false;
        }

        var freshness = inputs.Freshness(spec, options.Force);
        if (!freshness.Skips)
        {
            tools.Effects.Make(
                () => log.Information("{0} build ({1}).", spec.PrimaryReference, freshness.Reason),
                () => log.Information("{0} would build ({1}).", spec.PrimaryReference, freshness.Reason));
            return false;
        }

        foreach (var reference in freshness.MissingReferences)
        {
            tools.Runner.Run(tools.Docker().Tag(spec.PrimaryReference, reference));
        }

        tools.Effects.Make(
            () =>
            {
                UpToDate(spec, freshness, "", "tagged");
                var existing = inputs.Inspect(spec);
                tools.Report.ImageSkipped(spec, "inputs unchanged", digest: existing?.Id,
                    sizeBytes: existing is { SizeBytes: > 0 } ? existing.SizeBytes : null, inputDigest: digest);
                if (ImageSboms.Covers(spec.Flavour) && tools.Sboms.Existing(spec) is { } sbom)
                {
                    tools.Report.ImageSbom(spec, sbom);
                }
            },
            () =>
            {
                UpToDate(spec, freshness, "would skip: ", "would tag");
                // Still show what --force would run: the dry run is also how people read the command lines.
                log.Information("  (with --force:)");
                tools.Runner.Show(tools.BuildDocker().Build(Settings(spec, options, tools.Builder(), digest, index: index)));
                tools.Report.ImagePlanned(spec, digest);
            });
        return true;
    }

    private void UpToDate(ImageSpec spec, Freshness freshness, string skip, string tag) =>
        log.Information("{0} {1}up to date (inputs unchanged){2}.", spec.PrimaryReference, skip,
            freshness.MissingReferences.Count == 0 ? "" : $", {tag} {string.Join(", ", freshness.MissingReferences)}");
}
