using AtlasGuard.Testing;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Scanning.Discovery;

namespace AtlasGuard.Core.Tests.Scanning;

public sealed class FileDiscoveryTests
{
    [Fact]
    public void Lists_files_sorted_with_forward_slashes_and_skips_git_folder()
    {
        using var tree = new TempTree();
        tree.Write("b.txt", "b");
        tree.Write("a/z.txt", "z");
        tree.Write("a/y.txt", "y");
        tree.Write(".git/config", "x");

        var files = Discover(tree, tree.Root);

        Assert.Equal(["a/y.txt", "a/z.txt", "b.txt"], files.Select(f => f.RelativePath));
    }

    [Fact]
    public void Marks_gitignored_files_instead_of_dropping_them()
    {
        using var tree = new TempTree();
        tree.Write(".gitignore", "*.pt\ncheckpoints/\n!keep.pt\n");
        tree.Write("model.pt", "x");
        tree.Write("keep.pt", "x");
        tree.Write("checkpoints/epoch1.bin", "x");
        tree.Write("train.py", "x");

        var files = Discover(tree, tree.Root).ToDictionary(f => f.RelativePath, f => f.IsGitIgnored);

        Assert.True(files["model.pt"]);
        Assert.True(files["checkpoints/epoch1.bin"]);
        Assert.False(files["keep.pt"]);
        Assert.False(files["train.py"]);
    }

    [Fact]
    public void Nested_gitignore_applies_to_its_folder_only()
    {
        using var tree = new TempTree();
        tree.Write("sub/.gitignore", "*.log\n");
        tree.Write("sub/a.log", "x");
        tree.Write("b.log", "x");

        var files = Discover(tree, tree.Root).ToDictionary(f => f.RelativePath, f => f.IsGitIgnored);

        Assert.True(files["sub/a.log"]);
        Assert.False(files["b.log"]);
    }

    [Fact]
    public void Gitignore_is_not_used_when_disabled()
    {
        using var tree = new TempTree();
        tree.Write(".gitignore", "*.pt\n");
        tree.Write("model.pt", "x");

        var files = new FileDiscovery(tree.Root, [], useGitIgnore: false, new FindingCollector()).Discover([tree.Root]);

        Assert.False(files.Single(f => f.RelativePath == "model.pt").IsGitIgnored);
    }

    [Fact]
    public void Excludes_prune_files_and_folders()
    {
        using var tree = new TempTree();
        tree.Write("data/raw/big.bin", "x");
        tree.Write("data/clean.csv", "x");
        tree.Write("notes.tmp", "x");

        var files = new FileDiscovery(tree.Root, ["data/raw", "*.tmp"], useGitIgnore: true, new FindingCollector()).Discover([tree.Root]);

        Assert.Equal(["data/clean.csv"], files.Select(f => f.RelativePath));
    }

    [Fact]
    public void Links_leaving_the_root_are_reported_and_not_followed()
    {
        using var outside = new TempTree();
        var secret = outside.Write("secret.txt", "s");
        using var tree = new TempTree();
        tree.Write("a.txt", "a");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "link.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "linkdir"), outside.Root);
        var sink = new FindingCollector();

        var files = new FileDiscovery(tree.Root, [], true, sink).Discover([tree.Root]);

        Assert.Equal(["a.txt"], files.Select(f => f.RelativePath));
        var findings = sink.ToSortedArray();
        Assert.Equal(2, findings.Length);
        Assert.All(findings, f => Assert.Equal("AG-SCN-009", f.RuleId));
    }

    [Fact]
    public void Links_inside_the_root_to_files_are_scanned_under_the_link_name()
    {
        using var tree = new TempTree();
        var target = tree.Write("real/model.pt", "x");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "alias.pt"), target);
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "loop"), tree.Root);

        var files = Discover(tree, tree.Root);

        Assert.Equal(["alias.pt", "real/model.pt"], files.Select(f => f.RelativePath));
    }

    [Fact]
    public void Common_root_of_several_paths_is_their_shared_folder()
    {
        using var tree = new TempTree();
        var a = tree.Write("x/a.txt", "a");
        var b = tree.Write("y/z/b.txt", "b");

        var root = FileDiscovery.CommonRoot([a, b]);

        Assert.Equal(tree.Root, root);
    }

    private static IReadOnlyList<DiscoveredFile> Discover(TempTree tree, string path) =>
        new FileDiscovery(tree.Root, [], useGitIgnore: true, new FindingCollector()).Discover([path]);
}
