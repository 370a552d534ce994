using Build.Reporting;

namespace Build.Images;

public static class ImageErrors
{
    /// <summary>The message of a missing Dockerfile, pointing at the file (a GitHub annotation shows it there).</summary>
    public static CakeException MissingDockerfile(ImageSpec spec) =>
        new CakeException(ExitCodes.MissingDockerfile,
            $"{spec.Dockerfile} is missing: {spec.PrimaryReference} is built from it (stage {spec.Stage}). Restore it from git (git checkout -- {spec.Dockerfile}).")
            .At(spec.Dockerfile);
}
