using System.Text;
using System.Text.Json;
using AtlasGuard.Formats.Shell;

namespace AtlasGuard.Formats.Docker;

/// <summary>One Dockerfile instruction.</summary>
/// <param name="Keyword">The instruction, upper case (<c>FROM</c>, <c>CMD</c> ...).</param>
/// <param name="Arguments">Its text after the keyword, continuation lines joined.</param>
/// <param name="Line">The 1-based line it starts on.</param>
/// <param name="ExecForm">The words of a JSON-array (exec form) argument, or null for the shell form.</param>
public sealed record DockerInstruction(string Keyword, string Arguments, int Line, IReadOnlyList<string>? ExecForm)
{
    /// <summary>The words: the exec form as written, or the shell form split the way the shell would.</summary>
    public IReadOnlyList<string> Words => ExecForm ?? [.. ShellLexer.Split(Arguments).SelectMany(c => c.Words).Take(ShellLexer.MaxWords)];
}

/// <summary>
/// Splits a Dockerfile into instructions: comment lines are skipped, a trailing backslash continues the
/// instruction on the next line, JSON arrays are read as exec form. Linear in the text; at most
/// <see cref="MaxInstructions"/> instructions and <see cref="MaxInstructionLength"/> characters each are kept.
/// </summary>
public static class DockerfileReader
{
    /// <summary>The most instructions read.</summary>
    public const int MaxInstructions = 10_000;

    /// <summary>The most characters kept of one instruction.</summary>
    public const int MaxInstructionLength = 64 * 1024;

    /// <summary>Reads the instructions of <paramref name="text"/>.</summary>
    public static IReadOnlyList<DockerInstruction> Read(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<DockerInstruction>();
        var current = new StringBuilder();
        var start = 0;
        var lineNumber = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if ((lineNumber & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var line = raw.TrimStart();
            if (line.StartsWith("#") || (line.IsEmpty && current.Length == 0))
            {
                continue;
            }

            if (current.Length == 0)
            {
                start = lineNumber;
            }

            var trimmed = line.TrimEnd();
            var continues = trimmed.EndsWith("\\");
            var piece = continues ? trimmed[..^1] : trimmed;
            if (current.Length + piece.Length < MaxInstructionLength)
            {
                current.Append(piece).Append(' ');
            }

            if (!continues)
            {
                Add(result, current.ToString().Trim(), start);
                current.Clear();
                if (result.Count >= MaxInstructions)
                {
                    return result;
                }
            }
        }

        Add(result, current.ToString().Trim(), start);
        return result;
    }

    private static void Add(List<DockerInstruction> result, string instruction, int line)
    {
        if (instruction.Length == 0)
        {
            return;
        }

        var space = instruction.IndexOfAny([' ', '\t']);
        var keyword = (space < 0 ? instruction : instruction[..space]).ToUpperInvariant();
        var arguments = space < 0 ? string.Empty : instruction[(space + 1)..].Trim();
        result.Add(new DockerInstruction(keyword, arguments, line, ExecForm(arguments)));
    }

    private static List<string>? ExecForm(string arguments)
    {
        if (!arguments.StartsWith('[') || !arguments.EndsWith(']'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(arguments, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Take(ShellLexer.MaxWords)];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
