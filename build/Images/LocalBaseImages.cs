using Build.Context;
using Build.Provisioning;
using Build.Tools;
using Cake.Core.Diagnostics;

namespace Build.Images;

/// <summary>
/// The local base images of cake.config (a Debian rootfs from mmdebstrap, imported with docker import): how they
/// are made, and making them once per run when an image build needs one the engine lacks. A base image named by
/// --base-image/--builder-image instead is a registry image: it is pulled by the build, never made here.
/// </summary>
/// <param name="effects">The run's side effects: the dry run installs nothing (the script's command line is shown).</param>
/// <param name="phase">The provisioning phase the images are made in (their line, the script's output in its log); null: the console.</param>
public sealed class LocalBaseImages(
    BuildOptions options, IReadOnlyList<string> configured, ICommandRunner runner, PackageInstaller installer, ISideEffects effects,
    ProvisioningPhase? phase = null)
{
    private readonly object _gate = new();
    private bool _built;

    /// <summary>cake.config's local base images, whatever the options say.</summary>
    public IReadOnlyList<string> Configured { get; } = configured.Where(name => name.Length > 0).ToArray();

    /// <summary>
    /// The names BaseImages makes: those of the options that are cake.config's or one of the known local pairs (a
    /// registry image is pulled, never made).
    /// </summary>
    public IReadOnlyList<string> Names { get; } = new[] { options.BaseImage, options.BuilderImage }
        .OfType<string>()
        .Where(name => configured.Contains(name) || LocalBaseImagePair.Of(name) is not null)
        .Distinct()
        .ToArray();

    /// <summary>scripts/base-images.sh with the image names of the options; what BaseImages runs.</summary>
    public ToolCommand Command() => CommandFor(options.BaseImage, options.BuilderImage);

    private ToolCommand CommandFor(string? runtime, string? builder)
    {
        var environment = new Dictionary<string, string> { ["DOCKER"] = options.DockerExecutable };
        if (runtime is not null)
        {
            environment["RUNTIME_IMAGE"] = runtime;
        }

        if (builder is not null)
        {
            environment["BUILDER_IMAGE"] = builder;
        }

        // The suite follows the pair the names belong to: Debian 13's names bootstrap trixie from the mirror.
        if ((LocalBaseImagePair.Of(builder) ?? LocalBaseImagePair.Of(runtime)) is { Sources: { } sources } pair)
        {
            environment["BASE_SUITE"] = pair.Suite;
            environment["BASE_SOURCES"] = sources;
        }

        return ToolCommand.Create("bash", options.RepositoryRoot, arguments =>
        {
            arguments.Append("scripts/base-images.sh");
            if (options.Force)
            {
                arguments.Append("--force");
            }
        }, environment);
    }

    /// <summary>
    /// Makes a known pair other than the options' one, whose images the engine lacks (<paramref name="missing"/>): the test
    /// suites run Poetry 2 from the Debian 13 builder whatever pair cake.config chooses. <paramref name="why"/> is the
    /// provisioning line's reason.
    /// </summary>
    public void BuildPair(LocalBaseImagePair pair, IReadOnlyList<string> missing, string why)
    {
        if (!missing.Any(image => image == pair.RuntimeImage || image == pair.BuilderImage))
        {
            return;
        }

        Make(CommandFor(pair.RuntimeImage, pair.BuilderImage), [pair.RuntimeImage, pair.BuilderImage], why);
    }

    /// <summary>
    /// Makes the base images (an existing one is kept unless --force), after installing mmdebstrap if missing;
    /// <paramref name="why"/> is what the provisioning line says.
    /// </summary>
    public void Build(string why = "--target=BaseImages")
    {
        Make(Command(), Names, why);
        lock (_gate)
        {
            _built = true;
        }
    }

    // mmdebstrap first (installed when missing), then the script: a provisioning step of its own where the run has a phase.
    private void Make(ToolCommand command, IReadOnlyList<string> images, string why)
    {
        effects.Make(() => installer.Ensure([Requirement.Mmdebstrap], "Building the local base images"));
        if (phase is null)
        {
            runner.Run(command);
        }
        else
        {
            phase.Step($"base images {string.Join(", ", images)}", why, output => runner.Run(command, output));
        }
    }

    /// <summary>
    /// Runs <see cref="Build"/> first when one of <paramref name="missing"/> is a local base image, once per run;
    /// true when it did (the caller then asks the engine again).
    /// </summary>
    public bool BuildWhenMissing(IReadOnlyList<string> missing)
    {
        var local = missing.Where(Names.Contains).ToArray();
        lock (_gate)
        {
            if (local.Length == 0 || _built)
            {
                return false;
            }

            runner.Log.Information("The engine lacks the local base image{0} {1}: building {2} first (what --target=BaseImages does).",
                local.Length == 1 ? "" : "s", string.Join(", ", local), local.Length == 1 ? "it" : "them");
            Build($"the engine lacks {string.Join(", ", local)}");
            return true;
        }
    }
}
