using Cake.Core.Diagnostics;
using Build.Tools;

namespace Build.Images;

/// <summary>
/// Pushes the production images. With credentials, the login goes into a throw-away DOCKER_CONFIG folder used by
/// this push only: the password is never stored in the user's ~/.docker/config.json, and a login the user already
/// had for another registry is left as it was.
/// </summary>
public static class ImagePublisher
{
    public static void Push(BuildContext context)
    {
        var options = context.Options;
        var registry = options.Registry
            ?? throw BuildErrors.BadOption("Push needs a registry: --registry=HOST[:PORT]/NAMESPACE (or BRIDGE_REGISTRY), for example --registry=127.0.0.1:5000/omninode.");
        var server = registry.Split('/')[0];

        string? configFolder = null;
        try
        {
            if (options.RegistryUsername is { } username)
            {
                var password = Password(context, username);
                configFolder = context.Runner.DryRun ? null : Directory.CreateTempSubdirectory("bridge-docker-config-").FullName;
                Login(context, WithConfig(context.Docker.Login(server, username, password), configFolder), server, username);
            }

            foreach (var service in ImageTable.ServiceNames)
            {
                foreach (var reference in context.Image(service, ImageFlavour.Production).References)
                {
                    context.Runner.Run(WithConfig(context.Docker.Push(reference), configFolder));
                }
            }
        }
        finally
        {
            if (configFolder is not null)
            {
                Directory.Delete(configFolder, recursive: true);
            }
        }
    }

    private static string Password(BuildContext context, string username)
    {
        if (context.Options.PasswordFromStandardInput)
        {
            return context.Runner.DryRun ? "" : Console.In.ReadToEnd().TrimEnd('\r', '\n');
        }

        return context.Options.RegistryPassword
            ?? throw BuildErrors.BadOption($"--registry-username={username} needs a password: --registry-password, REGISTRY_PASSWORD, or --password-stdin.");
    }

    private static void Login(BuildContext context, ToolCommand login, string server, string username)
    {
        if (context.Runner.DryRun)
        {
            context.Runner.Show(login);
            return;
        }

        context.Log.Information("$ {0}", login.Render());
        var result = context.Runner.Capture(login);
        if (!result.Succeeded)
        {
            var reason = result.Error.Concat(result.Output).FirstOrDefault(line => line.Trim().Length > 0)?.Trim() ?? $"exit code {result.ExitCode}";
            throw new CakeException(ExitCodes.LoginRefused,
                $"The registry {server} refused the login of user '{username}' ({reason}). Check --registry-username and the password (--registry-password, REGISTRY_PASSWORD or --password-stdin); nothing was pushed.");
        }
    }

    private static ToolCommand WithConfig(ToolCommand command, string? configFolder) =>
        configFolder is null ? command : command with { Environment = new Dictionary<string, string>(command.Environment) { ["DOCKER_CONFIG"] = configFolder } };
}
