using System.Text;
using AtlasGuard.Formats.Notebooks;

namespace AtlasGuard.Formats.Tests.Notebooks;

public class NotebookReaderTests
{
    private const string Sample = """
        {
         "cells": [
          {
           "cell_type": "markdown",
           "metadata": {},
           "source": ["# Title\n", "text"]
          },
          {
           "cell_type": "code",
           "execution_count": 1,
           "metadata": {},
           "outputs": [
            {"name": "stdout", "output_type": "stream", "text": ["epoch 1\n", "epoch 2\n"]},
            {"data": {"image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
                      "text/plain": ["<Figure>"]}, "metadata": {}, "output_type": "display_data"},
            {"ename": "KeyError", "evalue": "'x'", "output_type": "error",
             "traceback": ["Traceback (most recent call last)", "KeyError: 'x'"]}
           ],
           "source": [
            "import torch\n",
            "model = torch.load('m.pt')\n",
            "print(model)"
           ]
          }
         ],
         "metadata": {"kernelspec": {"language": "python", "name": "python3"}, "language_info": {"name": "python"}},
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """;

    private static Notebook Read(string json) => NotebookReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Sources_keep_the_file_line_of_each_of_their_lines()
    {
        var notebook = Read(Sample);

        var code = notebook.Texts.Single(t => t.Kind == NotebookTextKind.CodeSource);
        Assert.Equal(2, code.Cell);
        Assert.Equal("import torch\nmodel = torch.load('m.pt')\nprint(model)", code.Text);
        Assert.Equal([20, 21, 22], code.FileLines);
        Assert.Equal(21, code.FileLineOf(2));
        Assert.Null(notebook.Problem);
        Assert.True(notebook.IsPython);
        Assert.Equal(2, notebook.CellCount);
    }

    [Fact]
    public void Outputs_give_text_and_skip_images()
    {
        var notebook = Read(Sample);

        var outputs = notebook.Texts.Where(t => t.Output > 0).ToList();
        Assert.Equal(["epoch 1\nepoch 2\n", "<Figure>", "KeyError\n'x'\nTraceback (most recent call last)\nKeyError: 'x'"], outputs.Select(o => o.Text));
        Assert.Equal("text/plain", outputs[1].MimeType);
        Assert.Equal(1, notebook.SkippedBinaryOutputs);
        Assert.DoesNotContain(notebook.Texts, t => t.Text.Contains("iVBOR", StringComparison.Ordinal));
        Assert.Equal("cell 2, output 3", outputs[2].Describe());
    }

    [Fact]
    public void An_escaped_lone_surrogate_does_not_end_the_read()
    {
        const string json = """
            {"cells": [
             {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["label = '\ud800'\n", "token = 'x'\n"]},
             {"cell_type": "code", "metadata": {}, "outputs": [], "source": "import torch"}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """;

        var notebook = Read(json);

        Assert.Null(notebook.Problem);
        Assert.Equal(["label = '\ud800'\ntoken = 'x'\n", "import torch"], notebook.Texts.Select(t => t.Text));
    }

    [Fact]
    public void A_truncated_notebook_yields_what_came_before_and_a_problem()
    {
        var cut = Sample[..Sample.IndexOf("print(model)", StringComparison.Ordinal)];

        var notebook = Read(cut);

        Assert.NotNull(notebook.Problem);
        Assert.True(notebook.ProblemLine > 20);
        Assert.Contains(notebook.Texts, t => t.Text.StartsWith("epoch 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Deep_nesting_is_a_problem_not_a_crash()
    {
        var json = "{\"cells\": [{\"metadata\": " + new string('[', 10_000) + new string(']', 10_000) + "}]}";

        var notebook = Read(json);

        Assert.NotNull(notebook.Problem);
    }

    [Fact]
    public void Cells_past_the_limit_are_a_problem()
    {
        var json = "{\"cells\": [" + string.Join(",", Enumerable.Repeat("{\"cell_type\":\"code\",\"source\":\"x\"}", 20)) + "]}";

        var notebook = NotebookReader.Read(Encoding.UTF8.GetBytes(json), new NotebookLimits { MaxCells = 5 });

        Assert.Equal(5, notebook.CellCount);
        Assert.Contains("more than 5 cells", notebook.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Nbformat_3_worksheets_and_inputs_are_read()
    {
        const string json = """{"worksheets": [{"cells": [{"cell_type": "code", "input": ["!pip install x\n"], "outputs": [{"output_type": "pyout", "png": "AAAA", "text": ["1"]}]}]}]}""";

        var notebook = Read(json);

        Assert.Equal("!pip install x\n", notebook.Texts[0].Text);
        Assert.Equal("1", notebook.Texts[1].Text);
        Assert.Equal(1, notebook.SkippedBinaryOutputs);
    }

    [Fact]
    public void Json_valued_outputs_are_kept_as_raw_text()
    {
        const string json = """{"cells": [{"cell_type": "code", "source": "x", "outputs": [{"output_type": "execute_result", "data": {"application/json": {"token": "abc"}}}]}]}""";

        var notebook = Read(json);

        Assert.Contains("\"token\": \"abc\"", notebook.Texts[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_replaced()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"cells\": [{\"cell_type\": \"code\", \"source\": \"a#b\"}]}");
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xff;

        var notebook = NotebookReader.Read(bytes);

        Assert.True(notebook.Problem is null || notebook.Texts.Count == 0);
    }

    [Fact]
    public void A_non_python_kernel_is_reported()
    {
        Assert.False(Read("""{"metadata": {"kernelspec": {"language": "R"}}, "cells": []}""").IsPython);
    }
}
