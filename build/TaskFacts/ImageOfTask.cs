using Build.Images;

namespace Build.TaskFacts;

/// <summary>The image an image task builds: its service, and its flavour (null: the build target's, development or production).</summary>
public sealed record ImageOfTask(string Service, ImageFlavour? Flavour)
{
    /// <summary>The flavour this task builds in a run whose build target is <paramref name="buildTarget"/>.</summary>
    public ImageFlavour In(ImageFlavour buildTarget) => Flavour ?? buildTarget;

    /// <summary>Whether this task builds <paramref name="spec"/> (a stage task builds its service's development and production images).</summary>
    public bool Builds(ImageSpec spec) => spec.Service == Service && (Flavour ?? Stage(spec.Flavour)) == spec.Flavour;

    /// <summary>Whether two image tasks build the same kind of image (both the build target's stage, or both one flavour).</summary>
    public bool SameKind(ImageOfTask other) => Flavour == other.Flavour;

    private static ImageFlavour? Stage(ImageFlavour flavour) => flavour is ImageFlavour.Development or ImageFlavour.Production ? flavour : null;
}
