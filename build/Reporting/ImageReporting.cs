using System.Globalization;
using Build.Images;

namespace Build.Reporting;

/// <summary>The id and size `docker image inspect --format '{{.Id}} {{.Size}}'` prints for one image.</summary>
public sealed record ImageIdAndSize(string Id, long SizeBytes)
{
    public const string InspectFormat = "{{.Id}} {{.Size}}";

    public static ImageIdAndSize? Parse(string line)
    {
        var parts = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? new ImageIdAndSize(parts[0], size)
            : null;
    }
}

/// <summary>What ImageBuilder calls after `docker build`: the image's id and size go into the report.</summary>
public static class ImageReporting
{
    public static void Built(BuildContext context, ImageSpec spec, string? inputDigest = null)
    {
        if (context.Runner.DryRun)
        {
            context.Report.ImagePlanned(spec, inputDigest);
            return;
        }

        var result = context.Runner.Capture(context.Docker.ImageInspect([spec.PrimaryReference], ImageIdAndSize.InspectFormat));
        var facts = result.Succeeded ? result.Output.Select(ImageIdAndSize.Parse).FirstOrDefault(parsed => parsed is not null) : null;
        context.Report.ImageBuilt(spec, facts?.Id, facts?.SizeBytes, inputDigest);
    }
}
