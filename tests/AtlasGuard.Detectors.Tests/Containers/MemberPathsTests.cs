using AtlasGuard.Detectors.Containers;

namespace AtlasGuard.Detectors.Tests.Containers;

public sealed class MemberPathsTests
{
    [Theory]
    [InlineData("../../.bashrc")]
    [InlineData("model/../../x")]
    [InlineData("/etc/cron.d/job")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("c:\\Users\\x\\AppData\\run.bat")]
    [InlineData("..\\..\\x")]
    public void Escaping_paths_are_caught(string path) => Assert.NotNull(MemberPaths.Escape(path));

    [Theory]
    [InlineData("archive/data.pkl")]
    [InlineData("model..bin")]
    [InlineData("a/..b/c")]
    [InlineData("./model/weights.bin")]
    public void Ordinary_paths_pass(string path) => Assert.Null(MemberPaths.Escape(path));
}
