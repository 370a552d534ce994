using Build.Context;
using Build.Images;
using Build.PackageIndex;
using Build.Provisioning;
using Build.Reporting;
using Build.Stack;
using Build.SupplyChain;
using Build.Swarm;
using Build.Tools;
using Build.Tools.Compose;
using Build.Tools.Docker;
using Build.Tools.Docker.Documents;
using Build.Tools.Poetry;
using Cake.Core;
using Cake.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Build;

/// <summary>
/// The services of a real run, each made once, on first use, from what its constructor names; a task names the ones
/// it uses in its own constructor. The dry run registers its own implementations of the side-effect interfaces after
/// these (the dry run's DryRunServices): the last registration wins.
/// </summary>
public static class BuildServices
{
    /// <summary>An engine that does not answer its socket within this long counts as not answering.</summary>
    private static readonly TimeSpan EngineProbeTimeout = TimeSpan.FromSeconds(5);

    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The facts of the run, parsed once by the context.
        services.AddSingleton(new BuildReport());
        services.AddSingleton(provider => provider.GetRequiredService<BuildContext>().Options);
        services.AddSingleton(provider => provider.GetRequiredService<BuildContext>().Interruption);

        // The side effects: processes, the engine, everything else a run changes.
        services.AddSingleton(_ => new ChildEnvironment());
        // A failed command asks the watch only then: the watch needs the project engine, which needs the runner.
        services.AddSingleton(provider => new CommandRunner(
            provider.GetRequiredService<ICakeContext>(), provider.GetRequiredService<Interruption>(), provider.GetRequiredService<ChildEnvironment>(),
            command => provider.GetRequiredService<EngineWatch>().GoneCause(command)));
        services.AddSingleton<ICommandRunner>(provider => provider.GetRequiredService<CommandRunner>());
        services.AddSingleton<ISideEffects>(_ => new SideEffects());
        services.AddSingleton(ProvisioningPhaseOf);
        services.AddSingleton(provider => new PackageInstaller(provider.GetRequiredService<ICommandRunner>(),
            InstallPolicy.ForThisMachine(provider.GetRequiredService<BuildOptions>().NoInstall), Environment(provider),
            provider.GetRequiredService<ProvisioningPhase>()));
        services.AddSingleton(ProjectEngineOf);
        services.AddSingleton(provider => new EngineWatch(EngineVersion, provider.GetRequiredService<ProjectEngine>()));
        services.AddSingleton(provider => new EngineResolver(Environment(provider), EngineVersion, provider.GetRequiredService<ProjectEngine>(),
            provider.GetRequiredService<PackageInstaller>().Ensure, provider.GetRequiredService<ICakeLog>(),
            phase: provider.GetRequiredService<ProvisioningPhase>()));
        services.AddSingleton<IEngineSession>(provider => new EngineSession(provider.GetRequiredService<BuildOptions>(),
            provider.GetRequiredService<ICommandRunner>(), provider.GetRequiredService<EngineResolver>(), provider.GetRequiredService<BuildReport>(),
            provider.GetRequiredService<ICakeLog>(), Environment(provider), provider.GetRequiredService<ChildEnvironment>(),
            provider.GetRequiredService<EngineWatch>()));

