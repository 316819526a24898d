namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>Renders a position in an expression for error messages.</summary>
public static class ExpressionText
{
    /// <summary>
    /// The line of <paramref name="expression"/> that holds <paramref name="position"/>, and under it a caret at that
    /// column (tabs are kept so the caret lines up). A position at the end points just past the last character.
    /// </summary>
    public static string PointAt(string expression, int position)
    {
        ArgumentNullException.ThrowIfNull(expression);
        position = Math.Clamp(position, 0, expression.Length);
        var start = position == 0 ? 0 : expression.LastIndexOf('\n', position - 1) + 1;
        var end = expression.IndexOf('\n', position);
        var line = expression[start..(end < 0 ? expression.Length : end)].TrimEnd('\r');
        var pad = new char[position - start];
        for (var i = 0; i < pad.Length; i++)
        {
            pad[i] = i < line.Length && line[i] == '\t' ? '\t' : ' ';
        }

        return line + Environment.NewLine + new string(pad) + "^";
    }
}
