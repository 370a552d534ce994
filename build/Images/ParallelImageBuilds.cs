using Cake.Core;

namespace Build.Images;

/// <summary>
/// Runs the two images of a target at the same time while Cake runs its tasks one after another: the first image
/// task of a pair starts both builds, waits for its own and returns; the second task finds its build running and
/// waits for it. A failure in one build cancels the others (their processes are killed) and the error names the
/// image that failed. Keyed by <see cref="ImageSpec"/>, so each image is built at most once per run.
/// </summary>
public sealed class ParallelImageBuilds
{
    /// <summary>Builds one image, writing its output through the given line callback, until the token is cancelled.</summary>
    public delegate void BuildImage(ImageSpec spec, Action<string> outputLine, CancellationToken cancellationToken);

    private readonly Dictionary<ImageSpec, (Group? Group, Task? Build)> _started = [];
    private readonly Action<string> _writeLine;
    private readonly object _outputGate = new();

    /// <param name="writeLine">Where prefixed build output goes (the log); called under a lock, one line at a time.</param>
    public ParallelImageBuilds(Action<string> writeLine) => _writeLine = writeLine;

    /// <summary>
    /// Builds <paramref name="spec"/>: alone when <paramref name="partners"/> is empty, else together with them.
    /// Returns when <paramref name="spec"/>'s build is done; throws when it failed or was cancelled by a partner's failure.
    /// </summary>
    public void Run(ImageSpec spec, IReadOnlyList<ImageSpec> partners, BuildImage build)
    {
        (Group? Group, Task? Build) own;
        lock (_started)
        {
            if (!_started.TryGetValue(spec, out own))
            {
                if (partners.Count == 0)
                {
                    own = default;
                }
                else
                {
                    var group = new Group();
                    foreach (var image in partners.Prepend(spec).Distinct())
                    {
                        var member = image;
                        _started[member] = (group, Task.Run(() => RunMember(group, member, build)));
                    }

                    own = _started[spec];
                }
            }
        }

        if (own.Build is null || own.Group is null)
        {
            build(spec, Prefixed(spec), CancellationToken.None);
            return;
        }

        Wait(spec, own.Group, own.Build);
    }

    /// <summary>The short name each line of an image's output starts with: [orchestrator] or [orchestrator:slim].</summary>
    public static string Prefix(ImageSpec spec) => spec.Flavour == ImageFlavour.Slim ? $"[{spec.Service}:slim] " : $"[{spec.Service}] ";

    private Action<string> Prefixed(ImageSpec spec)
    {
        var prefix = Prefix(spec);
        return line =>
        {
            lock (_outputGate)
            {
                _writeLine(prefix + line);
            }
        };
    }

    private void RunMember(Group group, ImageSpec spec, BuildImage build)
    {
        try
        {
            build(spec, Prefixed(spec), group.Cancellation.Token);
        }
        catch (OperationCanceledException) when (group.Cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (Interruption.IsInterruption(exception))
        {
            // A signal stops every build by itself, gently; the partner is not killed for it.
            throw;
        }
        catch (Exception exception)
        {
            group.Fail(spec, exception);
            throw;
        }
    }

    private static void Wait(ImageSpec spec, Group group, Task build)
    {
        try
        {
            build.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (group.Failure is { } failure)
        {
            throw new CakeException(ExitCode(failure.Error),
                $"{failure.Image.PrimaryReference} failed, so {spec.PrimaryReference} (built in parallel) was cancelled: {failure.Error.Message}",
                failure.Error);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !Interruption.IsInterruption(exception))
        {
            throw new CakeException(ExitCode(exception), $"{spec.PrimaryReference} failed: {exception.Message}", exception);
        }
    }

    private static int ExitCode(Exception exception) => exception is CakeException { ExitCode: not 0 } cake ? cake.ExitCode : 1;

    private sealed class Group
    {
        public CancellationTokenSource Cancellation { get; } = new();

        public (ImageSpec Image, Exception Error)? Failure { get; private set; }

        public void Fail(ImageSpec image, Exception error)
        {
            lock (this)
            {
                Failure ??= (image, error);
            }

            Cancellation.Cancel();
        }
    }
}
