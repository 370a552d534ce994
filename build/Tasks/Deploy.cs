using Build.Context;
using Build.Images;
using Build.Swarm;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Deploy))]
[TaskDescription(
    "Deploys the stack (deployment/docker-stack.bridge.yml, images from --registry) to the swarm the engine manages and waits until it " +
    "has converged; a changed image is a rolling update, rolled back when its health check fails. --scale=SERVICE=N, --swarm-init.")]
[IsDependentOn(typeof(Push))]
// Deploy depends on Push: the swarm runs production images.
[FixesStage(ImageFlavour.Production)]
public sealed class Deploy(SwarmDeployment deployment) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var stack = StackDefinition.Read(context.Options.RepositoryRoot.FullPath);
        if (!stack.IsCurrent)
        {
            throw BuildErrors.BadOption(
                $"{StackFileGenerator.StackFileRelative} is not what {StackFileGenerator.ComposeFileRelative} makes today" +
                $"{(stack.Committed is null ? " (it is missing)" : "")}: run ./build.sh --target=StackFile and commit it. Nothing was deployed.");
        }

        var registry = context.Options.Registry
            ?? throw BuildErrors.BadOption(
                "Deploy needs --registry=HOST[:PORT]/NAMESPACE (or BRIDGE_REGISTRY): every swarm node pulls the images from there " +
                "(scripts/swarm-lab.sh prints one as REGISTRY=…).");
        var request = new DeployRequest(
            registry + "/",
            DeployTag(context),
            ComposeFileServices.Read(context.Options.ComposeFile.FullPath),
            context.Options.Scale.Replicas,
            context.Options.WithRegistryAuth,
            context.Options.SwarmInit);
        deployment.Deploy(request, context.Report.Stack);
    }

    /// <summary>The commit's own tag when there is one (sha-abc1234), else prod; the registry's digest for it is what runs.</summary>
    private static string DeployTag(BuildContext context)
    {
        var tags = context.Image(ImageTable.ServiceNames[0], ImageFlavour.Production).Tags;
        return context.Git.ShortSha is { } sha && tags.Contains($"sha-{sha}") ? $"sha-{sha}" : tags[0];
    }
}
