using Build.Images;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Push))]
[TaskDescription(
    "Pushes every tag of the production images to --registry (login with --registry-username and --registry-password, REGISTRY_PASSWORD" +
    " or --password-stdin).")]
[IsDependentOn(typeof(Production))]
[ReadsProjectVersion]
[FixesStage(ImageFlavour.Production)]
[LeavesWhenInterrupted("Some tags may already be in the registry, none is half pushed: run Push again.")]
public sealed class Push(ImagePublisher publisher) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        publisher.Push(PushOptions.From(context.Options),
            () => ImageTable.ServiceNames.SelectMany(service => context.Image(service, ImageFlavour.Production).References));
}
