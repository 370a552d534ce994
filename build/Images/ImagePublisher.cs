using Build.Tools;
using Build.Tools.Docker;
using Cake.Core.Diagnostics;

namespace Build.Images;

/// <summary>
/// Pushes the production images. With credentials, the login goes into a throw-away DOCKER_CONFIG folder used by
/// this push only: the password is never stored in the user's ~/.docker/config.json, and a login the user already
/// had for another registry is left as it was. The dry run makes no folder, reads no password and shows the login.
/// </summary>
/// <param name="docker">The docker command lines, found on first use (that resolves the engine).</param>
public sealed partial class ImagePublisher(ICommandRunner runner, Func<DockerCommands> docker, ISideEffects effects, ICakeLog log)
{
    /// <summary>
    /// Logs in when a username is given, then pushes every reference; <paramref name="references"/> is asked only
    /// after the registry and the credentials were found valid. Returns the registry's manifest digest of each
    /// reference as docker push printed it (none in a dry run): what a signature signs.
    /// </summary>
    public IReadOnlyDictionary<string, string> Push(PushOptions options, Func<IEnumerable<string>> references)
    {
        var registry = options.Registry
            ?? throw BuildErrors.BadOption(
                "Push needs a registry: --registry=HOST[:PORT]/NAMESPACE (or BRIDGE_REGISTRY), for example --registry=127.0.0.1:5000/omninode.");
        var server = registry.Split('/')[0];

        string? configFolder = null;
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (options.RegistryUsername is { } username)
            {
                var password = Password(options, username);
                configFolder = effects.Make<string?>(() => Directory.CreateTempSubdirectory("bridge-docker-config-").FullName, () => null);
                Login(WithConfig(docker().Login(server, username, password), configFolder), server, username);
            }

            foreach (var reference in references())
            {
                runner.Run(WithConfig(docker().Push(reference), configFolder), line =>
                {
                    log.Information("{0}", line);
                    if (PushedDigest().Match(line) is { Success: true } match)
                    {
                        digests[reference] = match.Groups["digest"].Value;
                    }
                });
            }

            return digests;
        }
        finally
        {
            if (configFolder is not null)
            {
                Directory.Delete(configFolder, recursive: true);
            }
        }
    }

    /// <summary>
    /// The by-digest reference of what was pushed as <paramref name="image"/>'s primary tag, which is what a signature
    /// signs. A real push that printed no digest stops here, since signing the tag instead would sign whatever the tag
    /// names by the time cosign asks; the dry run pushes nothing, so it names the digest docker push would print.
    /// </summary>
    public string PushedReference(IReadOnlyDictionary<string, string> digests, ImageSpec image) =>
        digests.TryGetValue(image.PrimaryReference, out var digest)
            ? $"{image.Repository}@{digest}"
            : effects.Make<string>(
                () => throw new CakeException(ExitCodes.Failed,
                    $"docker push printed no digest for {image.PrimaryReference}, so there is nothing to sign: the tags are in the registry, unsigned. " +
                    "Check that the docker client prints 'digest: sha256:…' after a push (docker 20.10 and later do), then run Push again."),
                () => $"{image.Repository}@<the digest docker push prints for {image.PrimaryReference}>");

    private string Password(PushOptions options, string username)
    {
        if (options.PasswordFromStandardInput)
        {
            return effects.Make(() => Console.In.ReadToEnd().TrimEnd('\r', '\n'), () => "");
        }

        return options.RegistryPassword
            ?? throw BuildErrors.BadOption($"--registry-username={username} needs a password: --registry-password, REGISTRY_PASSWORD, or --password-stdin.");
    }

    /// <summary>The login is captured, not streamed: its error decides between an unreachable registry and a refused login.</summary>
    private void Login(ToolCommand login, string server, string username) =>
        effects.Make(() => LoginCaptured(login, server, username), () => runner.Show(login));

    private void LoginCaptured(ToolCommand login, string server, string username)
    {
        log.Information("$ {0}", login.Render());
        var result = runner.Capture(login);
        if (!result.Succeeded)
        {
            var reason = result.Error.Concat(result.Output).FirstOrDefault(line => line.Trim().Length > 0)?.Trim() ?? $"exit code {result.ExitCode}";
            if (Unreachable(reason))
            {
                throw new CakeException(ExitCodes.RegistryUnreachable,
                    $"The registry {server} could not be reached ({reason}): nothing answered there, so the credentials were never checked. " +
                    "Check --registry and that the registry runs; nothing was pushed.");
            }

            throw new CakeException(ExitCodes.LoginRefused,
                $"The registry {server} refused the login of user '{username}' ({reason}). " +
                "Check --registry-username and the password (--registry-password, REGISTRY_PASSWORD or --password-stdin); nothing was pushed.");
        }
    }

    /// <summary>The docker client's words for a registry that did not answer (TCP refused, no such host, timeout).</summary>
    public static bool Unreachable(string reason) =>
        new[] { "connection refused", "no such host", "i/o timeout", "network is unreachable", "no route to host", "server misbehaving" }
            .Any(marker => reason.Contains(marker, StringComparison.OrdinalIgnoreCase));

    /// <summary>docker push's last line: "prod: digest: sha256:… size: 529".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"digest: (?<digest>sha256:[0-9a-f]{64})")]
    private static partial System.Text.RegularExpressions.Regex PushedDigest();

    private static ToolCommand WithConfig(ToolCommand command, string? configFolder) =>
        configFolder is null
            ? command
            : command with { Environment = new Dictionary<string, string>(command.Environment) { ["DOCKER_CONFIG"] = configFolder } };
}
