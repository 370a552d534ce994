using Build.Images;

namespace Build.TaskFacts;

/// <summary>
/// A target that builds, pushes or checks images of one stage only: run as --target, it fixes the build target whatever
/// --build-target or BUILD_TARGET say (saying the opposite on the command line is an error).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FixesStageAttribute(ImageFlavour stage) : Attribute
{
    public ImageFlavour Stage { get; } = stage;
}
