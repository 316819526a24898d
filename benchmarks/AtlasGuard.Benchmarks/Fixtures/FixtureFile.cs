namespace AtlasGuard.Benchmarks.Fixtures;

/// <summary>A fixture being written: a temporary file renamed into place on <see cref="Commit"/>, so that an
/// interrupted generation never leaves a truncated fixture behind to be reused.</summary>
internal sealed class FixtureFile : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private bool _committed;

    private FixtureFile(string path)
    {
        _path = path;
        _temporary = path + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Stream = new FileStream(_temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
    }

    public FileStream Stream { get; }

    public static FixtureFile Create(string path) => new(path);

    public void Commit()
    {
        Stream.Flush();
        Stream.Dispose();
        File.Move(_temporary, _path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (!_committed)
        {
            File.Delete(_temporary);
        }
    }
}
