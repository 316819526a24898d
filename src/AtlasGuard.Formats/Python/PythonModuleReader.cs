namespace AtlasGuard.Formats.Python;

/// <summary>
/// Summarises the imports and call sites of a Python module (see <see cref="PythonParser"/>, which does the
/// reading): <c>import</c> and <c>from</c> statements with aliases, relative imports, and calls with their callee
/// resolved through the imports. Syntax errors are tolerated; nothing is executed.
/// </summary>
public static class PythonModuleReader
{
    /// <summary>Summarises <paramref name="source"/>.</summary>
    public static PythonModuleSummary Read(string source, int maxTokens = PythonTokenizer.DefaultMaxTokens)
    {
        var module = PythonParser.Parse(source, maxTokens);
        return new PythonModuleSummary(module.Imports, module.RelativeImports,
            [.. module.Calls.Select(c => new PythonCall(c.Name, c.Resolved, c.Line, c.Column))], module.Truncated);
    }
}
