using Cake.Core.Diagnostics;
using System.Collections.Concurrent;
using Build.Images.Digest;
using Build.Tools;
using Build.Tools.Docker;

namespace Build.Images;

/// <summary>
/// The one type that answers image questions, once per run, for every task: the input digests of this run's images
/// and what the engine has of them (each reference inspected at most once, again only after a rebuild), for the
/// freshness decision, the report and Verify. Owns the file-hash cache
/// (.build/digest-cache.json) and asks the engine about each base image once. In a dry run the engine is asked
/// only when it is cheap to (a local socket that exists); otherwise base images count as missing and nothing
/// is inspected.
/// </summary>
public sealed class ImageInputs
{
    public static readonly TimeSpan InspectTimeout = TimeSpan.FromSeconds(10);

    private readonly ICommandRunner _runner;
    private readonly DockerCommands _docker;
    private readonly Lazy<InputDigester> _digester;
    private readonly string _repositoryRoot;
    private readonly ConcurrentDictionary<string, ImageState?> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ImageSpec, DigestInputs> _inputs = new();
    private readonly ConcurrentDictionary<string, bool> _dockerfilesFound = new(StringComparer.Ordinal);
    private readonly Lazy<EngineApi?> _engineApi;

    /// <param name="findEngineApi">
    /// Finds the engine the docker client would use, asked directly instead of starting `docker image inspect` (null:
    /// always the client). Called at the first question about an image, so runs that ask none read no docker config.
    /// </param>
    public ImageInputs(string repositoryRoot, ICommandRunner runner, DockerCommands docker, bool engineReachable, Func<EngineApi?>? findEngineApi = null)
    {
        _repositoryRoot = repositoryRoot;
        _runner = runner;
        _docker = docker;
        _engineApi = new(findEngineApi ?? (() => null));
        EngineReachable = engineReachable;
        _digester = new(() => new InputDigester(
            repositoryRoot,
            FileHashCache.Load(Path.Combine(repositoryRoot, ".build", "digest-cache.json"), note: line => runner.Log.Warning("{0}", line)),
            BaseImageId));
    }

    /// <summary>False in a dry run without a local engine: then no inspection happens.</summary>
    public bool EngineReachable { get; }

    /// <summary>The input digest of an image (computed once per run; the cache file is saved right after).</summary>
    public string Digest(ImageSpec spec) => InputsOf(spec).Digest();

    /// <summary>
    /// The digest of what an image installs: its inputs without the files under <paramref name="codeFolders"/>, the
    /// project's own code, which no installed distribution depends on.
    /// </summary>
    public string PackagesDigest(ImageSpec spec, IReadOnlyList<string> codeFolders) => InputsOf(spec).Without(codeFolders).Digest();

    private DigestInputs InputsOf(ImageSpec spec) => _inputs.GetOrAdd(spec, key =>
    {
        RequireDockerfile(key);
        var inputs = _digester.Value.Inputs(key.Dockerfile, key.Stage, key.BuildArgs);
        _digester.Value.Cache.Save();
        return inputs;
    });

    /// <summary>The engine's view of the primary tag; null when the image does not exist or the engine is not asked.</summary>
    public ImageState? Inspect(ImageSpec spec) => State(spec.PrimaryReference);

    /// <summary>What the engine has under <paramref name="spec"/>'s primary tag now that it was built: asked again, once.</summary>
    public ImageState? Rebuilt(ImageSpec spec)
    {
        _states.TryRemove(spec.PrimaryReference, out _);
        return State(spec.PrimaryReference);
    }

    /// <summary>Whether <see cref="ImageBuilder"/> will skip this image (computes the digest, inspects once).</summary>
    public Freshness Freshness(ImageSpec spec, bool force) => ImageFreshness.Decide(spec, Digest(spec), Inspect(spec), force);

    /// <summary>The base images of the spec's Dockerfile for its build arguments (what its input digest includes).</summary>
    public IReadOnlyList<string> BaseImages(ImageSpec spec) => _digester.Value.BaseImages(spec.Dockerfile, spec.BuildArgs);

