using System.Diagnostics;
using AtlasGuard.Formats.Python;

namespace AtlasGuard.Formats.Tests.Python;

public sealed class PythonParserTests
{
    [Fact]
    public void Aliases_of_every_import_form_resolve()
    {
        var module = PythonParser.Parse("import torch as T\nfrom pickle import loads as l\nfrom torch import load\nimport a.b.c\nimport numpy as np, yaml\n"
            + "T.load(p)\nl(x)\nload(q)\na.b.c.run()\nnp.load(f)\nyaml.load(s)\n");

        Assert.Equal(["torch.load", "pickle.loads", "torch.load", "a.b.c.run", "numpy.load", "yaml.load"], module.Calls.Select(c => c.Resolved));
        Assert.True(module.ImportsModule("a.b"));
    }

    [Fact]
    public void A_simple_rebinding_of_an_imported_attribute_is_followed()
    {
        var module = PythonParser.Parse("import torch\nloader = torch.load\nloader('m.pt')\nother = something.load\nother('x')\n");

        Assert.Equal(["torch.load", "other"], module.Calls.Select(c => c.Resolved));
    }

    [Fact]
    public void Keyword_and_positional_arguments_carry_literal_values()
    {
        var module = PythonParser.Parse("f('a', 2, x, k=True, s=\"0.0.0.0\", n=None, l=yaml.SafeLoader, e=a + b, *rest, **opts)\n");

        var call = Assert.Single(module.Calls);
        Assert.Equal("a", call.Argument("", 0)!.Value);
        Assert.Equal("2", call.Argument("", 1)!.Value);
        Assert.Equal(PythonValueKind.Name, call.Argument("", 2)!.Kind);
        Assert.True(call.Argument("k")!.IsLiteral("True"));
        Assert.True(call.Argument("s")!.IsLiteral("0.0.0.0"));
        Assert.True(call.Argument("n")!.IsLiteral("None"));
        Assert.Equal("yaml.SafeLoader", call.Argument("l")!.Value);
        Assert.Equal(PythonValueKind.Other, call.Argument("e")!.Kind);
        Assert.True(call.Spread);
    }

    [Fact]
    public void Fstrings_with_fields_are_not_literals_but_plain_and_concatenated_strings_are()
    {
        var module = PythonParser.Parse("run(f\"ls {d}\")\nrun(f'ls')\nrun('a' 'b')\nrun(rb'x')\n");

        Assert.Equal([PythonValueKind.Other, PythonValueKind.Literal, PythonValueKind.Literal, PythonValueKind.Literal],
            module.Calls.Select(c => c.Arguments[0].Kind));
        Assert.Equal("ab", module.Calls[2].Arguments[0].Value);
    }

    [Fact]
    public void Arguments_span_lines_and_continuations()
    {
        var module = PythonParser.Parse("m = AutoModel.from_pretrained(\n    name,  # the model\n    trust_remote_code=\\\n        True,\n)\n");

        var call = Assert.Single(module.Calls);
        Assert.True(call.Argument("trust_remote_code")!.IsLiteral("True"));
        Assert.Equal(1, call.Line);
    }

    [Fact]
    public void Nested_and_chained_calls_are_all_found_in_source_order()
    {
        var module = PythonParser.Parse("import gradio as gr\ngr.Interface(fn=f(g(1)), inputs='text').launch(share=True)\n");

        Assert.Equal(["gradio.Interface", "f", "g", "gradio.Interface().launch"], module.Calls.Select(c => c.Resolved));
        Assert.True(module.Calls[3].Argument("share")!.IsLiteral("True"));
        Assert.Equal(2, module.Calls[0].Arguments.Length);
    }

    [Fact]
    public void Assignments_and_with_bindings_are_recorded_with_their_function()
    {
        var module = PythonParser.Parse("x = 1\ndef f():\n    with tarfile.open(p) as tar:\n        tar.extractall()\n    c.ServerApp.token = ''\n");

        Assert.Equal([("x", 0), ("tar", 1), ("c.ServerApp.token", 1)], module.Assignments.Select(a => (a.Target, a.Scope)));
        Assert.True(module.Assignments[2].Value.IsLiteral(string.Empty));
    }

    [Fact]
    public void Keywords_are_not_callees()
    {
        var module = PythonParser.Parse("if (x):\n    return (y)\nprint(not (z))\n");

        Assert.Equal(["print"], module.Calls.Select(c => c.Resolved));
    }

    [Fact]
    public void An_unclosed_call_ends_with_its_statement_and_the_rest_of_the_file_is_read()
    {
        var module = PythonParser.Parse("broken = foo(1, 2\n\ndef later():\n    torch.load(p, weights_only=False)\n");

        Assert.Equal(["foo", "torch.load"], module.Calls.Select(c => c.Resolved));
        Assert.True(module.Calls[1].Argument("weights_only")!.IsLiteral("False"));
    }

    [Fact]
    public void Deep_nesting_is_bounded_and_does_not_overflow_the_stack()
    {
        var source = string.Concat(Enumerable.Repeat("f(", 200_000)) + string.Concat(Enumerable.Repeat(")", 200_000)) + "\nos.system(x)\n";

        var module = PythonParser.Parse(source);

        Assert.Equal(PythonParser.MaxNesting + 1, module.Calls.Length);
        Assert.Equal("os.system", module.Calls[^1].Resolved);
    }

    [Fact]
    public void A_huge_single_line_is_parsed_in_bounded_time()
    {
        var source = string.Concat(Enumerable.Repeat("g(a, k=1); ", 2_000_000)); // ~22 MB on one line

        var watch = Stopwatch.StartNew();
        var module = PythonParser.Parse(source, maxTokens: 2_000_000);

        Assert.True(module.Truncated);
        Assert.InRange(module.Calls.Length, 100_000, 300_000);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Replacement_characters_from_invalid_utf8_do_not_stop_the_parse()
    {
        var text = System.Text.Encoding.UTF8.GetString([0x78, 0x20, 0x3D, 0x20, 0xC3, 0x28, 0xFF, 0x0A, (byte)'e', (byte)'v', (byte)'a', (byte)'l', (byte)'(', (byte)'y', (byte)')']);

        var module = PythonParser.Parse(text);

        Assert.Equal("eval", Assert.Single(module.Calls).Resolved);
    }

    [Fact]
    public void A_call_filter_keeps_wanted_names_modules_aliases_and_keyword_wake_ups_only()
    {
        var filter = new PythonCallFilter(["load", "launch"], ["subprocess"], ["trust_remote_code"]);
        var source = "import subprocess as sp\nfrom pickle import load as l\nimport gradio as gr\n"
            + "x = helper(a, b=1)\nsp.run(cmd, shell=True)\nl(fh)\nm = Auto.make(name, trust_remote_code=True, k=f(2))\n"
            + "gr.Interface(fn).launch(share=True)\nnp.load(p)\n";

        var module = PythonParser.Parse(source, filter);

        Assert.Equal(["subprocess.run", "pickle.load", "Auto.make", "gradio.Interface().launch", "np.load"], module.Calls.Select(c => c.Resolved));
        Assert.True(module.Calls[2].Argument("trust_remote_code")!.IsLiteral("True"));
        Assert.Equal(PythonValueKind.Other, module.Calls[2].Argument("k")!.Kind);
        Assert.Equal(3, module.Calls[2].Arguments.Length);
        Assert.Equal(["x", "m"], module.Assignments.Select(a => a.Target));
    }
}
