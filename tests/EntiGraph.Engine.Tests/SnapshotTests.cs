using EntiGraph.TestKit;
using Xunit.Sdk;

namespace EntiGraph.Engine.Tests;

public sealed class SnapshotTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void A_matching_snapshot_passes_and_removes_an_old_received_file()
    {
        var source = Path.Combine(_workspace.Root, "SomeTests.cs");
        File.WriteAllText(Path.Combine(_workspace.Root, "SnapshotTests.Case.verified.md"), "# title\r\nbody\n");
        File.WriteAllText(Path.Combine(_workspace.Root, "SnapshotTests.Case.received.md"), "old");

        Snapshot.Verify(this, "# title\nbody", "md", sourceFile: source, method: "Case");

        Assert.False(File.Exists(Path.Combine(_workspace.Root, "SnapshotTests.Case.received.md")));
    }

    [Fact]
    public void A_mismatch_fails_writes_received_and_leaves_verified_alone()
    {
        var source = Path.Combine(_workspace.Root, "SomeTests.cs");
        var verified = Path.Combine(_workspace.Root, "SnapshotTests.Case.verified.txt");
        File.WriteAllText(verified, "one\ntwo\n");

        var error = Assert.Throws<XunitException>(() => Snapshot.Verify(this, "one\nthree\n", sourceFile: source, method: "Case"));

        Assert.Contains("line 2: expected \"two\", received \"three\"", error.Message);
        Assert.Equal("one\nthree\n", File.ReadAllText(Path.Combine(_workspace.Root, "SnapshotTests.Case.received.txt")));
        Assert.Equal("one\ntwo\n", File.ReadAllText(verified));
    }

    [Fact]
    public void Volatile_values_are_scrubbed()
    {
        var scrubbed = Snapshot.ScrubVolatile("built at 2026-11-23T19:29:15.123Z in 1.5 s");

        Assert.Equal("built at {timestamp} in {seconds}", scrubbed);
    }
}