    /// <summary>
    /// Asks the engine about these images' primary tags and base images with ONE `docker image inspect`, so that
    /// the later questions cost nothing. An image the engine does not have is remembered as missing.
    /// </summary>
    public void Prefetch(IReadOnlyList<ImageSpec> specs)
    {
        foreach (var spec in specs)
        {
            RequireDockerfile(spec);
        }

        if (!EngineReachable)
        {
            return;
        }

        var references = specs.Select(spec => spec.PrimaryReference)
            .Concat(specs.SelectMany(BaseImages))
            .Distinct(StringComparer.Ordinal)
            .Where(reference => !_states.ContainsKey(reference))
            .ToArray();
        references = references.Where(reference => !AskedEngineApi(reference)).ToArray();
        if (references.Length == 0)
        {
            return;
        }

        var result = Ask(_docker.ImageInspect(references));
        if (result is null)
        {
            return;
        }

        foreach (var (reference, state) in ImageState.Match(references, ImageState.FromInspectOutput(result.OutputText), result.Error))
        {
            _states.TryAdd(reference, state);
        }
    }

    /// <summary>The base images of these specs the engine does not have (asked with <see cref="Prefetch"/>); none when it is not asked.</summary>
    public IReadOnlyList<string> MissingBaseImages(IReadOnlyList<ImageSpec> specs)
    {
        if (!EngineReachable)
        {
            return [];
        }

        Prefetch(specs);
        return MissingImages(specs.SelectMany(spec => _digester.Value.BaseImages(spec.Dockerfile, spec.BuildArgs)));
    }

    /// <summary>Which of these images the engine does not have; none when it is not asked.</summary>
    public IReadOnlyList<string> MissingImages(IEnumerable<string> references) =>
        EngineReachable ? references.Distinct(StringComparer.Ordinal).Where(reference => State(reference) is null).ToArray() : [];

    /// <summary>Drops what the engine said about these images (they were just made), so the next question asks again.</summary>
    public void Forget(IEnumerable<string> references)
    {
        foreach (var reference in references)
        {
            _states.TryRemove(reference, out _);
        }
    }

    private ImageState? State(string reference)
    {
        if (!EngineReachable)
        {
            return null;
        }

        if (_states.TryGetValue(reference, out var known))
        {
            return known;
        }

        if (AskedEngineApi(reference))
        {
            return _states[reference];
        }

        return _states.GetOrAdd(reference, name =>
        {
            var result = Ask(_docker.ImageInspect([name]));
            return result is { Succeeded: true } ? ImageState.FromInspectOutput(result.OutputText).FirstOrDefault() : null;
        });
    }

    private string? BaseImageId(string image) => State(image)?.Id;

    /// <summary>
    /// Asks the engine API about <paramref name="reference"/> and remembers the answer; false when there is no
    /// engine to ask that way or its answer could not be read (then the docker client is asked, and its errors are the ones shown).
    /// </summary>
    private bool AskedEngineApi(string reference)
    {
        if (_engineApi.Value?.InspectImage(reference) is not { } answer)
        {
            return false;
        }

        if (!answer.Found)
        {
            _states.TryAdd(reference, null);
            return true;
        }

        if (ImageState.FromInspectDocument(answer.Json!) is not { } state)
        {
            return false;
        }

        _states.TryAdd(reference, state);
        return true;
    }

    /// <summary>Every look at an image starts here, so a missing Dockerfile is named before anything reads it.</summary>
    private void RequireDockerfile(ImageSpec spec)
    {
        if (_dockerfilesFound.ContainsKey(spec.Dockerfile))
        {
            return;
        }

        if (!File.Exists(Path.Combine(_repositoryRoot, spec.Dockerfile)))
        {
            throw ImageErrors.MissingDockerfile(spec);
        }

        _dockerfilesFound[spec.Dockerfile] = true;
    }

    /// <summary>A read-only question to the engine; null when the docker client itself is missing (a dry run still works).</summary>
    private CommandResult? Ask(ToolCommand command)
    {
        try
        {
            return _runner.Capture(command, InspectTimeout);
        }
        catch (CakeException exception) when (exception.ExitCode == ExitCodes.ToolMissing)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether asking the engine costs milliseconds: DOCKER_HOST unset (the default socket) or a unix socket,
    /// and the socket file exists. A tcp/ssh engine is not asked in a dry run.
    /// </summary>
    public static bool LocalEngineSocketExists(string? dockerHost) =>
        EngineEndpoint.FromDockerHost(dockerHost) is { SocketPath: { } socket } && File.Exists(socket);
}
