namespace AtlasGuard.Testing;

/// <summary>
/// Golden-file assertions. Expected files live in the test project's <c>Expectations/</c> folder in the
/// source tree. Run the tests with <c>UPDATE_GOLDEN=1</c> to accept new output; review the diff before committing.
/// </summary>
public static class Golden
{
    /// <summary>Compares <paramref name="actual"/> with the golden file, or rewrites it when updating.</summary>
    public static void Verify(string projectFolder, string relativePath, string actual)
    {
        var path = RepoPaths.InRepo("tests", projectFolder, "Expectations", relativePath);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        if (!File.Exists(path))
        {
            throw new Xunit.Sdk.XunitException($"Golden file {path} is missing. Run the tests with UPDATE_GOLDEN=1 to create it.");
        }

        var expected = File.ReadAllText(path);
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            var at = FirstDifference(expected, actual);
            throw new Xunit.Sdk.XunitException(
                $"Output differs from {path} at character {at}:\nexpected: {Around(expected, at)}\nactual:   {Around(actual, at)}\n" +
                "Run with UPDATE_GOLDEN=1 to accept the new output.");
        }
    }

    private static int FirstDifference(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return n;
    }

    private static string Around(string s, int at) =>
        s.Substring(Math.Max(0, at - 40), Math.Min(s.Length - Math.Max(0, at - 40), 80)).Replace("\n", "\\n", StringComparison.Ordinal);
}
