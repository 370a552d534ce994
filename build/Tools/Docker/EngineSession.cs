using Build.Context;
using Build.Reporting;
using Build.Tools.Compose;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Build.Tools.Docker;

/// <summary>
/// A real run's engine: resolved once at the first question to it (started when none answers), announced in the log
/// and recorded in the report; the builder and the compose client are probed on first use, their answers kept in
/// .build/tool-probes.json for the next run.
/// </summary>
/// <param name="watch">Told the engine once it is found, so that a failed command can ask whether the engine went away.</param>
public sealed class EngineSession : IEngineSession
{
    private readonly BuildOptions _options;
    private readonly ICommandRunner _runner;
    private readonly BuildReport _report;
    private readonly ICakeLog _log;
    private readonly Func<string, string?> _environment;
    private readonly ChildEnvironment _children;
    private readonly EngineWatch _watch;
    private readonly Lazy<ResolvedEngine> _engine;
    private readonly Lazy<DockerEngine> _versions;
    private readonly Lazy<BuilderChoice> _builder;
    private readonly Lazy<ComposeClient> _compose;
    private readonly Lazy<ProjectEngineClient?> _ownClient;
    private readonly Lazy<EngineApi?> _api;
    private readonly Lazy<ToolProbeCache> _probeAnswers;
    private readonly DockerCommands _docker;
    private string? _imageStore;

    public EngineSession(
        BuildOptions options, ICommandRunner runner, EngineResolver resolver, BuildReport report, ICakeLog log, Func<string, string?> environment,
        ChildEnvironment children, EngineWatch watch)
    {
        _children = children;
        _watch = watch;
        _options = options;
        _runner = runner;
        _report = report;
        _log = log;
        _environment = environment;
        _docker = new DockerCommands(options.DockerExecutable, options.RepositoryRoot);
        var probe = new DockerProbe(runner, _docker);
        _engine = new(() => Use(resolver.Resolve()));
        _versions = new(() => probe.ProbeEngine(Engine));
        _builder = new(ChooseBuilder);
        _ownClient = new(ChooseOwnClient);
        // Compose is asked after the engine is found, so that its commands go to the engine of the run; with the
        // toolchain's client (an engine with the containerd store) that is its Compose v2 plugin.
        _compose = new(() =>
        {
            var client = _ownClient.Value?.Docker ?? options.DockerExecutable;
            return Reported(new DockerProbe(runner, new DockerCommands(client, options.RepositoryRoot)).ProbeCompose(_probeAnswers!.Value,
                Fingerprint(client, ProgramPath.Resolve("docker-compose", environment("PATH")))));
        });
        _probeAnswers = new(() => ToolProbeCache.Load(Path.Combine(options.RepositoryRoot.FullPath, ".build", "tool-probes.json")));
        // The engine of the run, asked directly where the client would ask it (not behind a docker context or TLS).
        _api = new(() => Engine.MayUseApi(environment) ? new EngineApi(Engine.Endpoint, Images.ImageInputs.InspectTimeout) : null);
    }

    public ResolvedEngine Engine => _engine.Value;

    ResolvedEngine? IEngineSession.Engine => Engine;

    public EngineApi? Api => _api.Value;

    public bool AnswersImageQuestions => true;

    public DockerCommands Docker
    {
        get
        {
            // Every docker and compose process of the run (Clean, Push, ComposeDown, … too) talks to the engine the log names.
            _ = Engine;
            return _docker;
        }
    }

    public string? ImageStore
    {
        get
        {
            _ = Engine;
            return _imageStore;
        }
    }

    public BuilderChoice Builder => _builder.Value;

    public DockerCommands BuildDocker => new(Builder.Client, _options.RepositoryRoot);

    public ComposeClient Compose
    {
        get
        {
            _ = Engine;
            return _compose.Value;
        }
    }

