using System.Diagnostics;

namespace Build.Lock;

/// <summary>
/// An exclusive OS lock on a file (FileShare.None: flock on Unix, a share-mode lock on Windows), held until disposed.
/// The lock file itself stays on disk: deleting it would let a waiter lock a file that no longer exists.
/// </summary>
public sealed class ExclusiveFileLock : IDisposable
{
    private readonly FileStream stream;

    private ExclusiveFileLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock, retrying every <paramref name="pollInterval"/> until <paramref name="timeout"/>.</summary>
    /// <param name="path">The lock file; created when missing.</param>
    /// <param name="timeout">How long to wait for the holder.</param>
    /// <param name="waiting">Called once, when the lock is held by someone else, with a message for the log.</param>
    /// <param name="cancel">Stops waiting.</param>
    /// <param name="pollInterval">Retry interval; 100 ms by default.</param>
    /// <exception cref="TimeoutException">Another holder kept the lock longer than <paramref name="timeout"/>.</exception>
    public static ExclusiveFileLock Acquire(string path, TimeSpan timeout, Action<string> waiting, CancellationToken cancel, TimeSpan? pollInterval = null)
    {
        var clock = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            try
            {
                return new ExclusiveFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                if (!told)
                {
                    waiting($"waiting for another build to finish regenerating {Path.GetFileNameWithoutExtension(path)} " +
                        $"(lock file {path}, up to {timeout.TotalSeconds:0} s) ...");
                    told = true;
                }

                cancel.WaitHandle.WaitOne(pollInterval ?? TimeSpan.FromMilliseconds(100));
            }
            catch (IOException error)
            {
                throw new TimeoutException($"Another build held {path} for more than {timeout.TotalSeconds:0} s; giving up.", error);
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => stream.Dispose();
}
