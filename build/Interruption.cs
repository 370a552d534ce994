using System.Runtime.InteropServices;
using Build.TaskFacts;
using Build.Tools;
using Cake.Core;

namespace Build;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM for the whole run. The first signal is taken over: the child processes are stopped
/// and waited for (<see cref="CommandRunner"/>), no further task starts, the report is written with status
/// <c>interrupted</c>, and the run exits 130 (SIGINT) or 143 (SIGTERM) with one line naming what was interrupted and
/// what it left. A second signal is left to the system: the host dies at once, as users expect of a second Ctrl-C.
/// Registered through <see cref="PosixSignalRegistration"/>, which works in the natively compiled host.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signal;

    /// <summary>Listens for SIGINT and SIGTERM (on Windows: Ctrl-C and Ctrl-Break, through the same API).</summary>
    public static Interruption Listen()
    {
        var interruption = new Interruption();
        interruption._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, interruption.Handle));
        interruption._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, interruption.Handle));
        return interruption;
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _source.Token;

    public bool Requested => Volatile.Read(ref _signal) != 0;

    /// <summary>SIGINT or SIGTERM once requested; null before.</summary>
    public string? SignalName => (PosixSignal)Volatile.Read(ref _signal) switch
    {
        0 => null,
        PosixSignal.SIGTERM => "SIGTERM",
        _ => "SIGINT",
    };

    /// <summary>The shell's convention: 128 + the signal number.</summary>
    public int ExitCode => (PosixSignal)Volatile.Read(ref _signal) == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;

    /// <summary>The task running now (set by the task lifetime), for the closing line.</summary>
    public string? CurrentTask { get; private set; }

    /// <summary>Called before each task: records it, and starts no task once a signal came.</summary>
    public void Enter(string task)
    {
        CurrentTask = task;
        ThrowIfRequested(null);
    }

    /// <summary>Takes a signal as if the system had sent it (for tests, and the same path as a real one).</summary>
    public void Request(PosixSignal signal)
    {
        if (Interlocked.CompareExchange(ref _signal, (int)signal, 0) == 0)
        {
            _source.Cancel();
        }
    }

    /// <exception cref="CakeException">A signal came: the interruption, with its exit code.</exception>
    public void ThrowIfRequested(string? during)
    {
        if (Requested)
        {
            throw Failure(during);
        }
    }

    /// <summary>The one line of an interruption: the signal, the task, what was running, the state it left.</summary>
    public CakeException Failure(string? during)
    {
        var task = CurrentTask is null ? "before the first task" : $"during {CurrentTask}";
        var running = during is null ? "" : $" while {during} ran (stopped and waited for)";
        var exception = new CakeException(ExitCode, $"Interrupted by {SignalName} {task}{running}. {StateLeft(CurrentTask)}");
        exception.Data[DataKey] = true;
        return exception;
    }

    /// <summary>True for the exception <see cref="Failure"/> made: passed on as it is, never wrapped as a task failure.</summary>
    public static bool IsInterruption(Exception exception) => exception.Data[DataKey] is true;

    /// <summary>
    /// What an interrupted task leaves behind: the promise of docs/reliability.md, which each task states on its class
    /// (<see cref="LeavesWhenInterruptedAttribute"/>).
    /// </summary>
    public static string StateLeft(string? task) => TaskCatalog.OfThisBuild.StateLeft(task);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private const string DataKey = "Build.Interrupted";

    private void Handle(PosixSignalContext context)
    {
        if (Requested)
        {
            // The second signal: the system's default, the host ends now.
            context.Cancel = false;
            return;
        }

        context.Cancel = true;
        Request(context.Signal);
    }
}
