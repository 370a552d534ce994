using Build.Images;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Build.SupplyChain;

/// <summary>
/// Writes the SBOM of each production and slim image after its build (artifacts/sbom/, the previous one of the same
/// image kept beside it to say what changed) and summarises it for the report; an image that did not need building
/// keeps the SBOM of its last build, and so does a rebuilt image whose packages cannot have changed (see
/// <see cref="Kept"/>). The dry run shows the generator's command line and writes nothing.
/// </summary>
/// <param name="projectName">The project's distribution name (pyproject.toml): the package the SBOM describes.</param>
/// <param name="packagesDigest">The digest of what an image installs: its inputs without the project's own code.</param>
public sealed class ImageSboms(DirectoryPath repositoryRoot, Func<string> projectName, ICommandRunner runner, Func<DockerCommands> docker,
    ISideEffects effects, ICakeLog log, Func<ImageSpec, string> packagesDigest)
{
    /// <summary>Production and slim images: the ones that ship. A development image is rebuilt on every change and never pushed.</summary>
    public static bool Covers(ImageFlavour flavour) => flavour != ImageFlavour.Development;

    /// <summary>The generator's command for <paramref name="spec"/>: the dry run prints it, the real run captures its output.</summary>
    public ToolCommand Command(ImageSpec spec) =>
        SbomCommands.FromImage(docker(), repositoryRoot, spec.PrimaryReference, projectName(), spec.SourceDateEpoch);

    /// <summary>Makes the SBOM of a freshly built image and hands back its summary (null in a dry run).</summary>
    public SbomSummary? Write(ImageSpec spec) => effects.Make<SbomSummary?>(() => Kept(spec) ?? WriteNow(spec), () =>
    {
        runner.Show(Command(spec));
        return null;
    });

    /// <summary>The summary of the SBOM an image kept from its last build; null when there is none.</summary>
    public SbomSummary? Existing(ImageSpec spec)
    {
        var path = SbomFiles.PathFor(repositoryRoot.FullPath, spec.Service, spec.Flavour);
        return Read(path) is { } document ? SbomSummary.Of(Relative(path), document, Read(Previous(spec))) : null;
    }

    /// <summary>
    /// The SBOM of the image's last build, when what it was made from is what this build installed: the same inputs but
    /// the project's own code (the base images, the Dockerfile, the lock, ...), the same commit time, project and
    /// generator, and the file as it was written. Then the generator's run (a container of the image) would write the
    /// same document, and a .py edit does not pay for it. Null when anything differs or is missing.
    /// </summary>
    private SbomSummary? Kept(ImageSpec spec)
    {
        var path = SbomFiles.PathFor(repositoryRoot.FullPath, spec.Service, spec.Flavour);
        var inputsPath = SbomFiles.InputsPathFor(repositoryRoot.FullPath, spec.Service, spec.Flavour);
        if (!File.Exists(path) || !File.Exists(inputsPath) || File.ReadAllText(inputsPath) != MadeFrom(spec, path)
            || Read(path) is not { } document)
        {
            return null;
        }

        var summary = SbomSummary.Of(Relative(path), document, document);
        log.Information("{0}: SBOM {1} kept: {2} packages ({3} Debian, {4} Python); only the project's own code changed since it was made.",
            spec.PrimaryReference, summary.File, summary.Packages, summary.DebianPackages, summary.PythonDistributions);
        return summary;
    }

    private string MadeFrom(ImageSpec spec, string sbomPath) =>
        $"packages {packagesDigest(spec)}\nepoch {spec.SourceDateEpoch}\nproject {projectName()}\n" +
        $"generator {FileSha256(repositoryRoot.Combine(SbomCommands.GeneratorFolder).CombineWithFilePath("sbom_generator.py").FullPath)}\n" +
        $"sbom {FileSha256(sbomPath)}\n";

    private static string FileSha256(string path) =>
        File.Exists(path) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))) : "missing";

    private SbomSummary WriteNow(ImageSpec spec)
    {
        var result = runner.CaptureChecked(Command(spec));
        var document = SupplyChainJson.ReadSpdx(result.OutputText)
            ?? throw new CakeException($"{spec.PrimaryReference}: the SBOM generator ({SbomCommands.GeneratorFolder}) printed no SPDX 2.x document.");
        var path = SbomFiles.PathFor(repositoryRoot.FullPath, spec.Service, spec.Flavour);
        var previous = Previous(spec);
        Directory.CreateDirectory(Path.GetDirectoryName(previous)!);
        if (File.Exists(path))
        {
            File.Move(path, previous, overwrite: true);
        }

        File.WriteAllText(path, result.OutputText + "\n");
        var inputsPath = SbomFiles.InputsPathFor(repositoryRoot.FullPath, spec.Service, spec.Flavour);
        Directory.CreateDirectory(Path.GetDirectoryName(inputsPath)!);
        File.WriteAllText(inputsPath, MadeFrom(spec, path));
        var summary = SbomSummary.Of(Relative(path), document, Read(previous));
        log.Information("{0}: SBOM {1}: {2} packages ({3} Debian, {4} Python), {5} licences; since the previous build: {6}.",
            spec.PrimaryReference, summary.File, summary.Packages, summary.DebianPackages, summary.PythonDistributions, summary.Licences,
            summary.Changes?.Describe() ?? "none to compare with");
        return summary;
    }

    private string Previous(ImageSpec spec) => SbomFiles.PreviousPathFor(repositoryRoot.FullPath, spec.Service, spec.Flavour);

    private string Relative(string path) => SbomFiles.Relative(repositoryRoot.FullPath, path);

    private static SpdxDocument? Read(string path) => File.Exists(path) ? SupplyChainJson.ReadSpdx(File.ReadAllText(path)) : null;
}
