using Build.Images;
using Cake.Core;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Push))]
[TaskDescription("Pushes every tag of the production images to --registry (login with --registry-username and --registry-password, REGISTRY_PASSWORD or --password-stdin).")]
[IsDependentOn(typeof(Production))]
public sealed class Push : FrostingTask<BuildContext>, IDryRunnable<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var registry = context.Options.Registry
            ?? throw new CakeException(2, "Push needs a registry: --registry=HOST[:PORT]/NAMESPACE (or BRIDGE_REGISTRY), for example --registry=127.0.0.1:5000/omninode.");
        var server = registry.Split('/')[0];
        var password = context.Options.PasswordFromStandardInput && !context.Runner.DryRun ? Console.In.ReadToEnd().TrimEnd('\r', '\n') : context.Options.RegistryPassword;
        if (context.Options.RegistryUsername is { } username)
        {
            if (password is null && !context.Options.PasswordFromStandardInput)
            {
                throw new CakeException(2, $"--registry-username={username} needs a password: --registry-password, REGISTRY_PASSWORD, or --password-stdin.");
            }

            context.Runner.Run(context.Docker.Login(server, username, password ?? ""));
        }

        foreach (var service in ImagePlanner.Services)
        {
            foreach (var reference in context.Image(service, ImageFlavour.Production).References)
            {
                context.Runner.Run(context.Docker.Push(reference));
            }
        }
    }

    public void DryRun(BuildContext context) => Run(context);
}
