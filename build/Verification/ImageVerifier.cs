using System.Globalization;
using Build.Images;
using Build.Tools;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;

namespace Build.Verification;

/// <summary>
/// Gathers the facts of the images Verify checks through <see cref="CommandRunner.Capture"/> (read-only: inspect,
/// and a throw-away `docker run --rm` for the Poetry probe of slim images).
/// </summary>
public sealed class ImageVerifier(BuildContext context)
{
    /// <summary>The budgets from cake.config ([Verify] MaxProductionMB, MaxSlimMB); the defaults where absent.</summary>
    public static VerifyBudget Budget(ICakeConfiguration configuration) => new(
        Read(configuration, "Verify_MaxProductionMB", VerifyBudget.Default.MaxProductionMB),
        Read(configuration, "Verify_MaxSlimMB", VerifyBudget.Default.MaxSlimMB));

    /// <summary>Production images must exist; slim images are checked when they exist.</summary>
    public IReadOnlyList<ImageSpec> Images() =>
        ImageTable.ServiceNames.Select(service => context.Image(service, ImageFlavour.Production))
            .Concat(ImageTable.ServiceNames.Select(service => context.Image(service, ImageFlavour.Slim)))
            .ToArray();

    /// <summary>The facts of one image, or null when the image does not exist.</summary>
    public ImageFacts? Inspect(ImageSpec spec)
    {
        if (context.ImageInputs.Inspect(spec) is not { } state)
        {
            return null;
        }

        var facts = ImageFacts.From(spec.PrimaryReference, spec.Flavour, state);
        return spec.Flavour == ImageFlavour.Slim ? facts with { HasPoetry = HasPoetry(spec.PrimaryReference) } : facts;
    }

    /// <summary>`docker run --rm --entrypoint sh IMAGE -c 'command -v poetry'`: exit 0 means Poetry is on PATH.</summary>
    public ToolCommand PoetryProbe(string reference) =>
        ToolCommand.Create(context.Docker.Executable, context.Options.RepositoryRoot, arguments => arguments
            .Append("run").Append("--rm").AppendOption("--entrypoint", "sh").AppendValue(reference)
            .Append("-c").AppendValue("command -v poetry || ls /app/.venv/bin/poetry"));

    private bool HasPoetry(string reference)
    {
        var result = context.Runner.Capture(PoetryProbe(reference), TimeSpan.FromSeconds(60));
        if (result.ExitCode < 0)
        {
            context.Log.Warning("The Poetry probe of {0} did not finish: {1}", reference, result.ErrorText);
        }

        return result.Succeeded && result.OutputText.Trim().Length > 0;
    }

    private static int Read(ICakeConfiguration configuration, string key, int fallback) =>
        int.TryParse(configuration.GetValue(key), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
