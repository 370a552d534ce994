namespace Build.Images;

/// <summary>
/// The images the build makes, written down once: a line per service and a line per flavour (Dockerfile, stage, tags).
/// Every image is one service × one flavour; the planner, Push, Clean, Verify and the compose variables read these
/// two lists, and each image task names its service and flavour on its class (<see cref="TaskFacts.BuildsImageAttribute"/>).
/// Adding a service is a line in <see cref="ServiceNames"/>, its two task files, and its edges in Targets.cs.
/// </summary>
public static class ImageTable
{
    /// <summary>The services, in the order their images are built and listed.</summary>
    public static readonly IReadOnlyList<string> ServiceNames = ["orchestrator", "reducer"];

    public static readonly IReadOnlyList<FlavourImages> Flavours =
    [
        new(ImageFlavour.Development, "deployment", "development", "dev", SourceTagSuffix: null, Latest: false, TakesExtraTags: true),
        new(ImageFlavour.Production, "deployment", "production", "prod", SourceTagSuffix: "", Latest: true, TakesExtraTags: true),
        new(ImageFlavour.Slim, "docker/bridge-nodes", "runtime", "slim", SourceTagSuffix: "-slim", Latest: false, TakesExtraTags: false),
    ];

    /// <summary>The flavours a build target can name (--build-target): those built from deployment/'s stages.</summary>
    public static readonly IReadOnlyList<FlavourImages> Stages = [.. Flavours.Where(row => row.Flavour != ImageFlavour.Slim)];

    /// <summary>The line of one flavour.</summary>
    public static FlavourImages Of(ImageFlavour flavour) => Flavours.Single(row => row.Flavour == flavour);

    /// <summary>
    /// The repository of a service's images: the service's name, under --registry's prefix when one is given
    /// (<c>127.0.0.1:5000/omninode/orchestrator</c>).
    /// </summary>
    public static string Repository(string? registry, string service) => registry is null ? service : $"{registry}/{service}";
}
