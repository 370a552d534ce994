using Build.Images;
using Build.Reporting;
using Build.SupplyChain;
using Build.Tools;
using Build.Tools.Docker;
using Build.Verification;
using Cake.Common.Build;
using Cake.Core.Diagnostics;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Verify))]
[TaskDescription(
    "Checks the built production (and slim) images: non-root, HEALTHCHECK, no Poetry in slim, size budgets from cake.config [Verify], " +
    "OCI labels, no build secret in any layer. Runs with Production on a CI, or alone with --target=Verify.")]
[IsDependentOn(typeof(BuildOrchestrator))]
[IsDependentOn(typeof(BuildReducer))]
[IsDependeeOf(typeof(Production))]
[ReadsProjectVersion]
[FixesStage(ImageFlavour.Production)]
public sealed class Verify(
    ImageInputs images, ICommandRunner runner, IEngineSession engine, ISideEffects effects, ChildEnvironment children, SignatureVerifier signatures,
    PushedAttestations attestations)
    : FrostingTask<BuildContext>
{
    public override bool ShouldRun(BuildContext context) => context.ShouldRun(
        CiDetection.IsCi(context.Environment.GetEnvironmentVariable("CI"), context.GitHubActions().IsRunningOnGitHubActions)
            || OnDemand(context),
        "not on a CI (CI=true or GitHub Actions); --target=Verify runs it here");

    public override void Run(BuildContext context) => effects.Make(() => Check(context), () => Describe(context));

    private void Check(BuildContext context)
    {
        var indexPassword = IndexSecretValues.FromEnvironment(
            context.Options.PythonProject.FullPath, children.Over(context.Environment.GetEnvironmentVariable));
        var secrets = new ImageSecretScan(engine.Docker.Executable, indexPassword);
        var listedSize = engine.ImageStore == ImageStores.Containerd && engine.Api is { } api ? api.ListedImageSize : (Func<string, long?>?)null;
        var verifier = new ImageVerifier(images, runner, engine.Docker, message => context.Log.Warning("{0}", message), secrets.Scan, listedSize);
        var budget = ImageVerifier.Budget(context.Configuration);
        var violations = new List<(ImageSpec Spec, Violation Violation)>();
        foreach (var spec in ImageVerifier.Images(context.Image).Where(spec => ChecksImage(context, spec)))
        {
            if (verifier.Inspect(spec) is not { } facts)
            {
                if (spec.Flavour != ImageFlavour.Slim)
                {
                    violations.Add((spec, new Violation(spec.PrimaryReference, "exists", "does not exist: build it with --target=Production.")));
                }

                continue;
            }

            var found = ImageRules.Check(facts, budget, requireRevision: context.Git.Sha is not null);
            context.Log.Information("{0}: {1:0.0} MB, user {2}, {3}",
                spec.PrimaryReference,
                facts.SizeBytes / 1_000_000.0,
                facts.User.Length == 0 ? "root (unset)" : facts.User,
                found.Count == 0 ? "ok" : $"{found.Count} violation(s)");
            violations.AddRange(found.Select(violation => (spec, violation)));
        }

        violations.AddRange(Signatures(context));

        if (violations.Count > 0)
        {
            throw new CakeException(ExitCodes.VerifyViolations,
                    $"Verify found {violations.Count} violation(s):{Environment.NewLine}" +
                    $"{string.Join(Environment.NewLine, violations.Select(v => "  - " + v.Violation))}")
                .At(violations[0].Spec.Dockerfile);
        }
    }

    /// <summary>
    /// With --verify-key and --target=Verify, the pushed production images in --registry: signed with the key's private
    /// half, their SBOM attestation too (what Deploy will demand before it runs them).
    /// </summary>
    private IEnumerable<(ImageSpec Spec, Violation Violation)> Signatures(BuildContext context)
    {
        // On demand only (--target=Verify): inside Production on a CI, Verify runs before Push has pushed or signed
        // anything, and Deploy checks the very digests it will run itself.
        if (context.Options.VerifyKey is not { } key || !OnDemand(context))
        {
            return [];
        }

        var specs = ImageTable.ServiceNames.Select(service => context.Image(service, ImageFlavour.Production)).ToArray();
        var results = signatures.Verify(specs.Select(spec => spec.PrimaryReference).ToArray(), key);
        var found = new List<(ImageSpec, Violation)>();
        foreach (var (spec, result) in specs.Zip(results))
        {
            context.Report.ImageSignature(spec.PrimaryReference, result.Status);
            context.Log.Information("{0}: signature {1}", result.Reference, result.Status);
            if (result.Refused)
            {
                found.Add((spec, new Violation(result.Reference, "signature", $"{result.Status} (--verify-key={key})")));
            }
        }

        // An engine that attests (buildx with the containerd store) pushed provenance and the SBOM inside each image's
        // index; one that cannot never did, and the SBOM attestation cosign checked above is then the only one.
        if (BuildAttestations.EngineCan(engine.Builder.Builder, engine.ImageStore))
        {
            foreach (var spec in specs)
            {
                var attached = attestations.Read(spec.PrimaryReference);
                context.Log.Information("{0}: attestations {1}", spec.PrimaryReference,
                    attached.Unreadable ?? (attached.Predicates.Count == 0 ? "none" : string.Join(", ", attached.Predicates.Distinct())));
                found.AddRange(attached.Missing().Select(missing => (spec, new Violation(spec.PrimaryReference, "attestations", missing))));
            }
        }

        return found;
    }

    /// <summary>
    /// With Production, only what Production built; alone (--target=Verify), the slim images too, when they exist:
    /// a slim image left from an older build must not fail today's production build.
    /// </summary>
    private static bool ChecksImage(BuildContext context, ImageSpec spec) =>
        spec.Flavour != ImageFlavour.Slim || OnDemand(context);

    /// <summary>Asked for by name (--target=Verify), not run inside Production.</summary>
    private static bool OnDemand(BuildContext context) => string.Equals(context.Target, nameof(Verify), StringComparison.OrdinalIgnoreCase);

    private static void Describe(BuildContext context)
    {
        var budget = ImageVerifier.Budget(context.Configuration);
        foreach (var spec in ImageVerifier.Images(context.Image).Where(spec => ChecksImage(context, spec)))
        {
            context.Log.Information("  would check {0}{1}: non-root, HEALTHCHECK, at most {2} MB, OCI labels, no build secret{3}",
                spec.PrimaryReference,
                spec.Flavour == ImageFlavour.Slim ? " (if built)" : "",
                budget.For(spec.Flavour),
                spec.Flavour == ImageFlavour.Slim ? ", no Poetry" : "");
        }
    }
}
