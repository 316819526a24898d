using System.Security.Cryptography;
using System.Text;

namespace AtlasGuard.Reporting.Html;

/// <summary>
/// The report's own stylesheet and script, embedded in this assembly and inlined into every page, with the
/// Content-Security-Policy hashes that allow exactly them.
/// </summary>
internal static class HtmlAssets
{
    private static readonly Lazy<string> CssText = new(() => Read("report.css"));
    private static readonly Lazy<string> JsText = new(() => Read("report.js"));

    public static string Css => CssText.Value;

    public static string Script => JsText.Value;

    /// <summary>The CSP source for an inline element's exact content: <c>'sha256-…'</c>.</summary>
    public static string HashSource(string content) =>
        "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content))) + "'";

    /// <summary>
    /// The policy: nothing by default, the one style and the one script by hash (no script at all when
    /// <paramref name="script"/> is null), images only as data URLs.
    /// </summary>
    public static string ContentSecurityPolicy(string css, string? script) =>
        $"default-src 'none'; style-src {HashSource(css)}; script-src {(script is null ? "'none'" : HashSource(script))}; img-src data:; base-uri 'none'; form-action 'none'";

    private static string Read(string name) => ReadResource("AtlasGuard.Reporting.Html." + name);

    /// <summary>A text resource of this assembly by its logical name, with LF line ends.</summary>
    public static string ReadResource(string resource)
    {
        using var stream = typeof(HtmlAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Resource '{resource}' is missing from AtlasGuard.Reporting.");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // LF only, whatever the checkout did: the page and its hashes are the same on every machine.
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
