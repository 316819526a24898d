using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.SourceFiles;

namespace AtlasGuard.Detectors.Tests.SourceFiles;

public class SourceTextTests
{
    private static ScanTarget Target(string name, byte[] bytes) =>
        new(new ArtifactLocation(name), name, bytes.Length, ArtifactKind.Unknown, bytes.AsMemory(0, Math.Min(bytes.Length, 512)), () => new MemoryStream(bytes));

    [Fact]
    public async Task A_notebook_gives_one_piece_per_cell_text_located_at_file_lines()
    {
        var json = "{\n \"cells\": [\n  {\"cell_type\": \"code\", \"source\": [\n   \"import os\\n\",\n   \"key = 'x'\"\n  ]}\n ]\n}\n";

        var text = await SourceText.ReadAsync(Target("nb.ipynb", Encoding.UTF8.GetBytes(json)), CancellationToken.None);

        var piece = Assert.Single(text.Pieces);
        Assert.Equal(SourcePieceKind.NotebookCode, piece.Kind);
        var offset = piece.Text.IndexOf("key", StringComparison.Ordinal);
        Assert.Equal(5, piece.Locate(offset).Line);
        Assert.Equal("cell 1, line 2", piece.Describe(offset));
    }

    [Fact]
    public async Task A_broken_notebook_is_still_scanned_as_text()
    {
        var text = await SourceText.ReadAsync(Target("nb.ipynb", Encoding.UTF8.GetBytes("not json at all: hf_x")), CancellationToken.None);

        Assert.NotNull(text.Problem);
        Assert.Equal(SourcePieceKind.File, Assert.Single(text.Pieces).Kind);
    }

    [Fact]
    public async Task A_binary_file_with_a_source_name_gives_no_pieces()
    {
        var text = await SourceText.ReadAsync(Target("x.py", [0x50, 0x4b, 3, 4, 0, 0, 0]), CancellationToken.None);

        Assert.True(text.LooksBinary);
        Assert.Empty(text.Pieces);
    }

    [Fact]
    public async Task A_file_over_the_bound_is_read_to_the_bound_with_a_problem()
    {
        var text = await SourceText.ReadAsync(Target("big.py", Encoding.UTF8.GetBytes(new string('a', 5_000))), CancellationToken.None, maxBytes: 1_000);

        Assert.Equal(1_000, Assert.Single(text.Pieces).Text.Length);
        Assert.NotNull(text.Problem);
    }

    [Fact]
    public async Task A_target_read_by_several_detectors_is_opened_once()
    {
        var bytes = Encoding.UTF8.GetBytes("token = 'x'\n");
        var opened = 0;
        var target = new ScanTarget(new ArtifactLocation("a.py"), "a.py", bytes.Length, ArtifactKind.Unknown, bytes,
            () => { opened++; return new MemoryStream(bytes); });

        var first = await SourceText.ReadAsync(target, CancellationToken.None);
        var second = await SourceText.ReadAsync(target, CancellationToken.None, maxBytes: 1_000);

        Assert.Same(first, second);
        Assert.Equal(1, opened);
    }

    [Fact]
    public async Task A_read_cut_at_one_bound_is_not_given_for_another()
    {
        var target = Target("big.py", Encoding.UTF8.GetBytes(new string('a', 5_000)));

        var cut = await SourceText.ReadAsync(target, CancellationToken.None, maxBytes: 1_000);
        var whole = await SourceText.ReadAsync(target, CancellationToken.None);

        Assert.Equal(1_000, Assert.Single(cut.Pieces).Text.Length);
        Assert.Equal(5_000, Assert.Single(whole.Pieces).Text.Length);
        Assert.Null(whole.Problem);
    }

    [Fact]
    public void A_plain_file_locates_line_and_column()
    {
        var piece = SourceText.FromText(new ArtifactLocation("a.py"), "x = 1\ny = 2\n").Pieces[0];

        var location = piece.Locate(6);

        Assert.Equal((2, 1), (location.Line, location.Column));
    }
}
