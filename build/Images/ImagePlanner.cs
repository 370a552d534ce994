using System.Globalization;
using Build.Context;
using Build.Git;

namespace Build.Images;

/// <summary>
/// Names, tags, labels and build arguments of every image: a pure function of the options, the project's
/// version and the git facts, so that the unit tests can pin it down case by case.
/// </summary>
public static class ImagePlanner
{
    public const string LabelPrefix = "org.opencontainers.image.";

    /// <summary>Our own label on every image the suite builds: the service. Clean finds the project's layers by it.</summary>
    public const string ProjectLabel = "io.omninode.bridge.service";

    public static ImageSpec Plan(string service, ImageFlavour flavour, BuildOptions options, ProjectMetadata project, GitFacts git)
    {
        var row = ImageTable.Of(flavour);
        return new ImageSpec(service, flavour, ImageTable.Repository(options.Registry, service), row.Dockerfile(service), row.Stage,
            Tags(flavour, project.Version, git, options.ExtraTags), Labels(service, project, git), BuildArguments(options))
        {
            SourceDateEpoch = git.CommitTime?.ToUnixTimeSeconds(),
        };
    }

    /// <summary>
    /// dev → [dev]; prod → [prod, latest, VERSION, sha-SHORT, BRANCH]; slim → [slim, VERSION-slim, sha-SHORT-slim,
    /// BRANCH-slim]: slim shares the repository with production, so its tags carry the flavour as a suffix, as
    /// python:3.12-slim does. Extra --tag values go to the development or production image being built.
    /// </summary>
    public static IReadOnlyList<string> Tags(ImageFlavour flavour, string version, GitFacts git, IReadOnlyList<string> extraTags)
    {
        var row = ImageTable.Of(flavour);
        var tags = new List<string> { row.Tag };
        if (row.Latest)
        {
            tags.Add("latest");
        }

        if (row.SourceTagSuffix is { } suffix)
        {
            tags.AddRange(SourceTags(version, git, suffix));
        }

        if (row.TakesExtraTags)
        {
            tags.AddRange(extraTags);
        }

        return tags.Where(ImageTags.IsValid).Distinct(StringComparer.Ordinal).ToArray();
    }

    public static IReadOnlyDictionary<string, string> Labels(string service, ProjectMetadata project, GitFacts git)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [LabelPrefix + "title"] = $"{project.Name}-{service}",
            [LabelPrefix + "version"] = project.Version,
            [ProjectLabel] = service,
        };
        if (git.Sha is not null)
        {
            labels[LabelPrefix + "revision"] = git.Sha;
        }

        if (git.CommitTime is { } committed)
        {
            // The commit's time, not the clock's: two builds of one commit get identical labels.
            labels[LabelPrefix + "created"] = committed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        if (SanitisedSource(git.RemoteUrl) is { } source)
        {
            labels[LabelPrefix + "source"] = source;
        }

        if (git.RefName is not null)
        {
            labels[LabelPrefix + "ref.name"] = git.RefName;
        }

        return labels;
    }

    /// <summary>PYTHON_IMAGE, BUILDER_IMAGE and POETRY_VERSION, only those given: the Dockerfiles own the defaults.</summary>
    public static IReadOnlyDictionary<string, string> BuildArguments(BuildOptions options)
    {
        var arguments = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (options.BaseImage is not null)
        {
            arguments["PYTHON_IMAGE"] = options.BaseImage;
        }

        if (options.BuilderImage is not null)
        {
            arguments["BUILDER_IMAGE"] = options.BuilderImage;
        }

        if (options.PoetryVersion is not null)
        {
            arguments["POETRY_VERSION"] = options.PoetryVersion;
        }

        return arguments;
    }

    /// <summary>A remote URL without credentials (https://user:token@host/x → https://host/x).</summary>
    public static string? SanitisedSource(string? remoteUrl)
    {
        if (remoteUrl is null)
        {
            return null;
        }

        if (Uri.TryCreate(remoteUrl, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 && uri.Scheme is "http" or "https")
        {
            return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString();
        }

        return remoteUrl;
    }

    private static IEnumerable<string> SourceTags(string version, GitFacts git, string suffix)
    {
        yield return version.Replace('+', '-') + suffix;
        if (git.ShortSha is { } sha)
        {
            yield return $"sha-{sha}{suffix}";
        }

        if (git.Branch is not null && ImageTags.FromBranch(git.Branch) is { } branch)
        {
            // Keep the suffix inside Docker's 128 characters.
            yield return branch[..Math.Min(branch.Length, ImageTags.MaximumLength - suffix.Length)] + suffix;
        }
    }
}
