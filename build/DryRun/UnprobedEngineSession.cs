using Build.Context;
using Build.Images;
using Build.Tools.Compose;
using Build.Tools.Docker;

namespace Build.DryRun;

/// <summary>
/// The dry run's engine: the one that answers now, or none; nothing is started, no client is probed, and images
/// are asked about only over a local socket that exists (a question that cannot hang).
/// </summary>
public sealed class UnprobedEngineSession(BuildOptions options, EngineResolver resolver, Func<string, string?> environment) : IEngineSession
{
    private readonly Lazy<ResolvedEngine?> _engine = new(resolver.FindAnswering);
    private EngineApi? _api;

    public ResolvedEngine? Engine => _engine.Value;

    public EngineApi? Api => _api ??= Engine is { } engine && engine.MayUseApi(environment) ? new EngineApi(engine.Endpoint, ImageInputs.InspectTimeout) : null;

    public bool AnswersImageQuestions => ImageInputs.LocalEngineSocketExists(environment("DOCKER_HOST"));

    public string? ImageStore => null;

    public DockerCommands Docker => new(options.DockerExecutable, options.RepositoryRoot);

    public BuilderChoice Builder => BuilderChoice.Unprobed(options.DockerExecutable);

    public DockerCommands BuildDocker => new(Builder.Client, options.RepositoryRoot);

    public ComposeClient Compose => ComposeClient.Unprobed(options.DockerExecutable);
}
