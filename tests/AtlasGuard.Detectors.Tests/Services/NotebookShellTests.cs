using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.Services;
using AtlasGuard.Detectors.SourceFiles;

namespace AtlasGuard.Detectors.Tests.Services;

public sealed class NotebookShellTests
{
    private static async Task<string?> ShellOf(string notebook)
    {
        var bytes = Encoding.UTF8.GetBytes(notebook);
        var target = new ScanTarget(new ArtifactLocation("nb.ipynb"), "nb.ipynb", bytes.Length, ArtifactKind.Unknown, bytes.AsMemory(0, Math.Min(bytes.Length, 512)), () => new MemoryStream(bytes));
        var source = await SourceText.ReadAsync(target, CancellationToken.None);
        return NotebookShell.Read(source.Pieces, CancellationToken.None);
    }

    private static string Cell(params string[] lines) =>
        "  {\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"source\": [\n" + string.Join(",\n", lines.Select(l => "   \"" + l + "\"")) + "\n  ]}";

    private static string Notebook(params string[] cells) => "{\n \"cells\": [\n" + string.Join(",\n", cells) + "\n ],\n \"nbformat\": 4, \"nbformat_minor\": 5\n}\n";

    [Fact]
    public async Task Shell_escapes_land_on_their_notebook_file_lines()
    {
        var shell = await ShellOf(Notebook(Cell("import os\\n", "!ollama serve &\\n", "x = 1\\n", "  !!nvidia-smi")));

        var lines = shell!.Split('\n');
        Assert.Equal("ollama serve &", lines[4]); // file line 5
        Assert.Equal("nvidia-smi", lines[6]);   // file line 7
        Assert.DoesNotContain("import", shell, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%env OLLAMA_HOST=0.0.0.0", "export OLLAMA_HOST=0.0.0.0")]
    [InlineData("%env OLLAMA_HOST 0.0.0.0", "export OLLAMA_HOST=0.0.0.0")]
    [InlineData("%system mlflow ui --host 0.0.0.0", "mlflow ui --host 0.0.0.0")]
    [InlineData("%sx ray start --head", "ray start --head")]
    public async Task Line_magics_that_run_or_set_the_shell_are_read(string magic, string expected)
    {
        var shell = await ShellOf(Notebook(Cell(magic)));

        Assert.Equal(expected, shell!.Trim('\n'));
    }

    [Theory]
    [InlineData("%%bash\\n", true)]
    [InlineData("%%sh\\n", true)]
    [InlineData("%%script bash\\n", true)]
    [InlineData("%%time\\n", false)]
    [InlineData("%%capture out\\n", false)]
    public async Task Only_shell_cell_magics_make_the_whole_cell_shell(string magic, bool shell)
    {
        var text = await ShellOf(Notebook(Cell(magic, "mlflow ui --host 0.0.0.0 &\\n")));

        Assert.Equal(shell, text?.Contains("mlflow ui", StringComparison.Ordinal) ?? false);
    }

    [Fact]
    public async Task A_notebook_without_shell_gives_nothing_and_outputs_are_not_shell()
    {
        const string withOutput = "  {\"cell_type\": \"code\", \"metadata\": {}, \"source\": [\"print(1)\"], \"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"!ray start --head\\n\"]}]}";

        Assert.Null(await ShellOf(Notebook(Cell("print('100% done!')"), withOutput)));
    }

    [Fact]
    public async Task Markdown_that_shows_a_command_is_not_shell()
    {
        const string markdown = "  {\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"!ollama serve\"]}";

        Assert.Null(await ShellOf(Notebook(markdown)));
    }
}
