using System.Diagnostics;
using AtlasGuard.Formats.Python;

namespace AtlasGuard.Formats.Tests.Python;

public sealed class PythonTokenizerTests
{
    [Fact]
    public void A_reused_token_list_holds_only_the_new_source_tokens()
    {
        var list = PythonTokenizer.Tokenize("import os, sys, json\n", out _);

        var tokens = PythonTokenizer.Tokenize("x = 1\n", out _, PythonTokenizer.DefaultMaxTokens, list);

        Assert.Same(list, tokens);
        Assert.Equal(["x", "=", "1", "\n"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Fstrings_hold_nested_strings_of_the_same_quote_as_in_python_3_12()
    {
        var tokens = PythonTokenizer.Tokenize("x = f\"{d[\"key\"]} and {f'{y:>{w}}'}\" + eval(z)\n", out _);

        Assert.Equal(["x", "=", "f\"{d[\"key\"]} and {f'{y:>{w}}'}\"", "+", "eval", "(", "z", ")", "\n"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Doubled_braces_in_fstrings_are_text_not_fields()
    {
        var tokens = PythonTokenizer.Tokenize("s = f'{{literal}}' ; t = 1", out _);

        Assert.Equal(PythonTokenKind.String, tokens[2].Kind);
        Assert.Equal("f'{{literal}}'", tokens[2].Text);
        Assert.Equal("t", tokens[4].Text);
    }

    [Theory]
    [InlineData("b'x'")]
    [InlineData("Rb'x'")]
    [InlineData("bR'x'")]
    [InlineData("fr'x'")]
    [InlineData("U'x'")]
    [InlineData("t'x'")]
    public void Valid_string_prefixes_start_a_literal(string literal)
    {
        var tokens = PythonTokenizer.Tokenize(literal, out _);

        Assert.Equal(PythonTokenKind.String, Assert.Single(tokens).Kind);
    }

    [Fact]
    public void Invalid_prefix_pairs_are_names_followed_by_strings()
    {
        var tokens = PythonTokenizer.Tokenize("ub'x' bu'y'", out _);

        Assert.Equal([PythonTokenKind.Name, PythonTokenKind.String, PythonTokenKind.Name, PythonTokenKind.String], tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Numbers_with_underscores_exponents_and_suffixes_are_one_token()
    {
        var tokens = PythonTokenizer.Tokenize("1_000_000 0x_FF 1.5e-3 3j 0b1010 .5 1e+10", out _);

        Assert.Equal(["1_000_000", "0x_FF", "1.5e-3", "3j", "0b1010", ".5", "1e+10"], tokens.Select(t => t.Text));
        Assert.All(tokens, t => Assert.Equal(PythonTokenKind.Number, t.Kind));
    }

    [Fact]
    public void Non_ascii_identifiers_are_names()
    {
        var tokens = PythonTokenizer.Tokenize("données = модель(𝑥)", out _);

        Assert.Equal(["données", "=", "модель", "(", "𝑥", ")"], tokens.Select(t => t.Text));
        Assert.Equal(PythonTokenKind.Name, tokens[4].Kind);
    }

    [Fact]
    public void Backslash_continuation_joins_lines_and_keeps_line_numbers()
    {
        var tokens = PythonTokenizer.Tokenize("x = 1 + \\\n    2\ny = 3\n", out _);

        Assert.Equal(1, tokens.Count(t => t.Kind == PythonTokenKind.Newline && t.Line == 2));
        Assert.Equal(3, tokens.Single(t => t.Text == "y").Line);
    }

    [Fact]
    public void An_unclosed_bracket_is_given_up_at_the_next_definition()
    {
        var tokens = PythonTokenizer.Tokenize("x = foo(1,\n\ndef after():\n    pass\n", out _);

        var newline = tokens.FindIndex(t => t.Kind == PythonTokenKind.Newline);
        Assert.True(newline >= 0 && tokens[newline + 1].Text == "def");
    }

    [Fact]
    public void Invalid_utf16_and_odd_characters_become_error_tokens_without_failing()
    {
        var tokens = PythonTokenizer.Tokenize("a = \uD800 $ ? ` \uFFFD b\n", out _);

        Assert.Contains(tokens, t => t.Kind == PythonTokenKind.Error);
        Assert.Equal("b", tokens.Last(t => t.Kind == PythonTokenKind.Name).Text);
    }

    [Fact]
    public void A_huge_single_line_is_tokenized_in_bounded_time_and_tokens()
    {
        var source = string.Concat(Enumerable.Repeat("f(a, b=1) + ", 2_000_000)); // ~24 MB on one line

        var watch = Stopwatch.StartNew();
        var tokens = PythonTokenizer.Tokenize(source, out var truncated, maxTokens: 1_000_000);

        Assert.True(truncated);
        Assert.Equal(1_000_000, tokens.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void An_unterminated_triple_quoted_string_ends_at_the_end_of_the_input()
    {
        var source = "x = '''" + new string('a', 5_000_000);

        var tokens = PythonTokenizer.Tokenize(source, out _);

        Assert.Equal(PythonTokenizer.MaxStringTokenChars, tokens[^1].Text.Length);
    }
}
