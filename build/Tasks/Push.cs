using Build.Images;
using Build.SupplyChain;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Push))]
[TaskDescription(
    "Pushes every tag of the production images to --registry (login with --registry-username and --registry-password, REGISTRY_PASSWORD" +
    " or --password-stdin); with --sign-key, signs each pushed digest with cosign and attaches its SBOM as a signed attestation.")]
[IsDependentOn(typeof(Production))]
[ReadsProjectVersion]
[FixesStage(ImageFlavour.Production)]
[LeavesWhenInterrupted("Some tags may already be in the registry, none is half pushed: run Push again.")]
public sealed class Push(ImagePublisher publisher, ImageSigner signer) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var options = PushOptions.From(context.Options);
        IReadOnlyList<ImageSpec> Images() => ImageTable.ServiceNames.Select(service => context.Image(service, ImageFlavour.Production)).ToArray();
        if (context.Options.SignKey is not { } key)
        {
            publisher.Push(options, () => Images().SelectMany(image => image.References));
            return;
        }

        // Everything signing needs is checked before the first tag goes out.
        var images = Images();
        var request = new SigningRequest(key, context.Options.SignKeyPassword ?? "", context.Options.RepositoryRoot.FullPath);
        signer.Prepare(request, images);
        var digests = publisher.Push(options, () => images.SelectMany(image => image.References));
        foreach (var image in images)
        {
            context.Report.ImageSignature(image.PrimaryReference, signer.Sign(request, image, publisher.PushedReference(digests, image)));
        }
    }
}
