using Build.Images;

namespace Build.Verification;

/// <summary>
/// Verify's rules as a pure function over an image's facts: non-root user, a HEALTHCHECK, no Poetry in a slim image,
/// size within budget, the OCI labels title and version (and revision when the build ran in a git repository), no
/// build secret's value in any layer, the config or the history.
/// </summary>
public static class ImageRules
{
    public const string RunsAsRoot = "non-root";
    public const string NoHealthcheck = "healthcheck";
    public const string PoetryInSlim = "no-poetry-in-slim";
    public const string OverBudget = "size";
    public const string MissingLabel = "oci-labels";
    public const string SecretInImage = "no-build-secret";

    public static IReadOnlyList<Violation> Check(ImageFacts image, VerifyBudget budget, bool requireRevision)
    {
        var violations = new List<Violation>();
        if (IsRoot(image.User))
        {
            violations.Add(new(image.Reference, RunsAsRoot,
                $"runs as root (Config.User is \"{image.User}\"): add USER with a numeric non-root UID to the final stage."));
        }

        if (!image.HasHealthcheck)
        {
            violations.Add(new(image.Reference, NoHealthcheck, "has no HEALTHCHECK: add one to the final stage."));
        }

        if (image.Flavour == ImageFlavour.Slim && image.HasPoetry == true)
        {
            violations.Add(new(image.Reference, PoetryInSlim, "contains Poetry: a slim image carries only the venv and the code."));
        }

        if (image.SecretsFound is { Count: > 0 } secrets)
        {
            violations.Add(new(image.Reference, SecretInImage,
                $"holds the value of {string.Join(" and ", secrets)} (a build secret) in a layer, its config or its history: " +
                "mount it for the RUN step that needs it (RUN --mount=type=secret) instead of ARG, ENV or COPY."));
        }

        var limit = budget.For(image.Flavour);
        var megabytes = image.SizeBytes / 1_000_000.0;
        if (megabytes > limit)
        {
            violations.Add(new(image.Reference, OverBudget,
                $"is {megabytes:0.0} MB, over the budget of {limit} MB " +
                $"([Verify] Max{(image.Flavour == ImageFlavour.Slim ? "Slim" : "Production")}MB in cake.config)."));
        }

        var required = new List<string> { "title", "version" };
        if (requireRevision)
        {
            required.Add("revision");
        }

        var missing = required.Where(name => !image.Labels.TryGetValue(ImagePlanner.LabelPrefix + name, out var value) || value.Length == 0).ToArray();
        if (missing.Length > 0)
        {
            violations.Add(new(image.Reference, MissingLabel,
                $"lacks the OCI label{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(name => ImagePlanner.LabelPrefix + name))}."));
        }

        return violations;
    }

    /// <summary>Empty, root or UID 0, with or without a group (root:root, 0:0).</summary>
    public static bool IsRoot(string user)
    {
        var name = user.Split(':')[0].Trim();
        return name is "" or "root" or "0";
    }
}
