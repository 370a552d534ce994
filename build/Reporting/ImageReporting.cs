using Build.Images;

namespace Build.Reporting;

/// <summary>What ImageBuilder calls after `docker build`: the image's id and size go into the report.</summary>
public static class ImageReporting
{
    public static void Built(BuildReport report, ImageInputs images, bool dryRun, ImageSpec spec, string? inputDigest = null)
    {
        if (dryRun)
        {
            report.ImagePlanned(spec, inputDigest);
            return;
        }

        var state = images.Rebuilt(spec);
        report.ImageBuilt(spec, state?.Id, state?.SizeBytes, inputDigest);
    }
}
