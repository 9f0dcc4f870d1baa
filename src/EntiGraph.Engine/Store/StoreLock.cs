namespace EntiGraph.Engine.Store;

/// <summary>
/// One writer per store at a time. The lock is an OS file lock on <c>store/.lock</c>, so it dies with
/// its process (even under SIGKILL) and never needs cleaning up; <c>.lock.owner</c> says who holds it.
/// </summary>
public sealed class StoreLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _ownerFile;

    private StoreLock(FileStream stream, string ownerFile)
    {
        _stream = stream;
        _ownerFile = ownerFile;
    }

    /// <param name="timeout">How long to wait for another run to finish; zero fails at once.</param>
    /// <param name="waiting">Told once, with the holder's description, when the lock is busy.</param>
    public static StoreLock Acquire(string storeDirectory, TimeSpan timeout, Action<string>? waiting = null)
    {
        Directory.CreateDirectory(storeDirectory);
        var path = Path.Combine(storeDirectory, ".lock");
        var ownerFile = path + ".owner";
        var deadline = DateTime.UtcNow + timeout;
        var told = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                File.WriteAllText(ownerFile, $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTimeOffset.UtcNow:u}");
                return new StoreLock(stream, ownerFile);
            }
            catch (IOException)
            {
                var owner = File.Exists(ownerFile) ? File.ReadAllText(ownerFile) : "another process";
                if (DateTime.UtcNow >= deadline)
                {
                    throw new StoreLockedException(
                        $"the store {storeDirectory} is locked by another run ({owner}); wait for it to finish, or raise --lock-timeout");
                }

                if (!told)
                {
                    waiting?.Invoke(owner);
                    told = true;
                }

                Thread.Sleep(200);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_ownerFile);
        }
        catch (IOException)
        {
        }

        _stream.Dispose();
    }
}

public sealed class StoreLockedException(string message) : Exception(message);
