using Build.Context;
using Build.Images;
using Build.SupplyChain;
using Build.Swarm;
using Cake.Core;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Deploy))]
[TaskDescription(
    "Deploys the stack (deployment/docker-stack.bridge.yml, images from --registry) to the swarm the engine manages and waits until it " +
    "has converged; a changed image is a rolling update, rolled back when its health check fails. --scale=SERVICE=N, --swarm-init; " +
    "--verify-key refuses images it cannot verify.")]
[IsDependentOn(typeof(Push))]
// Deploy depends on Push: the swarm runs production images.
[FixesStage(ImageFlavour.Production)]
public sealed class Deploy(SwarmDeployment deployment, SignatureVerifier verifier) : FrostingTask<BuildContext>
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
        var key = context.Options.VerifyKey;
        deployment.Deploy(request, images =>
        {
            if (key is not null)
            {
                Verify(context, images, key);
            }
        }, context.Report.Stack);
    }

    /// <summary>
    /// Every image the stack will run, by the digest it will run, checked against the trusted public key before anything
    /// changes on the swarm; one that fails stops the deploy with exit 14, the stack as it was.
    /// </summary>
    private void Verify(BuildContext context, DeployImages images, string key)
    {
        var results = verifier.Verify(images.References, key);
        var reportNames = images.Images.ToDictionary(image => image.Pinned,
            image => context.Image(image.Service, ImageFlavour.Production).PrimaryReference, StringComparer.Ordinal);
        foreach (var result in results)
        {
            context.Report.ImageSignature(reportNames[result.Reference], result.Status);
        }

        if (results.Any(result => result.Refused))
        {
            throw new CakeException(ExitCodes.ImageNotVerified,
                "Deploy refused: " + SignatureVerifier.Refusal(results, key, "nothing on the swarm was changed") + Environment.NewLine +
                "Push them again with --sign-key of the trusted key, or give the --verify-key that matches their signer.");
        }
    }

    /// <summary>The commit's own tag when there is one (sha-abc1234), else prod; the registry's digest for it is what runs.</summary>
    private static string DeployTag(BuildContext context)
    {
        var tags = context.Image(ImageTable.ServiceNames[0], ImageFlavour.Production).Tags;
        return context.Git.ShortSha is { } sha && tags.Contains($"sha-{sha}") ? $"sha-{sha}" : tags[0];
    }
}
