using Build.Images;

namespace Build.Reporting;

/// <summary>What ImageBuilder calls after `docker build`: the image's id and size go into the report.</summary>
public static class ImageReporting
{
    public static void Built(BuildContext context, ImageSpec spec, string? inputDigest = null)
    {
        if (context.Runner.DryRun)
        {
            context.Report.ImagePlanned(spec);
            return;
        }

        var state = context.ImageInputs.Rebuilt(spec);
        context.Report.ImageBuilt(spec, state?.Id, state?.SizeBytes, inputDigest);
    }
}
