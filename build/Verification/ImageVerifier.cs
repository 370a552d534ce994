using System.Globalization;
using Build.Images;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core.Configuration;

namespace Build.Verification;

/// <summary>
/// Gathers the facts of the images Verify checks: what <see cref="ImageInputs"/> already knows of each (one inspect
/// per image and run), and, through <see cref="CommandRunner.Capture"/>,
/// a throw-away `docker run --rm` for the Poetry probe of slim images. <paramref name="listedSize"/>, given on an engine
/// with the containerd image store, is the image list's size of a reference, from which the unpacked size is read
/// (<see cref="ImageStores.UnpackedSize"/>).
/// </summary>
public sealed class ImageVerifier(ImageInputs images, ICommandRunner runner, DockerCommands docker, Action<string> warn,
    Func<string, IReadOnlyList<string>>? secretScan = null, Func<string, long?>? listedSize = null)
{
    /// <summary>The budgets from cake.config ([Verify] MaxProductionMB, MaxSlimMB); the defaults where absent.</summary>
    public static VerifyBudget Budget(ICakeConfiguration configuration) => new(
        Read(configuration, "Verify_MaxProductionMB", VerifyBudget.Default.MaxProductionMB),
        Read(configuration, "Verify_MaxSlimMB", VerifyBudget.Default.MaxSlimMB));

    /// <summary>Production images must exist; slim images are checked when they exist.</summary>
    public static IReadOnlyList<ImageSpec> Images(Func<string, ImageFlavour, ImageSpec> image) =>
        ImageTable.ServiceNames.Select(service => image(service, ImageFlavour.Production))
            .Concat(ImageTable.ServiceNames.Select(service => image(service, ImageFlavour.Slim)))
            .ToArray();

    /// <summary>The facts of one image, or null when the image does not exist.</summary>
    public ImageFacts? Inspect(ImageSpec spec)
    {
        if (images.Inspect(spec) is not { } state)
        {
            return null;
        }

        var facts = ImageFacts.From(spec.PrimaryReference, spec.Flavour, state) with { SecretsFound = secretScan?.Invoke(spec.PrimaryReference) };
        if (listedSize?.Invoke(spec.PrimaryReference) is { } listed)
        {
            facts = facts with { SizeBytes = ImageStores.UnpackedSize(listed, state.SizeBytes) };
        }

        return spec.Flavour == ImageFlavour.Slim ? facts with { HasPoetry = HasPoetry(spec.PrimaryReference) } : facts;
    }

    /// <summary>`docker run --rm --entrypoint sh IMAGE -c 'command -v poetry'`: exit 0 means Poetry is on PATH.</summary>
    private bool HasPoetry(string reference)
    {
        var result = runner.Capture(docker.PoetryProbe(reference), TimeSpan.FromSeconds(60));
        if (result.ExitCode < 0)
        {
            warn($"The Poetry probe of {reference} did not finish: {result.ErrorText}");
        }

        return result.Succeeded && result.OutputText.Trim().Length > 0;
    }

    private static int Read(ICakeConfiguration configuration, string key, int fallback) =>
        int.TryParse(configuration.GetValue(key), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