    private BuilderChoice ChooseBuilder()
    {
        var clientGiven = _options.DockerExecutableGiven;
        var candidates = BuilderProbe.Candidates(_options.DockerExecutable, clientGiven, _environment("PATH"));
        var chosenBy = BuilderChoice.ByDockerOption;
        if (_ownClient.Value is { } own)
        {
            candidates = [own.Docker];
            clientGiven = true;
            chosenBy = BuilderChoice.ByContainerdStore;
        }

        var probe = new BuilderProbe(_runner, client => new DockerCommands(client, _options.RepositoryRoot), _probeAnswers.Value,
            client => Fingerprint(client));
        var choice = probe.Choose(candidates, clientGiven, () =>
        {
            // The engine's own error (it names DOCKER_HOST); the configured client just failed to reach it.
            _ = _versions.Value;
            return new CakeException(ExitCodes.NoEngine,
                $"{_options.DockerExecutable} reached no Docker engine. Point DOCKER_HOST at a running engine, then run the build again.");
        }, chosenBy);
        _log.Information("{0}", choice.Describe());
        _report.EngineUses(builder: choice.BuilderName);
        return choice;
    }

    /// <summary>
    /// The Debian 13 toolchain's client when the engine keeps its images in the containerd store (see
    /// <see cref="ProjectEngineClient"/>): decided once, for the builds and for Compose, with its DOCKER_CONFIG handed to
    /// every child so that both find their plugins.
    /// </summary>
    private ProjectEngineClient? ChooseOwnClient()
    {
        var own = ProjectEngineClient.For(ImageStore, _options.DockerExecutableGiven, Provisioning.Debian13Toolchain.From(_environment));
        if (own is not null)
        {
            _children.Set("DOCKER_CONFIG", own.Config);
            _log.Information("The engine keeps its images in the containerd store: the build uses the Debian 13 toolchain's client {0} " +
                "(DOCKER_CONFIG={1}) with buildx and Compose v2.", own.Docker, own.Config);
        }

        return own;
    }

    /// <summary>
    /// What a probe of <paramref name="client"/> depends on: the client and <paramref name="others"/> (real path, size,
    /// time), the CLI's config and plugin folders, the engine of this run and the variables that change a client's answer.
    /// </summary>
    private string Fingerprint(string client, params string[] others)
    {
        // The probe runs with the children's environment: the toolchain's client gets its own DOCKER_CONFIG, whose
        // plugins answer differently from the user's, so its answers are kept apart from those of the same client asked
        // without it (--docker naming that client).
        var asked = _children.Over(_environment);
        return ToolFingerprint.Of(
            [ProgramPath.Resolve(client, asked("PATH")), .. others, ToolFingerprint.DockerConfigFile(asked)],
            ToolFingerprint.DockerPluginFolders(asked),
            [Engine.Endpoint.Url, Engine.Version, asked("DOCKER_CONTEXT"), asked("DOCKER_CONFIG")]);
    }

    /// <summary>The report's engine names the Compose the stack tasks use.</summary>
    private ComposeClient Reported(ComposeClient compose)
    {
        _report.EngineUses(compose: compose.Name);
        return compose;
    }

    /// <summary>
    /// Says which engine the run uses, records it in the report, and hands it to every child process: docker,
    /// compose, the scripts and the test runs all read DOCKER_HOST, which each command now gets in its own environment
    /// (a chosen docker context is left to the client, which may need its TLS material).
    /// </summary>
    private ResolvedEngine Use(ResolvedEngine engine)
    {
        _log.Information("Docker engine: {0}", engine.Describe());
        string? imageStore = null;
        if (engine.MayUseApi(_environment))
        {
            using var api = new EngineApi(engine.Endpoint, Images.ImageInputs.InspectTimeout);
            imageStore = ImageStores.Of(api);
        }

        _imageStore = imageStore;
        _report.Engine(new EngineEntry(engine.Endpoint.Url, engine.Version, engine.SourceName, imageStore));
        _watch.Found(engine);
        if (engine.Source is not EngineSource.Context)
        {
            _children.UseEngine(engine.Endpoint.Url);
        }

        return engine;
    }
}
