using Build.Images;
using Build.Tests.Support;

namespace Build.Tests.Images;

/// <summary>What the console shows of a build, read from output recorded on this machine's engine (Recorded/).</summary>
public sealed class BuildProgressTests
{
    private static string[] Recorded(string name) =>
        File.ReadAllLines(Path.Combine(HostRun.RepositoryRoot, "tests", "Build.Tests", "Images", "Recorded", name));

    private static (BuildProgress Progress, List<string> Shown) Read(IEnumerable<string> lines)
    {
        var progress = new BuildProgress();
        var shown = new List<string>();
        foreach (var line in lines)
        {
            shown.AddRange(progress.Read(line));
        }

        return (progress, shown);
    }

    [Test]
    public void A_BuildKit_build_that_succeeds_shows_a_line_per_stage_and_counts_its_steps()
    {
        var lines = Recorded("buildkit-docker20-production-build.txt");
        var (progress, shown) = Read(lines);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shown, Is.EqualTo(new[]
            {
                "stage base: 6 steps, 1 from the cache",
                "stage production-builder: 4 steps, 0 from the cache",
                "stage production: 3 steps, 1 from the cache",
            }));
            Assert.That(lines, Has.Length.GreaterThan(100), "the recording is a whole build");
            // base 6, production-builder 4, production 3; the two WORKDIRs were cached.
            Assert.That((progress.Steps, progress.Cached, progress.Warnings), Is.EqualTo((13, 2, 0)));
            Assert.That(progress.Summary(TimeSpan.FromSeconds(27.46), "artifacts/build-logs/orchestrator-production.log"),
                Is.EqualTo("built in 27.5 s: 13 steps, 2 from the cache; whole output in artifacts/build-logs/orchestrator-production.log"));
        }
    }

    [Test]
    public void A_failed_BuildKit_step_is_shown_with_its_error_and_its_own_last_lines_and_a_warning_once()
    {
        var (progress, shown) = Read(Recorded("buildkit-docker20-failed-run.txt"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shown, Is.EqualTo(new[]
            {
                "[base 2/2] WARNING: the bridge is old",
                "stage base: 2 steps, 1 from the cache",
                "failed: [production 2/2] RUN echo \"the bridge needs libbridge\" >&2; exit 3: " +
                    "executor failed running [/bin/sh -c echo \"the bridge needs libbridge\" >&2; exit 3]: exit code: 3",
                "  the bridge needs libbridge",
            }));
            Assert.That((progress.Steps, progress.Warnings), Is.EqualTo((3, 1)));
        }
    }

    [Test]
    public void The_legacy_builder_shows_only_its_warnings_and_counts_its_steps()
    {
        var (progress, shown) = Read(Recorded("legacy-docker20-failed-run.txt"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shown, Is.EqualTo(new[] { "WARNING: the bridge is old" }));
            Assert.That((progress.Steps, progress.Cached), Is.EqualTo((5, 0)));
        }
    }

    [Test]
    public void A_step_repeated_by_interleaved_progress_counts_once_and_a_cached_stage_says_so()
    {
        var (progress, shown) = Read([
            "#4 [2/2] RUN true", "#3 [1/2] FROM docker.io/omninode/python:3.11-bookworm", "#3 CACHED", "#4 [2/2] RUN true", "#4 CACHED",
            "#5 exporting to image", "#5 DONE 0.1s",
        ]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shown, Is.EqualTo(new[] { "stage: 2 steps, all from the cache" }));
            Assert.That(progress.Summary(TimeSpan.FromSeconds(1), "x.log"), Is.EqualTo("built in 1.0 s: 2 steps, 2 from the cache; whole output in x.log"));
        }
    }
}