        // What the tasks use, made of the above.
        services.AddSingleton(provider => new PoetryCommands(provider.GetRequiredService<BuildOptions>().PoetryExecutable));
        services.AddSingleton(provider => new Lock.FreshLockMemory(
            Path.Combine(provider.GetRequiredService<BuildOptions>().RepositoryRoot.FullPath, ".build", "fresh-lock")));
        services.AddSingleton(ImageInputsOf);
        services.AddSingleton(LocalBaseImagesOf);
        services.AddSingleton(provider => new ParallelImageBuilds(line => provider.GetRequiredService<ICakeLog>().Information("{0}", line)));
        services.AddSingleton(ImageBuilderOf);
        services.AddSingleton(provider => new ImagePublisher(provider.GetRequiredService<ICommandRunner>(),
            () => provider.GetRequiredService<IEngineSession>().Docker, provider.GetRequiredService<ISideEffects>(), provider.GetRequiredService<ICakeLog>()));
        services.AddSingleton(provider => new Tasks.ImageTaskServices(provider.GetRequiredService<ImageBuilder>(),
            provider.GetRequiredService<ImageInputs>(), provider.GetRequiredService<LocalBaseImages>(), provider.GetRequiredService<ParallelImageBuilds>(),
            provider.GetRequiredService<IEngineSession>(), provider.GetRequiredService<ISideEffects>()));
        services.AddSingleton(ComposeStackOf);
        services.AddSingleton(SwarmDeploymentOf);
        services.AddSingleton(CosignToolOf);
        services.AddSingleton(provider => new SignatureVerifier(provider.GetRequiredService<ICommandRunner>(),
            () => provider.GetRequiredService<CosignTool>().Commands, provider.GetRequiredService<ISideEffects>(), () => PlainHttpRegistriesOf(provider)));
        services.AddSingleton(provider => new PushedAttestations(() => PlainHttpRegistriesOf(provider)));
        services.AddSingleton(provider => new ImageSigner(provider.GetRequiredService<ICommandRunner>(),
            () => provider.GetRequiredService<CosignTool>().Commands, provider.GetRequiredService<ISideEffects>(),
            provider.GetRequiredService<ChildEnvironment>(), () => PlainHttpRegistriesOf(provider)));
    }

    /// <summary>The registries the run's engine speaks plain http to (GET /info); the loopback network when it cannot be asked.</summary>
    private static PlainHttpRegistries PlainHttpRegistriesOf(IServiceProvider provider) =>
        PlainHttpRegistries.From(provider.GetRequiredService<IEngineSession>().Api?.Get("/info", EngineJson.Default.InfoDocument)?.RegistryConfig);

    /// <summary>cosign, provisioned on first use (signing or verifying), offline unless --transparency-log.</summary>
    private static CosignTool CosignToolOf(IServiceProvider provider)
    {
        var toolchain = CosignToolchain.From(Environment(provider));
        return new CosignTool(new CosignProvisioner(provider.GetRequiredService<ICommandRunner>(), toolchain), toolchain,
            provider.GetRequiredService<ProvisioningPhase>(), provider.GetRequiredService<ISideEffects>(),
            provider.GetRequiredService<BuildOptions>().TransparencyLog);
    }

    private static Func<string, string?> Environment(IServiceProvider provider) => provider.GetRequiredService<ICakeEnvironment>().GetEnvironmentVariable;

    /// <summary>One request to an engine's API: its version when it answers, null otherwise.</summary>
    private static string? EngineVersion(EngineEndpoint endpoint)
    {
        using var api = new EngineApi(endpoint, EngineProbeTimeout);
        return api.ServerVersion();
    }

    /// <summary>The project's own engine of --project-engine: its places, and the dockerd it runs.</summary>
    private static ProjectEngine ProjectEngineOf(IServiceProvider provider)
    {
        var environment = Environment(provider);
        var kind = provider.GetRequiredService<BuildOptions>().ProjectEngine;
        var runner = provider.GetRequiredService<ICommandRunner>();
        var toolchain = Debian13Toolchain.From(environment);
        IProjectDaemon daemon = kind == ProjectEngineKind.Debian13
            ? new Debian13Daemon(new ToolchainProvisioner(runner, toolchain), toolchain)
            : new Debian12Daemon(environment);
        return new ProjectEngine(ProjectEngineLocation.From(environment, kind), runner, EngineVersion, daemon);
    }

    /// <summary>Setting up the machine as a phase of its own: a line per step, the tools' output in .build/provisioning.log.</summary>
    private static ProvisioningPhase ProvisioningPhaseOf(IServiceProvider provider)
    {
        var report = provider.GetRequiredService<BuildReport>();
        var logFile = Path.Combine(provider.GetRequiredService<BuildOptions>().RepositoryRoot.FullPath, ".build", "provisioning.log");
        return new ProvisioningPhase(provider.GetRequiredService<ICakeLog>(), logFile, report.Provisioned, report.StartedAt,
            provider.GetRequiredService<ISideEffects>());
    }

    private static ImageInputs ImageInputsOf(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<BuildOptions>();
        var engine = provider.GetRequiredService<IEngineSession>();
        return new ImageInputs(options.RepositoryRoot.FullPath, provider.GetRequiredService<ICommandRunner>(),
            new DockerCommands(options.DockerExecutable, options.RepositoryRoot), engine.AnswersImageQuestions, () => engine.Api);
    }

    private static LocalBaseImages LocalBaseImagesOf(IServiceProvider provider)
    {
        var configuration = provider.GetRequiredService<BuildContext>().Configuration;
        string Configured(string option) => configuration.GetValue(OptionReader.ConfigurationKey(option)) ?? "";
        return new LocalBaseImages(provider.GetRequiredService<BuildOptions>(), [Configured(OptionNames.BaseImage), Configured(OptionNames.BuilderImage)],
            provider.GetRequiredService<ICommandRunner>(), provider.GetRequiredService<PackageInstaller>(), provider.GetRequiredService<ISideEffects>(),
            provider.GetRequiredService<ProvisioningPhase>());
    }

    /// <summary>The image builder of this run; the builder, and so the engine, is probed on first use only.</summary>
    private static ImageBuilder ImageBuilderOf(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<BuildOptions>();
        var engine = provider.GetRequiredService<IEngineSession>();
        return new ImageBuilder(
            options,
            new ImageBuildTools(provider.GetRequiredService<ICommandRunner>(), provider.GetRequiredService<ImageInputs>(),
                provider.GetRequiredService<BuildReport>(), provider.GetRequiredService<LocalBaseImages>(),
                () => engine.Builder.Builder, () => engine.BuildDocker, () => engine.Docker, provider.GetRequiredService<ISideEffects>(),
                new ImageSboms(options.RepositoryRoot, () => ProjectName(provider), provider.GetRequiredService<ICommandRunner>(),
                    () => engine.Docker, provider.GetRequiredService<ISideEffects>(), provider.GetRequiredService<ICakeLog>(),
                    spec => provider.GetRequiredService<ImageInputs>().PackagesDigest(spec, CodeFolders(provider))),
                () => engine.ImageStore,
                new SbomGeneratorImage(options.RepositoryRoot, options.BaseImage, () => ProjectName(provider), provider.GetRequiredService<ICommandRunner>()))
            {
                Choice = () => engine.Builder,
                BuildxDriver = () => BuildxDriverOf(provider.GetRequiredService<ICommandRunner>(), engine.BuildDocker),
            },
            provider.GetRequiredService<ICakeLog>(), PackageIndexSources.ReadProjectOrNone(options.RepositoryRoot.FullPath));
    }

    /// <summary>The driver of the build client's current buildx builder; null when buildx does not say.</summary>
    private static string? BuildxDriverOf(ICommandRunner runner, DockerCommands docker)
    {
        var asked = runner.Capture(docker.BuildxInspect(), DockerProbe.ProbeTimeout);
        return asked.Succeeded ? BuildCacheSupport.DriverOf(asked.OutputText) : null;
    }

    private static string ProjectName(IServiceProvider provider) => provider.GetRequiredService<BuildContext>().Project.Name;

    /// <summary>The project's code folders relative to the build context (the repository root), where the Dockerfiles copy them from.</summary>
    private static IReadOnlyList<string> CodeFolders(IServiceProvider provider)
    {
        var context = provider.GetRequiredService<BuildContext>();
        var project = Path.GetRelativePath(context.Options.RepositoryRoot.FullPath, context.Options.PythonProject.FullPath).Replace('\\', '/');
        return context.Project.CodeFolders.Select(folder => project == "." ? folder : $"{project}/{folder}").ToArray();
    }

    /// <summary>The stack of this run: its options, and the run's runner, command lines and engine API, found on first use.</summary>
    private static ComposeStack ComposeStackOf(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<BuildOptions>();
        var engine = provider.GetRequiredService<IEngineSession>();
        return new ComposeStack(
            StackOptions.From(options),
            new StackTools(provider.GetRequiredService<ICommandRunner>(), () => engine.Docker,
                () => new ComposeCommands(engine.Compose, StackProject.Of(options), options.RepositoryRoot), () => engine.Api),
            provider.GetRequiredService<ICakeLog>(),
            provider.GetRequiredService<Interruption>(),
            provider.GetRequiredService<ISideEffects>());
    }

    /// <summary>The deployment of this run's stack: the client's engine (DOCKER_HOST), asked over the manager's API.</summary>
    private static SwarmDeployment SwarmDeploymentOf(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<BuildOptions>();
        var log = provider.GetRequiredService<ICakeLog>();
        // The manager is the client's engine: the one the run's earlier tasks found, when they found one.
        var environment = provider.GetRequiredService<ChildEnvironment>().Over(Environment(provider));
        return new SwarmDeployment(
            provider.GetRequiredService<ICommandRunner>(),
            new SwarmCommands(options.DockerExecutable, options.RepositoryRoot),
            () => SwarmDeployment.ManagerApi(environment),
            options.ProjectName,
            StackFileGenerator.StackFileRelative,
            options.WaitTimeout,
            line => log.Information("{0}", line),
            line => log.Error("{0}", line),
            provider.GetRequiredService<ISideEffects>());
    }
}
