using Build.Images;

namespace Build.TaskFacts;

/// <summary>
/// The image a task builds: one service of <see cref="ImageTable"/>, at the build target's stage (development or
/// production) or, given, at a flavour of its own (slim). The image task reads its service and flavour from here.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class BuildsImageAttribute : Attribute
{
    /// <summary>The service's image at the build target's stage.</summary>
    public BuildsImageAttribute(string service) => Image = new ImageOfTask(service, null);

    /// <summary>The service's image of one flavour, whatever the build target.</summary>
    public BuildsImageAttribute(string service, ImageFlavour flavour) => Image = new ImageOfTask(service, flavour);

    public ImageOfTask Image { get; }
}
